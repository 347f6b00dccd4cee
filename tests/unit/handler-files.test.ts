// File content crosses IPC as base64 and services take and return bytes: the handlers convert at the edge
// (main/ipc/handlers/files.ts), so what the renderer sends and receives is unchanged.
import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '#contract/index.ts';
import { createHandlers } from '#main/ipc/handlers.ts';
import { exportIssuesXlsx } from '#services/issues/sheet-export.ts';
import { readAttachment } from '#services/issues/attachments.ts';
import { exportItems } from '#services/reconcile/export.ts';
import { findProfileByDomain } from '#services/reconcile/profiles.ts';
import { exportNotReady } from '#services/training/export.ts';
import { departmentsCsv } from '../fixtures/generate.ts';
import { freshCtx, testClock } from './helpers.ts';
import { issueWorld } from './issues-fixtures.ts';
import { diff, run } from './reconcile-fixtures.ts';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function call<M extends MethodName>(
  handlers: ReturnType<typeof createHandlers>,
  method: M,
  input: unknown,
) {
  const handler = handlers[method] as (input: unknown) => unknown;
  return (await handler(contract[method].input.parse(input))) as Awaited<ReturnType<(typeof handlers)[M]>>;
}

describe('files at the IPC edge', () => {
  it('decodes uploads before the services see them', async () => {
    const w = issueWorld();
    const handlers = createHandlers(w.ctx);
    const csv = Buffer.from(departmentsCsv, 'utf8');
    const preview = await call(handlers, 'imports.preview', {
      kind: 'departments',
      fileName: 'd.csv',
      contentBase64: b64(csv),
    });
    expect(preview.totalRows).toBeGreaterThan(0);

    const issue = w.issue();
    const png = Buffer.from('89504e470d0a1a0a00ff', 'hex');
    const added = await call(handlers, 'attachments.add', {
      issueId: issue.id,
      fileName: 'a.png',
      mime: 'image/png',
      contentBase64: b64(png),
    });
    expect(readAttachment(w.ctx, added.id).bytes.equals(png)).toBe(true);
  });

  it('encodes every exported sheet as the service made it', async () => {
    const clock = testClock();
    const ctx = freshCtx({ now: clock.now });
    run(ctx, '2026-11-20', 10, [diff('0001', 'amount', '10', '11')]);
    const profileId = findProfileByDomain(ctx, '门诊收费')!.id;
    const handlers = createHandlers(ctx);
    const cases = [
      [await call(handlers, 'issues.exportXlsx', {}), await exportIssuesXlsx(ctx, { filter: {} })],
      [await call(handlers, 'training.exportNotReady', {}), await exportNotReady(ctx, {})],
      [
        await call(handlers, 'reconcile.export', { filter: { profileId }, format: 'csv' }),
        await exportItems(ctx, { filter: { profileId }, format: 'csv' }),
      ],
    ] as const;
    for (const [wire, file] of cases) {
      expect(Object.keys(wire).sort()).toEqual(['contentBase64', 'count', 'fileName']);
      expect(wire).toMatchObject({ fileName: file.fileName, count: file.count });
      const bytes = Buffer.from(wire.contentBase64, 'base64');
      // An .xlsx carries the wall-clock time it was zipped, so only the CSV is byte-for-byte repeatable.
      if (file.fileName.endsWith('.csv')) expect(bytes.equals(Buffer.from(file.bytes))).toBe(true);
      else expect(bytes.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    }
  });
});
