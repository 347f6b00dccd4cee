// The verification thread of an import (issue #17, item 3; sync/verify.ts): decodes and checks the files
// the importing thread has not claimed, and posts each answer.
import { workerData } from 'node:worker_threads';
import { serveVerification, verifyFile, type VerifyWorkerInput } from './verify.ts';

serveVerification(workerData as VerifyWorkerInput, verifyFile);
