/**
 * A running whole-stream search: the scan runs in the stream-reader worker (its own
 * connection; the reading and matching stay off the main thread, only matches cross), or on
 * the tab's connection where workers are unavailable. Matches are buffered and published at
 * most once per animation frame, progress alone at most every PROGRESS_MS (never per
 * message), cancellable. Read with useSyncExternalStore. Every publish re-renders the whole
 * /messages view, so progress-only publishes are throttled.
 */
import { localScanner, type ScanProgress, type ScanRequest, type Scanner } from '@/lib/browse/scan';
import { toRow, type Row } from '@/lib/browse/rows';
import type { NatsClient } from '@/lib/nats/connection';
import { explainNatsError } from '@/lib/nats/errors';
import type { StreamMessage } from '@/lib/stream/reader';
import { openWorkerReader } from '@/lib/workers/reader-worker';

export type ScanState = {
  running: boolean;
  q: string;
  direction: 'forward' | 'backward';
  progress: ScanProgress | null;
  startedAt: number;
  elapsedMs: number;
  /** Matches as table rows, ascending by sequence. */
  rows: Row[];
  reason: 'end' | 'aborted' | 'max' | null;
  error: string | null;
  /** The sequences searched, as asked: [from, to] in scan order, whole stream or from a message. */
  range: { low: number; high: number; scope: 'all' | 'here' } | null;
  /** The subject filter the search ran under (a later filter change does not restart it). */
  filter: string | null;
  /** Messages stored after `range.high` by the time the search ended (not searched), once known. */
  newer: number | null;
};

/** What a search is started with: the stream, the request, and what it covers (shown to the user). */
export type ScanInput = { stream: string; scope?: 'all' | 'here' } & Omit<
  ScanRequest,
  'maxMatches' | 'batchSize'
>;

/** Most matches kept (with payloads, for export). */
export const MAX_MATCHES = 10_000;

/** Shortest interval between progress-only publishes (a readable update rate). */
const PROGRESS_MS = 250;

const idle: ScanState = {
  running: false,
  q: '',
  direction: 'forward',
  progress: null,
  startedAt: 0,
  elapsedMs: 0,
  rows: [],
  reason: null,
  error: null,
  range: null,
  filter: null,
  newer: null,
};

/** One search at a time; starting another cancels the previous one. */
export class ScanStore {
  private state = idle;
  private listeners = new Set<() => void>();
  private ac: AbortController | null = null;
  private raf = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastPublish = 0;
  private pending: StreamMessage[] = [];
  private progress: ScanProgress | null = null;
  /** Full matching messages (bounded by MAX_MATCHES) for downloads. */
  messages: StreamMessage[] = [];

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.state;

  private set(p: Partial<ScanState>) {
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  }

  private schedule() {
    if (this.raf) return;
    const run = () => {
      this.raf = 0;
      this.flush();
    };
    this.raf =
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame(run)
        : (setTimeout(run, 16) as unknown as number);
  }

  /** Progress only: publish within PROGRESS_MS of the last publish, not every batch. */
  private scheduleProgress() {
    if (this.raf || this.timer) return;
    const wait = Math.max(0, this.lastPublish + PROGRESS_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastPublish = Date.now();
    const add = this.pending.map(toRow);
    this.pending = [];
    const rows = add.length ? mergeAsc(this.state.rows, add) : this.state.rows;
    this.set({ rows, progress: this.progress, elapsedMs: Date.now() - this.state.startedAt });
  }

  /** Searches `stream` in the reader worker (or on the tab's connection without workers). */
  async start(client: NatsClient, o: ScanInput) {
    const remote = openWorkerReader(client, o.stream);
    // Leaving the page: ask the worker to delete its consumer (the inactivity threshold is the backstop).
    if (remote) addEventListener('pagehide', remote.close, { once: true });
    try {
      // Without a worker: the tab's connection (a failure to get it shows as the search's error).
      const scanner: Scanner = remote
        ? remote.scan
        : (req) => client.js().then((js) => localScanner(js, o.stream)(req));
      await this.run(scanner, o);
      await this.countNewer(client, o);
    } finally {
      if (remote) {
        removeEventListener('pagehide', remote.close);
        remote.close();
      }
    }
  }

  /**
   * After a search of a bounded range: how many messages were stored after its upper bound
   * while it ran (the stream's last sequence now minus the bound; they were not searched).
   */
  private async countNewer(client: NatsClient, o: ScanInput) {
    const s = this.state;
    const high = s.range?.high;
    if (high === undefined || s.running || s.q !== o.q || s.reason === 'aborted') return;
    try {
      const js = await client.js();
      const last = (await (await js.streams.get(o.stream)).info()).state.last_seq;
      if (this.state === s) this.set({ newer: Math.max(0, last - high) });
    } catch {
      // Not counted: the line then says nothing about newer messages.
    }
  }

  /** Runs one search with `scanner`; a later start or cancel ends it. */
  async run(scanner: Scanner, o: ScanInput) {
    this.cancel();
    const ac = new AbortController();
    this.ac = ac;
    this.messages = [];
    this.pending = [];
    this.progress = null;
    const high = o.direction === 'forward' ? o.to : o.from;
    const low = o.direction === 'forward' ? o.from : o.first;
    const range = high === undefined ? null : { low, high, scope: o.scope ?? 'here' };
    this.set({
      ...idle,
      running: true,
      q: o.q,
      direction: o.direction,
      startedAt: Date.now(),
      range,
      filter: o.filter ?? null,
    });
    try {
      const r = await scanner({
        q: o.q,
        from: o.from,
        first: o.first,
        to: o.to,
        direction: o.direction,
        filter: o.filter,
        signal: ac.signal,
        maxMatches: MAX_MATCHES,
        onMatches: (ms) => {
          if (this.ac !== ac) return;
          for (const m of ms) this.messages.push(m);
          for (const m of ms) this.pending.push(m);
          this.schedule();
        },
        onProgress: (p) => {
          if (this.ac !== ac) return;
          this.progress = p;
          this.scheduleProgress();
        },
      });
      if (this.ac !== ac) return;
      this.flush();
      this.set({ running: false, reason: r.reason });
    } catch (e) {
      if (this.ac !== ac) return;
      this.flush();
      this.set({ running: false, error: explainNatsError(e, { stream: o.stream }).message });
    }
  }

  cancel() {
    this.ac?.abort();
    if (this.state.running) this.set({ running: false, reason: 'aborted' });
  }

  clear() {
    this.cancel();
    this.ac = null;
    this.messages = [];
    this.pending = [];
    this.progress = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.set(idle);
  }
}

/**
 * `a` (ascending) with the new matches `b` merged in, ascending. A scan delivers in order —
 * forward scans ascending batches after everything so far, backward scans descending batches
 * before it — so this is an append or a prepend of the small sorted batch; a general merge
 * covers anything else. Never a sort of the whole list (up to MAX_MATCHES) per frame.
 */
export function mergeAsc(a: Row[], b: Row[]): Row[] {
  const add = b.slice().sort((x, y) => x.seq - y.seq);
  if (a.length === 0) return add;
  if (add.length === 0) return a;
  if (add[0]!.seq > a[a.length - 1]!.seq) return a.concat(add);
  if (add[add.length - 1]!.seq < a[0]!.seq) return add.concat(a);
  const out: Row[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < add.length) {
    if (j >= add.length || (i < a.length && a[i]!.seq <= add[j]!.seq)) out.push(a[i++]!);
    else out.push(add[j++]!);
  }
  return out;
}
