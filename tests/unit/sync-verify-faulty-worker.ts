// A verification worker for tests/unit/sync-verify.test.ts: the real protocol (serveVerification) and the
// real checks, failing on the file whose name asks for it: `throw` (an error that is no refusal), `exit`
// (the thread ends itself) or `hang` (never answers).
import { workerData } from 'node:worker_threads';
import { serveVerification, verifyFile, type VerifyWorkerInput } from '#services/sync/verify.ts';

serveVerification(workerData as VerifyWorkerInput, (file, options) => {
  if (file.name.includes('throw')) throw new TypeError('verification worker broke');
  if (file.name.includes('exit')) process.exit(7);
  if (file.name.includes('hang')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  return verifyFile(file, options);
});
