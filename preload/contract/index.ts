// THE contract between renderer and main: method names (`area.verb`), the zod schema that main parses
// every input with, and the result type. Each area declares its slice in its own file
// (`preload/contract/<area>.ts`, exporting `<area>Contract`); this file joins them. The preload
// (preload/api.ts), the Electron binding, the preview server and the renderer client are all derived from
// this table; tests/unit/contract.test.ts fails if any side is missing a method.
import type { z } from 'zod';
import type { Envelope } from './errors.ts';
import { issuesContract } from './issues.ts';
import { reconcileContract } from './reconcile.ts';
import { referenceContract } from './reference.ts';
import { reportsContract } from './reports.ts';
import { syncContract } from './sync.ts';
import { trainingContract } from './training.ts';
import { knowledgeContract } from './knowledge.ts';
import { surveysContract } from './surveys.ts';
import { roundsContract } from './rounds.ts';
import { searchContract } from './search.ts';
import { requestsContract } from './requests.ts';
import { changesContract } from './changes.ts';
import { cutoverContract } from './cutover.ts';
import { hubContract } from './hub.ts';

export * from './reference.ts';
export * from './errors.ts';
export * from './issues.ts';
export * from './sync.ts';
export * from './training.ts';
export * from './reconcile.ts';
export * from './knowledge.ts';
export * from './surveys.ts';
export * from './rounds.ts';
export * from './search.ts';
export * from './reports.ts';
export * from './requests.ts';
export * from './changes.ts';
export * from './cutover.ts';
export * from './hub.ts';

export const contract = {
  ...referenceContract,
  ...issuesContract,
  ...syncContract,
  ...trainingContract,
  ...reconcileContract,
  ...knowledgeContract,
  ...surveysContract,
  ...roundsContract,
  ...searchContract,
  ...reportsContract,
  ...requestsContract,
  ...changesContract,
  ...cutoverContract,
  ...hubContract,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export const methodNames = Object.keys(contract) as MethodName[];

/** What callers pass (before zod defaults/transforms). */
export type InputOf<K extends MethodName> = z.input<Contract[K]['input']>;
/** What handlers receive (after parsing). */
export type ParsedInputOf<K extends MethodName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends MethodName> = Contract[K]['output'];

type Namespace<K> = K extends `${infer N}.${string}` ? N : never;
type Fn<K extends MethodName> =
  {} extends InputOf<K>
    ? (input?: InputOf<K>) => Promise<Envelope<OutputOf<K>>>
    : (input: InputOf<K>) => Promise<Envelope<OutputOf<K>>>;

/** The shape of `window.wardside`: one named function per contract method, grouped by area. */
export type WardsideApi = {
  [N in Namespace<MethodName>]: {
    [K in MethodName as K extends `${N}.${infer V}` ? V : never]: Fn<K>;
  };
};

/** Transport used by preload (ipcRenderer.invoke) and by the preview bridge (fetch). */
export type Invoke = <K extends MethodName>(method: K, input: unknown) => Promise<Envelope<OutputOf<K>>>;

/** The handler table main implements; bound to IPC by main/app and to HTTP by main/preview. */
export type Handlers = { [K in MethodName]: (input: ParsedInputOf<K>) => OutputOf<K> | Promise<OutputOf<K>> };
