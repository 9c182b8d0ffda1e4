/**
 * The all-tasks page's store and its two reads: first the task lifecycle events alone (a
 * subject-filtered read of `agent.task.>`: the rows), then a scan of `agent.message.>` that
 * enriches them with request → reply latencies, reported as progress. Framework-free; React
 * reads `version` through subscribe/getSnapshot, notified at most every 200 ms while scanning.
 */
import { explainNatsError } from '@/lib/nats/errors';
import {
  rawBatchEvents,
  toReplayEvent,
  type MessageEvent,
  type TaskEvent,
} from '@/lib/replay/event';
import type { StartAt } from '@/lib/stream/reader';
import type { RangeReader, RawRangeReader } from '@/lib/stream/remote-reader';
import { Enricher, buildRows, type TaskRow } from './summary';

export type AllTasksPhase = 'tasks' | 'scan' | 'done' | 'error';

const NOTIFY_MS = 200;

/** The rows, their enrichment and the reads' progress. */
export class AllTasks {
  rows: TaskRow[] = [];
  enricher = new Enricher([]);
  phase: AllTasksPhase = 'tasks';
  error: string | null = null;
  /** Messages scanned, and the scan's total (scanned + pending) once known. */
  scanned = 0;
  total: number | null = null;
  /** ms from the start to the rows being ready (for the bench). */
  rowsMs: number | null = null;
  private version = 0;
  private listeners = new Set<() => void>();
  private last = 0;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getSnapshot = (): number => this.version;

  /** Notifies now, or (throttled) at most every NOTIFY_MS. */
  notify(force = true): void {
    const now = Date.now();
    if (!force && now - this.last < NOTIFY_MS) return;
    this.last = now;
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

export type LoadAllOptions = { start?: StartAt; signal?: AbortSignal; batchSize?: number };

/**
 * Fills `store`: rows from `agent.task.>` (one small filtered read), then the messages' scan.
 * Resolves (never rejects) when done, aborted or failed. `readRaw` (the reader worker) keeps
 * the scan's messages out of the page's thread until decoded; without it, `read` is used.
 */
export async function loadAllTasks(
  stream: string,
  read: RangeReader,
  readRaw: RawRangeReader | null,
  store: AllTasks,
  opts: LoadAllOptions = {},
): Promise<void> {
  const start = opts.start ?? { kind: 'first' };
  const t0 = performance.now();
  try {
    const tasks: TaskEvent[] = [];
    await read({
      start,
      filter: 'agent.task.>',
      batchSize: opts.batchSize ?? 5000,
      signal: opts.signal,
      onBatch: (b) => {
        for (const m of b) {
          const e = toReplayEvent(m);
          if (e.kind === 'task') tasks.push(e);
        }
      },
    });
    if (opts.signal?.aborted) return;
    store.rows = buildRows(tasks);
    store.enricher = new Enricher(store.rows);
    store.rowsMs = performance.now() - t0;
    store.phase = 'scan';
    store.notify();
    const take = (msgs: MessageEvent[], pending: number, n: number) => {
      store.enricher.add(msgs);
      store.scanned += n;
      store.total = store.scanned + pending;
      store.notify(false);
    };
    const common = {
      start,
      filter: 'agent.message.>',
      batchSize: opts.batchSize ?? 5000,
      signal: opts.signal,
    };
    if (readRaw) {
      await readRaw({
        ...common,
        onBatch: (b, pending) => {
          const at = rawBatchEvents(b);
          const out: MessageEvent[] = [];
          for (let i = 0; i < b.seq.length; i++) {
            const e = at(i);
            if (e.kind === 'message') out.push(e);
          }
          take(out, pending, b.seq.length);
        },
      });
    } else {
      await read({
        ...common,
        onBatch: (b, pending) =>
          take(
            b.map(toReplayEvent).filter((e): e is MessageEvent => e.kind === 'message'),
            pending,
            b.length,
          ),
      });
    }
    if (opts.signal?.aborted) return;
    store.phase = 'done';
  } catch (e) {
    if (opts.signal?.aborted) return;
    store.phase = 'error';
    store.error = explainNatsError(e, { stream }).message;
  }
  store.notify();
}
