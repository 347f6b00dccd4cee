// The layers the README promises ("Adding an area") are held by oxlint rules in build/oxlintrc.json. This
// test runs oxlint with that configuration on deliberately wrong imports placed where each rule applies, so
// a rule that stops matching (a typo in a glob, an override order mistake) fails here, not in review.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = join(root, 'build/oxlintrc.json');
const oxlint = join(root, 'node_modules/.bin/oxlint');

/** File (as if in the repository) → imports it makes → which of them must be refused. */
const cases: { file: string; allowed: string[]; refused: string[] }[] = [
  {
    file: 'preload/contract/area.ts',
    allowed: ['./schemas.ts', 'zod'],
    refused: [
      '#services/issues/issues.ts',
      '#db/schema.ts',
      '../../main/services/core/records.ts',
      '../../db/schema.ts',
    ],
  },
  {
    file: 'db/schema/area.ts',
    allowed: ['#contract/issues.ts', './core.ts', 'drizzle-orm'],
    refused: ['#services/core/records.ts', '../../main/ipc/dispatch.ts'],
  },
  {
    file: 'main/services/issues/thing.ts',
    allowed: [
      '#services/core/records.ts',
      '#services/reference/departments.ts',
      '#db/schema.ts',
      './workflow.ts',
    ],
    refused: [
      '#main/ipc/dispatch.ts',
      '../../ipc/handlers.ts',
      '../../cli/common.ts',
      '../../preview/server.ts',
      'electron',
    ],
  },
  {
    file: 'main/services/core/thing.ts',
    allowed: ['./context.ts', '#services/core/errors.ts', '#db/schema.ts', '#contract/index.ts'],
    refused: [
      '#services/issues/search-index.ts',
      '#services/reference/people.ts',
      '../issues/issues.ts',
      '#main/cli/common.ts',
    ],
  },
  {
    file: 'main/services/sync/thing.ts',
    allowed: ['./file-format.ts', '#services/core/records.ts', '#services/core/registry.ts'],
    refused: ['#services/issues/attachments.ts', '#services/training/sessions.ts', '../issues/issues.ts'],
  },
  {
    file: 'main/services/sheets/thing.ts',
    allowed: ['./tabular.ts', '#services/core/errors.ts'],
    refused: ['#services/issues/sheet-values.ts', '#services/reference/people.ts'],
  },
  {
    file: 'main/services/reference/thing.ts',
    allowed: ['./people.ts', '#services/sheets/tabular.ts', '#services/core/records.ts'],
    refused: ['#services/issues/issues.ts', '#services/training/sessions.ts'],
  },
  {
    file: 'renderer/features/issues/Thing.tsx',
    allowed: [
      './IssueTable.tsx',
      '#renderer/components/PagedGrid.tsx',
      '#renderer/app/queries.ts',
      '../../app/queries.ts',
      '#contract/index.ts',
    ],
    refused: [
      '../reconcile/ItemBrowser.tsx',
      '#renderer/features/sync/SyncImport.tsx',
      '../../features/training/badges.tsx',
      '#services/issues/issues.ts',
      '../../../main/services/core/records.ts',
      '#db/schema.ts',
      'electron',
    ],
  },
  {
    file: 'renderer/components/Thing.tsx',
    allowed: ['./PagedGrid.tsx', '#renderer/app/queries.ts', '#contract/index.ts'],
    refused: [
      '#renderer/features/issues/IssueTable.tsx',
      '../features/issues/IssueTable.tsx',
      '#main/ipc/dispatch.ts',
    ],
  },
  {
    file: 'renderer/app/Thing.tsx',
    allowed: ['#renderer/features/issues/IssueDetailPage.tsx', '../components/PagedGrid.tsx'],
    refused: ['#services/core/records.ts', '../../db/schema.ts'],
  },
  {
    file: 'main/cli/thing.ts',
    allowed: ['#services/issues/issues.ts'],
    refused: ['electron'],
  },
];

const workdir = mkdtempSync(join(tmpdir(), 'wardside-layers-'));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

interface Diagnostic {
  filename: string;
  code?: string;
  message: string;
  labels?: { span: { line: number } }[];
}

function lint(): Diagnostic[] {
  for (const c of cases) {
    const path = join(workdir, c.file);
    mkdirSync(dirname(path), { recursive: true });
    const lines = [...c.allowed, ...c.refused].map((spec, i) => `import * as m${i} from '${spec}';`);
    lines.push(`export const all = [${[...c.allowed, ...c.refused].map((_, i) => `m${i}`).join(', ')}];`);
    writeFileSync(path, lines.join('\n') + '\n');
  }
  let output: string;
  try {
    output = execFileSync(oxlint, ['-c', config, '-f', 'json', '.'], { cwd: workdir, encoding: 'utf8' });
  } catch (error) {
    // oxlint exits 1 when it reports errors, which is the point here.
    output = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(output) as { diagnostics: Diagnostic[] }).diagnostics;
}

describe('layer rules (build/oxlintrc.json)', () => {
  const diagnostics = lint();
  const refusedIn = (file: string) =>
    diagnostics
      .filter((d) => d.filename.endsWith(file) && (d.code ?? '').includes('no-restricted-imports'))
      .map((d) => d.labels?.[0]?.span.line ?? 0);

  for (const c of cases) {
    it(`${c.file}: refuses ${c.refused.join(', ')}; allows ${c.allowed.join(', ')}`, () => {
      // Line n (1-based) holds the n-th import: allowed ones first, then the refused ones.
      const expected = c.refused.map((_, i) => c.allowed.length + i + 1);
      expect(refusedIn(c.file).sort((a, b) => a - b)).toEqual(expected);
    });
  }
});
