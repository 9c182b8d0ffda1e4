/**
 * The page's side of the stream-reader worker: a RangeReader (same contract as readRange on
 * the tab's connection) and a Scanner (same contract as scanStream) whose work runs in the
 * worker; batches and matches arrive here unpacked, payloads as views into one transferred
 * buffer per batch. Aborting asks the worker to abort (its consumer is deleted there);
 * close() lets running jobs clean up, then ends the worker. Framework-free: the worker is
 * injected (a fake one in unit tests).
 */
import type { ScanResult, Scanner } from './scan-job';
import type { ConnectSpec } from '@/lib/nats/connection';
import type { ReadOptions, ReadResult } from '@/lib/stream/reader';
import { unpackBatch, type RawBatch } from './pack';
import { fromWireError, type FromWorker, type ToWorker } from './wire';

/** Reads a range of the (bound) stream; the contract of readRange. */
export type RangeReader = (opts: ReadOptions) => Promise<ReadResult>;

/** The part of a Worker used here. */
export type WorkerPort = {
  postMessage(m: ToWorker): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<FromWorker>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
};

/** readRange's options, batches as RawBatch (wire.ts): for a reader that decodes them itself. */
export type RawReadOptions = Omit<ReadOptions, 'onBatch'> & {
  onBatch: (batch: RawBatch, pending: number) => void;
};

/** Reads a range of the (bound) stream in RawBatches; otherwise the contract of readRange. */
export type RawRangeReader = (opts: RawReadOptions) => Promise<ReadResult>;

/** A closeable reader. */
export type RemoteReader = {
  read: RangeReader;
  readRaw: RawRangeReader;
  scan: Scanner;
  close(): void;
  /** The worker's consumers not yet deleted ([name, stream]), as it last said. */
  consumers(): [string, string][];
};

/** How long close() waits for the worker to delete its consumers before ending it anyway. */
const CLOSE_GRACE_MS = 10_000;

/** Opens the worker's connection and returns a reader over it. */
export function remoteReader(
  worker: WorkerPort,
  spec: ConnectSpec,
  stream: string,
  preferFirst = false,
): RemoteReader {
  type Pending = {
    /** Handles the job's batch, matches and progress messages. */
    on: (m: FromWorker) => void;
    resolve: (r: ReadResult | ScanResult) => void;
    reject: (e: Error) => void;
  };
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: Error | null = null;
  let closed = false;
  let killTimer: ReturnType<typeof setTimeout> | null = null;
  let consumers: [string, string][] = [];

  const end = () => {
    if (killTimer) clearTimeout(killTimer);
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
  };
  const fail = (e: Error) => {
    dead = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };

  worker.onmessage = (ev) => {
    const m = ev.data;
    if (m.type === 'closed') return end();
    if (m.type === 'consumers') {
      consumers = m.consumers;
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'result' || m.type === 'scanned') {
      pending.delete(m.id);
      p.resolve(m.result);
    } else if (m.type === 'error') {
      pending.delete(m.id);
      p.reject(fromWireError(m.error));
    } else p.on(m);
  };
  worker.onerror = (ev) => {
    ev.preventDefault?.();
    fail(new Error(`The background reader stopped: ${ev.message || 'it could not be started'}.`));
    end();
  };
  worker.postMessage({ type: 'open', spec, stream, preferFirst });

  /** Starts a job in the worker; resolves with its result, aborts with `signal`. */
  function job<R extends ReadResult | ScanResult>(
    signal: AbortSignal | undefined,
    aborted: R,
    send: (id: number) => ToWorker,
    on: Pending['on'],
  ): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (dead) return reject(dead);
      if (closed) return reject(new Error('The background reader was closed.'));
      if (signal?.aborted) return resolve(aborted);
      const id = nextId++;
      const onAbort = () => worker.postMessage({ type: 'abort', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      pending.set(id, {
        on,
        resolve: (r) => (done(), resolve(r as R)),
        reject: (e) => (done(), reject(e)),
      });
      worker.postMessage(send(id));
    });
  }

  // onStart is not sent: a function does not cross to the worker (a worker read is never split).
  const read: RangeReader = ({ onBatch, signal, onStart: _onStart, ...req }) =>
    job<ReadResult>(
      signal,
      { count: 0, lastSeq: 0, reason: 'aborted' },
      (id) => ({ type: 'read', id, req }),
      (m) => {
        if (m.type === 'batch') onBatch(unpackBatch(m.batch), m.pending);
      },
    );

  const readRaw: RawRangeReader = ({ onBatch, signal, onStart: _onStart, ...req }) =>
    job<ReadResult>(
      signal,
      { count: 0, lastSeq: 0, reason: 'aborted' },
      (id) => ({ type: 'readRaw', id, req }),
      (m) => {
        if (m.type === 'rawBatch') onBatch(m.batch, m.pending);
      },
    );

  const scan: Scanner = ({ onMatches, onProgress, signal, ...req }) =>
    job<ScanResult>(
      signal,
      { scanned: 0, matches: 0, reason: 'aborted', lastSeq: 0 },
      (id) => ({ type: 'scan', id, req }),
      (m) => {
        if (m.type === 'matches') onMatches(unpackBatch(m.batch));
        else if (m.type === 'progress') onProgress?.(m.progress);
      },
    );

  return {
    read,
    readRaw,
    scan,
    consumers: () => consumers,
    close() {
      if (closed) return;
      closed = true;
      if (dead) return;
      worker.postMessage({ type: 'close' });
      killTimer = setTimeout(end, CLOSE_GRACE_MS);
    },
  };
}
