#!/usr/bin/env node
// Entry point of the `wardside` bin (package.json). Node ≥ 22.18 runs this TypeScript directly.
import { runCli } from './program.ts';

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.exitCode = code;
