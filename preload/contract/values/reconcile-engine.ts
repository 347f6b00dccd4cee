// The value sets of reconcile-engine.ts without zod, so the database schema and start-up code can use them
// without building every schema of the contract (the CLI starts faster; issue #17).
export const compareKinds = ['text', 'number', 'datetime', 'ignore'] as const;
export type CompareKind = (typeof compareKinds)[number];

export const discrepancyKinds = [
  'missing-in-new',
  'missing-in-old',
  'different',
  'duplicate-key-old',
  'duplicate-key-new',
] as const;
export type DiscrepancyKind = (typeof discrepancyKinds)[number];
