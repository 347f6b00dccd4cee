// One measured tool of the reconciliation bench, run in its own process so that its wall time and peak
// RSS are its own (tests/bench/reconcile.ts runs it under /usr/bin/time). Prints one JSON line.
//   engine    OLD NEW PROFILE.json   our engine, in-thread (the worker adds nothing but a thread start)
//   scan      OLD NEW                parse only with our byte scanner, every cell decoded to a string
//   csv-parse OLD NEW                parse only with csv-parse (streaming), GB18030 through iconv-lite
import { createReadStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { detectEncoding } from '#services/reconcile/engine/encoding.ts';
import { reconcile } from '#services/reconcile/engine/reconcile.ts';
import { openTable } from '#services/reconcile/engine/sources.ts';

const [mode, oldFile, newFile, profileFile] = process.argv.slice(2) as [string, string, string, string?];

async function scanOnly(file: string): Promise<number> {
  const table = await openTable(file);
  let rows = 0;
  let chars = 0;
  await table.scan((buf, starts, ends, count) => {
    rows++;
    for (let i = 0; i < count; i++) chars += table.decode(buf, starts[i]!, ends[i]!).length;
  });
  return chars >= 0 ? rows : -1;
}

async function csvParseOnly(file: string): Promise<number> {
  // Loaded here so that the other modes do not pay for them.
  const [{ parse }, { default: iconv }] = await Promise.all([import('csv-parse'), import('iconv-lite')]);
  const head = readFileSync(file).subarray(0, 1 << 16);
  const encoding = detectEncoding(head);
  let rows = -1; // the header is not a data row
  const counter = new Writable({
    objectMode: true,
    write(_record, _encoding, done) {
      rows++;
      done();
    },
  });
  const parser = parse({ bom: true });
  if (encoding === 'gb18030')
    await pipeline(createReadStream(file), iconv.decodeStream('gb18030'), parser, counter);
  else await pipeline(createReadStream(file), parser, counter);
  return rows;
}

let output: unknown;
if (mode === 'engine') {
  const profile = JSON.parse(readFileSync(profileFile!, 'utf8'));
  const result = await reconcile({ profile, oldFile, newFile });
  output = {
    summary: result.summary,
    elapsedMs: result.elapsedMs,
    discrepancies: result.discrepancies.length,
  };
} else if (mode === 'scan') {
  output = { oldRows: await scanOnly(oldFile), newRows: await scanOnly(newFile) };
} else if (mode === 'csv-parse') {
  output = { oldRows: await csvParseOnly(oldFile), newRows: await csvParseOnly(newFile) };
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.stdout.write(JSON.stringify(output) + '\n');
