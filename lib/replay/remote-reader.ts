/**
 * The page's side of the range-reader worker: a RangeReader (same contract as readRange on
 * the tab's connection) whose reads run in the worker and whose batches arrive here unpacked,
 * payloads as views into one transferred buffer per batch. Aborting a read asks the worker
 * to abort it (its consumer is deleted there); close() lets running reads clean up, then ends
 * the worker. Framework-free: the worker is injected (a fake one in unit tests).
 */
import type { ConnectSpec } from '@/lib/nats/connection';
import type { ReadOptions, ReadResult } from '@/lib/stream/reader';
import { fromWireError, unpackBatch, type FromWorker, type ToWorker } from './wire';

/** Reads a range of the (bound) stream; the contract of readRange. */
export type RangeReader = (opts: ReadOptions) => Promise<ReadResult>;

/** The part of a Worker used here. */
export type WorkerPort = {
  postMessage(m: ToWorker): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<FromWorker>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
};

/** A closeable reader. */
export type RemoteReader = { read: RangeReader; close(): void };

/** How long close() waits for the worker to delete its consumers before ending it anyway. */
const CLOSE_GRACE_MS = 10_000;

/** Opens the worker's connection and returns a reader over it. */
export function remoteReader(worker: WorkerPort, spec: ConnectSpec, stream: string, preferFirst = false): RemoteReader {
  type Pending = { opts: ReadOptions; resolve: (r: ReadResult) => void; reject: (e: Error) => void };
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: Error | null = null;
  let closed = false;
  let killTimer: ReturnType<typeof setTimeout> | null = null;

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
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'batch') p.opts.onBatch(unpackBatch(m.batch), m.pending);
    else {
      pending.delete(m.id);
      if (m.type === 'result') p.resolve(m.result);
      else p.reject(fromWireError(m.error));
    }
  };
  worker.onerror = (ev) => {
    ev.preventDefault?.();
    fail(new Error(`The background reader stopped: ${ev.message || 'it could not be started'}.`));
    end();
  };
  worker.postMessage({ type: 'open', spec, stream, preferFirst });

  const read: RangeReader = (opts) =>
    new Promise<ReadResult>((resolve, reject) => {
      if (dead) return reject(dead);
      if (closed) return reject(new Error('The background reader was closed.'));
      if (opts.signal?.aborted) return resolve({ count: 0, lastSeq: 0, reason: 'aborted' });
      const id = nextId++;
      const { onBatch: _onBatch, signal, ...req } = opts;
      void _onBatch;
      const onAbort = () => worker.postMessage({ type: 'abort', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      pending.set(id, {
        opts,
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
      });
      worker.postMessage({ type: 'read', id, req });
    });

  return {
    read,
    close() {
      if (closed) return;
      closed = true;
      if (dead) return;
      worker.postMessage({ type: 'close' });
      killTimer = setTimeout(end, CLOSE_GRACE_MS);
    },
  };
}
