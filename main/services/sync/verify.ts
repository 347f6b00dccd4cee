// Verification of the files of an import (issue #17, item 3): decode (hashes, gunzip, JSON) and check every
// change (validate.ts), on the importing thread or on a second thread while the importing thread applies
// the files verified before (exchange.ts, importFiles).
//
// With the worker, the two threads share the files through a claim per file (a SharedArrayBuffer): each
// takes the next file nobody has claimed, so a worker that is slow to start, or never starts, only leaves
// more files to the importing thread. A file the worker verified comes back as its manifest and the body's
// JSON text, which the importing thread parses again (cheaper than a structured clone of the changes); a
// file the worker refused comes back as the same AppError the importing thread would raise. A file is
// applied only once it is verified, and importFiles asks for file i only after applying the files before
// it, inside the batch's one transaction: if the worker fails, the error ends that transaction and nothing
// of the batch is written.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ErrorCode } from '#contract/index.ts';
import { AppError } from '#services/core/errors.ts';
import { syncTables } from '#services/core/registry.ts';
import {
  decodeVerified,
  fromVerifiedText,
  loggedTexts,
  type LoggedTexts,
  type Manifest,
  type ParsedExport,
} from './file-format.ts';
import { validateChanges } from './validate.ts';

const columnSets = new Map<string, Set<string>>();

/** A table's column names, built once per table (asked once per change of a file). */
export function knownColumns(table: string): Set<string> | undefined {
  let columns = columnSets.get(table);
  if (!columns) {
    const t = syncTables().get(table);
    if (!t) return undefined;
    columnSets.set(table, (columns = new Set(t.columns.keys())));
  }
  return columns;
}

export interface VerifyOptions {
  passphrase?: string;
  /** This app's schema version: files of a newer one are refused. */
  schemaVersion: number;
  /** The importer's clock (ms) for the whole batch: changes far ahead of it are refused. */
  now: number;
}

export interface VerifyInput {
  name: string;
  bytes: Uint8Array;
}

/** Decodes and checks one file; throws the AppError that refuses it. */
export function verifyFile(
  input: VerifyInput,
  options: VerifyOptions,
): { parsed: ParsedExport; text: string } {
  const verified = decodeVerified(input.bytes, input.name, {
    passphrase: options.passphrase,
    schemaVersion: options.schemaVersion,
    knownColumns,
  });
  const { parsed } = verified;
  validateChanges(parsed.changes, {
    file: input.name,
    now: options.now,
    labels: new Map(parsed.replicas.map((r) => [r.id, r.label])),
  });
  return verified;
}

// A file's claim: nobody yet, the importing thread, the worker, the worker's answer posted.
const FREE = 0;
const MAIN = 1;
const WORKER = 2;
const POSTED = 3;

export interface VerifyWorkerInput {
  files: VerifyInput[];
  options: VerifyOptions;
  /** Per file its claim; then a counter bumped after each message (Atomics.notify). */
  state: SharedArrayBuffer;
  port: MessagePort;
}

export type VerifyWorkerMessage =
  | {
      type: 'verified';
      index: number;
      manifest: Manifest;
      text: string;
      /** The change log's text of the changes (written here, where there is time to spare). */
      logged: LoggedTexts;
      attachments: { sha256: string; bytes: Uint8Array }[];
    }
  | { type: 'refused'; index: number; code: ErrorCode; params: Record<string, string | number> }
  | { type: 'crash'; message: string };

/**
 * The worker's side (verify-worker.ts): claims files in order and posts each answer. Anything but a file's
 * refusal, and an exit before the last file, is posted as a crash so the importing thread never waits on
 * a file nobody verifies.
 */
export function serveVerification(
  input: VerifyWorkerInput,
  verify: (file: VerifyInput, options: VerifyOptions, index: number) => ReturnType<typeof verifyFile>,
): void {
  const { files, options, port } = input;
  const state = new Int32Array(input.state);
  const signal = files.length;
  let done = false;
  const post = (message: VerifyWorkerMessage) => {
    port.postMessage(message);
    if (message.type !== 'crash') Atomics.store(state, message.index, POSTED);
    Atomics.add(state, signal, 1);
    Atomics.notify(state, signal);
  };
  process.on('exit', () => {
    if (!done) post({ type: 'crash', message: 'the verification thread exited before it answered' });
  });
  try {
    for (let index = 0; index < files.length; index += 1) {
      if (Atomics.compareExchange(state, index, FREE, WORKER) !== FREE) continue;
      let message: VerifyWorkerMessage;
      try {
        const { parsed, text } = verify(files[index]!, options, index);
        message = {
          type: 'verified',
          index,
          manifest: parsed.manifest,
          text,
          logged: loggedTexts(parsed.changes),
          // Copies: a view's clone would carry the whole decoded buffer it is cut from.
          attachments: parsed.attachments.map((a) => ({ sha256: a.sha256, bytes: new Uint8Array(a.bytes) })),
        };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        message = { type: 'refused', index, code: error.code, params: error.params };
      }
      post(message);
    }
  } catch (error) {
    post({
      type: 'crash',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  } finally {
    done = true;
  }
}

// The Electron build bundles the worker beside the bundle that imports (build/scripts/electron-bundles.ts),
// the CLI bundle beside its chunks (build/scripts/cli-bundle.ts); from source it is the TypeScript file.
declare const WARDSIDE_SYNC_VERIFY_WORKER: string | undefined;

function workerScript(): string | URL | null {
  try {
    if (typeof WARDSIDE_SYNC_VERIFY_WORKER === 'string') {
      return typeof __dirname === 'string'
        ? join(__dirname, WARDSIDE_SYNC_VERIFY_WORKER)
        : new URL(`./${WARDSIDE_SYNC_VERIFY_WORKER}`, import.meta.url);
    }
    return new URL('./verify-worker.ts', import.meta.url);
  } catch {
    // A bundle built without the worker (import.meta.url defined empty): verify on this thread.
    return null;
  }
}

/** Files worth a second thread: at least two to verify, and this many bytes of them. */
export const WORKER_MIN_BYTES = 1 << 20;
/**
 * And this many cores. On the 2-core machine of the sync bench (issue #17) the second thread did not pay:
 * with both cores busy, applying the files slowed by about as much as verifying them elsewhere saved (the
 * importing thread still rebuilds the changes from the text, ~40% of verifying them), and the thread's
 * start adds CPU. With more cores it runs beside the import instead of against it.
 */
export const WORKER_MIN_CORES = 4;
/** How long the importing thread waits for the worker's answer on a file it claimed before giving up. */
const STALL_MS = 120_000;

export type VerifyMode = 'auto' | 'worker' | 'inline';

/** Where an import verifies its files; the fields but `mode` are for tests. */
export interface VerifierTuning {
  /** 'auto' (the default): the worker for a batch and a machine big enough for it to pay; 'worker'; 'inline'. */
  mode?: VerifyMode;
  /** Another worker script speaking the same protocol (serveVerification). */
  script?: string | URL;
  /** How long to wait for the worker's answer on a file it claimed (ms). */
  stallMs?: number;
  /** False: this thread verifies no file itself, it waits for the worker's answers. */
  steal?: boolean;
}

export interface VerifierOptions extends VerifyOptions, VerifierTuning {}

/**
 * The files of a batch, verified on demand in file order: take(i) returns file i verified or throws the
 * AppError that refuses it; with the worker, other files are being verified meanwhile. Throws a plain
 * Error when the worker failed (the import then writes nothing).
 */
export class FileVerifier {
  /** True when files are verified on a worker while earlier ones are applied. */
  readonly pipelined: boolean;
  private readonly files: VerifyInput[];
  private readonly options: VerifierOptions;
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private state: Int32Array | null = null;
  private readonly answers = new Map<number, VerifyWorkerMessage>();
  private crash: string | null = null;

  constructor(files: VerifyInput[], options: VerifierOptions) {
    this.files = files;
    this.options = options;
    const mode = options.mode ?? 'auto';
    const bytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
    const wanted =
      mode === 'worker' ||
      (mode === 'auto' &&
        files.length >= 2 &&
        bytes >= WORKER_MIN_BYTES &&
        availableParallelism() >= WORKER_MIN_CORES);
    const script = wanted ? (options.script ?? workerScript()) : null;
    this.pipelined = script !== null && this.start(script);
  }

  private start(script: string | URL): boolean {
    try {
      const state = new SharedArrayBuffer(4 * (this.files.length + 1));
      const { port1, port2 } = new MessageChannel();
      const workerData: VerifyWorkerInput = {
        // Copies of the bytes (the caller keeps its buffers); the passphrase stays in this process.
        files: this.files.map((f) => ({ name: f.name, bytes: f.bytes })),
        options: {
          passphrase: this.options.passphrase,
          schemaVersion: this.options.schemaVersion,
          now: this.options.now,
        },
        state,
        port: port2,
      };
      const worker = new Worker(script, { workerData, transferList: [port2] });
      // A worker that fails to start never claims a file: this thread verifies them all.
      worker.on('error', () => {});
      worker.unref();
      this.worker = worker;
      this.port = port1;
      this.state = new Int32Array(state);
      return true;
    } catch {
      return false;
    }
  }

  /** File i verified (its export), or the AppError refusing it. */
  take(index: number): ParsedExport {
    const state = this.state;
    // An answer the worker posted is used even if the worker failed afterwards; any other file after a
    // failure is an error, even one still free: the batch does not go on as if nothing happened.
    let answer = state ? this.drain(index) : undefined;
    if (!answer) {
      const mine =
        !state ||
        (this.options.steal !== false && Atomics.compareExchange(state, index, FREE, MAIN) === FREE);
      if (mine) return verifyFile(this.files[index]!, this.options).parsed;
      answer = this.await(index);
    }
    if (answer.type === 'refused') throw new AppError(answer.code, answer.params);
    if (answer.type !== 'verified') throw new Error(`sync verification failed: ${answer.type}`);
    const attachments = answer.attachments.map((a) => ({
      sha256: a.sha256,
      bytes: Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength),
    }));
    return fromVerifiedText(answer.manifest, answer.text, attachments, answer.logged);
  }

  private await(index: number): VerifyWorkerMessage {
    const state = this.state!;
    const signal = this.files.length;
    const stallMs = this.options.stallMs ?? STALL_MS;
    // Counted from when the worker is seen holding the file (a file still free is not late: the worker
    // may be starting; only a test waits on such a file, see `steal`).
    let claimedAt: number | null = null;
    for (;;) {
      const seen = Atomics.load(state, signal);
      const answer = this.drain(index);
      if (answer) return answer;
      if (claimedAt === null && Atomics.load(state, index) === WORKER) claimedAt = Date.now();
      if (claimedAt !== null && Date.now() - claimedAt > stallMs) {
        throw new Error(`sync verification thread gave no answer for ${this.files[index]!.name}`);
      }
      Atomics.wait(state, signal, seen, 200);
    }
  }

  /** Reads the worker's messages; returns (and forgets) the answer for `index`, else throws if the worker failed. */
  private drain(index: number): VerifyWorkerMessage | undefined {
    for (let m = receiveMessageOnPort(this.port!); m; m = receiveMessageOnPort(this.port!)) {
      const message = m.message as VerifyWorkerMessage;
      if (message.type === 'crash') this.crash ??= message.message;
      else this.answers.set(message.index, message);
    }
    const answer = this.answers.get(index);
    if (answer) this.answers.delete(index);
    else if (this.crash !== null) throw new Error(`sync verification thread failed: ${this.crash}`);
    return answer;
  }

  /** Stops the worker (files it has not verified are not needed: the batch is done or failed). */
  close(): void {
    if (this.state)
      for (let i = 0; i < this.files.length; i += 1) Atomics.compareExchange(this.state, i, FREE, MAIN);
    void this.worker?.terminate();
    this.port?.close();
    this.worker = null;
  }
}
