/**
 * The timeline's external store. Consumers hand over per-filter batches at any rate; the store
 * queues them and, once per animation frame, checks sequences per filter, decodes, merges by
 * sequence into the model and publishes one snapshot for React (useSyncExternalStore). The
 * canvas reads the model directly in its own rAF loop. Pausing freezes the snapshot (and the
 * view) while events keep flowing into the model; `waiting` counts them.
 */
import type { StreamMessage } from '@/lib/stream/reader';
import { toTimelineEvent, type TimelineEvent } from './event';
import { mergeBySeq, SeqTracker } from './merge';
import { DEFAULT_CAPACITY, TimelineModel } from './model';

export type Gap = { fromMs: number; toMs: number | null; reconnect: number };

export type TimelineSnapshot = {
  version: number;
  total: number;
  ratePerSec: number;
  agentsOnline: number;
  tasksRunning: number;
  tasksFailed: number;
  buffered: number;
  dropped: number;
  lastSeq: number;
  anomalies: number;
  gaps: number;
  paused: boolean;
  /** Events that arrived since pausing. */
  waiting: number;
  /** Stream time the view is frozen at, when paused. */
  pausedAtMs: number | null;
  /** Newest sequence the (possibly frozen) view shows. */
  viewSeq: number;
  catchingUp: boolean;
  error: string | null;
};

type Schedule = (cb: () => void) => void;

/** A filter that delivered nothing for this long no longer holds the watermark back. */
const QUIET_MS = 150;
/** Longest an event waits for slower filters before it is inserted anyway. */
const MAX_HOLD_MS = 400;

const defaultSchedule: Schedule = (cb) => {
  // rAF does not fire in background tabs; the timeout keeps the queue from growing there.
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cb();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  setTimeout(run, 250);
};

export class TimelineStore {
  readonly model: TimelineModel;
  readonly tracker = new SeqTracker();
  readonly gaps: Gap[] = [];
  private pending = new Map<string, StreamMessage[]>();
  private held = new Map<string, { events: TimelineEvent[]; since: number }>();
  private arrival = new Map<string, number>();
  private holdTimer: ReturnType<typeof setTimeout> | null = null;
  private scheduled = false;
  private listeners = new Set<() => void>();
  private snap: TimelineSnapshot;
  private pause: { atMs: number; total: number; seq: number } | null = null;
  private backfillTarget = 0;
  private lastBatchAt = 0;
  private error: string | null = null;
  private reconnectsSeen = 0;
  private lastNotify = 0;
  private trailing: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly opts: {
      capacity?: number;
      schedule?: Schedule;
      now?: () => number;
      minNotifyMs?: number;
    } = {},
  ) {
    this.model = new TimelineModel(opts.capacity ?? DEFAULT_CAPACITY);
    this.snap = this.compute();
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): TimelineSnapshot => this.snap;

  /** Queues a consumer's batch; applied on the next frame. */
  push(filter: string, msgs: StreamMessage[]) {
    if (msgs.length === 0) return;
    const q = this.pending.get(filter);
    if (q) for (const m of msgs) q.push(m);
    else this.pending.set(filter, msgs.slice());
    this.lastBatchAt = this.now();
    if (!this.scheduled) {
      this.scheduled = true;
      (this.opts.schedule ?? defaultSchedule)(() => this.flush());
    }
  }

  /**
   * Applies what is queued (normally once per animation frame). Per-filter consumers progress
   * at different speeds, so events are released up to a watermark — the lowest last sequence of
   * the filters still delivering — and the ring only ever appends; a filter quiet for
   * QUIET_MS does not hold the others back, and nothing is held longer than MAX_HOLD_MS.
   */
  flush() {
    this.scheduled = false;
    const now = this.now();
    for (const [filter, msgs] of this.pending) {
      const fresh = this.tracker.accept(filter, msgs, now);
      if (fresh.length === 0) continue;
      let q = this.held.get(filter);
      if (!q) this.held.set(filter, (q = { events: [], since: now }));
      if (q.events.length === 0) q.since = now;
      for (const m of fresh) q.events.push(toTimelineEvent(m));
      this.arrival.set(filter, now);
    }
    this.pending.clear();
    let watermark = Infinity;
    for (const [filter, at] of this.arrival)
      if (now - at < QUIET_MS) watermark = Math.min(watermark, this.tracker.lastSeq(filter));
    let heldTotal = 0;
    for (const q of this.held.values()) heldTotal += q.events.length;
    const force = heldTotal > this.model.ring.capacity / 2;
    const out: TimelineEvent[][] = [];
    let stillHeld = false;
    for (const q of this.held.values()) {
      if (q.events.length === 0) continue;
      if (force || now - q.since >= MAX_HOLD_MS) {
        out.push(q.events);
        q.events = [];
        continue;
      }
      let n = 0;
      while (n < q.events.length && q.events[n]!.seq <= watermark) n++;
      if (n > 0) out.push(q.events.splice(0, n));
      if (q.events.length > 0) {
        q.since = now;
        stillHeld = true;
      }
    }
    if (out.length) this.model.ingest(mergeBySeq(out));
    if (stillHeld) this.schedule(QUIET_MS);
    if (out.length) this.publish();
  }

  private schedule(delayMs: number) {
    if (this.holdTimer) return;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = null;
      this.flush();
    }, delayMs);
  }

  /** Last sequence seen on `filter` (the resume point after a consumer is recreated). */
  lastSeq(filter: string): number {
    return this.tracker.lastSeq(filter);
  }

  setBackfillTarget(seq: number) {
    this.backfillTarget = seq;
    this.publish();
  }

  setError(msg: string | null) {
    this.error = msg;
    this.publish();
  }

  /** Freezes the view at the current time; events keep arriving and are counted. */
  setPaused(paused: boolean) {
    if (paused && !this.pause)
      this.pause = { atMs: this.now(), total: this.model.total, seq: this.model.lastSeq };
    else if (!paused) this.pause = null;
    this.publish(true);
  }

  get pausedAtMs(): number | null {
    return this.pause?.atMs ?? null;
  }

  /** The newest sequence the view may show (all while live; up to the pause point when paused). */
  get viewSeq(): number {
    return this.pause ? this.pause.seq : this.model.lastSeq;
  }

  /** Notes the connection state: a disconnect opens a gap, the reconnect closes it. */
  noteConnection(state: string, reconnects: number) {
    const open = this.gaps[this.gaps.length - 1];
    const isOpen = open && open.toMs === null;
    const now = this.now();
    if (state === 'reconnecting' || state === 'error' || state === 'closed') {
      if (!isOpen) this.gaps.push({ fromMs: now, toMs: null, reconnect: reconnects });
    } else if (state === 'connected') {
      if (isOpen) open.toMs = now;
      else if (reconnects > this.reconnectsSeen && this.reconnectsSeen > 0) {
        // A reconnect too quick to observe the disconnect: mark an instant gap.
        this.gaps.push({ fromMs: now, toMs: now, reconnect: reconnects });
      }
    }
    this.reconnectsSeen = Math.max(this.reconnectsSeen, reconnects, 1);
    if (this.gaps.length > 200) this.gaps.splice(0, this.gaps.length - 200);
    this.model.version++;
    this.publish();
  }

  /** Recomputes time-based figures (events/s now, catching up) without new data. */
  tick() {
    this.publish();
  }

  /** The newest `n` events matching `pred` that the view shows, newest first. */
  recent(
    n: number,
    pred: (e: TimelineEvent) => boolean = () => true,
    maxScan = 50_000,
  ): TimelineEvent[] {
    const ring = this.model.ring;
    const out: TimelineEvent[] = [];
    let i = ring.lowerBoundSeq(this.viewSeq + 1) - 1;
    for (let scanned = 0; i >= 0 && out.length < n && scanned < maxScan; i--, scanned++) {
      const ev = ring.at(i);
      if (pred(ev)) out.push(ev);
    }
    return out;
  }

  private publish(force = false) {
    const frozen = this.pause && !force ? this.snap : this.compute();
    this.snap = this.pause
      ? {
          ...frozen,
          waiting: this.model.total - this.pause.total,
          paused: true,
          pausedAtMs: this.pause.atMs,
          anomalies: this.tracker.anomalyCount,
          gaps: this.gaps.length,
          error: this.error,
        }
      : frozen;
    this.notify(force);
  }

  /** React hears at most ~10 times a second (the canvas reads the model every frame). */
  private notify(force: boolean) {
    const now = Date.now();
    const min = this.opts.minNotifyMs ?? 100;
    if (!force && now - this.lastNotify < min) {
      this.trailing ??= setTimeout(() => {
        this.trailing = null;
        this.notify(true);
      }, min);
      return;
    }
    this.lastNotify = now;
    for (const l of this.listeners) l();
  }

  private compute(): TimelineSnapshot {
    const m = this.model;
    const tc = m.taskCounts();
    const now = this.now();
    return {
      version: m.version,
      total: m.total,
      ratePerSec: m.ratePerSec(now),
      agentsOnline: m.agentsOnline(),
      tasksRunning: tc.running,
      tasksFailed: tc.failed,
      buffered: m.ring.size,
      dropped: m.ring.dropped,
      lastSeq: m.lastSeq,
      anomalies: this.tracker.anomalyCount,
      gaps: this.gaps.length,
      paused: this.pause !== null,
      waiting: 0,
      pausedAtMs: this.pause?.atMs ?? null,
      viewSeq: this.viewSeq,
      catchingUp:
        this.backfillTarget > 0 && m.lastSeq < this.backfillTarget && now - this.lastBatchAt < 1500,
      error: this.error,
    };
  }
}
