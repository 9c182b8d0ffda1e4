/**
 * The timeline's external store. The read hands over batches at any rate, already in sequence
 * order and checked (seq-guard.ts); once per animation frame the store drains the ingest queue
 * (decoding, time-sliced — see ingest-queue.ts) into the model. React gets one snapshot
 * (useSyncExternalStore) at most every `minNotifyMs`; the log, counters, rates chart and hit
 * testing read the model. Pausing freezes the snapshot (and the view) while events keep
 * flowing into the model; `waiting` counts them.
 */
import type { TimelineEvent } from './event';
import { IngestQueue } from './ingest-queue';
import { DEFAULT_CAPACITY, TimelineModel } from './model';
import { computeSnapshot, GapLog, type Gap, type TimelineSnapshot } from './snapshot';
import { traceEnd, traceStart } from './trace';
import type { RawMessage } from './event';
import { frameSchedule, type Schedule } from './frame-schedule';
import { recentEvents } from './recent';
import type { LiveSink } from './live-source';

export type { Gap, TimelineSnapshot } from './snapshot';

/**
 * The few snapshot fields the page's frame (header, toolbar, filters) renders: a new
 * object only when one of them changes, so that frame does not re-render with every count.
 */
export type TimelineHeader = {
  paused: boolean;
  catchingUp: boolean;
  error: string | null;
  /** The model's rosterVersion: agents, their roles and names (not their statuses). */
  rosterVersion: number;
};

/** Main-thread time one frame may spend decoding and merging (the rest waits a frame). */
const FRAME_BUDGET_MS = 6;

const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class TimelineStore implements LiveSink {
  readonly model: TimelineModel;
  private readonly queue = new IngestQueue();
  private readonly gapLog = new GapLog();
  /** Sequences the read dropped for not increasing (its counter, reported here). */
  private anomalies = 0;
  private scheduled = false;
  private listeners = new Set<() => void>();
  private snap: TimelineSnapshot;
  private pause: { atMs: number; total: number; seq: number } | null = null;
  private backfillTarget = 0;
  private lastBatchAt = 0;
  private error: string | null = null;
  private lastNotify = 0;
  private trailing: ReturnType<typeof setTimeout> | null = null;
  /** A paused snapshot is recomputed only when this is set (pause/resume). */
  private recompute = false;
  private notifyPending = false;
  private header: TimelineHeader;
  /** See setIngestInterval (0 = every frame). */
  private ingestEveryMs = 0;

  constructor(
    private readonly opts: {
      capacity?: number;
      schedule?: Schedule;
      now?: () => number;
      /** React hears at most once per this many ms (default 250). */
      minNotifyMs?: number;
      /** Main-thread ms per frame for decoding (default 6). */
      frameBudgetMs?: number;
      /**
       * Where React hears about data a frame applied (default: at once). The page passes a
       * zero timeout so React's render and commit run in a task of their own instead of
       * piling onto the frame that also decodes and draws (that sum was the longest task).
       */
      notifySchedule?: Schedule;
    } = {},
  ) {
    this.model = new TimelineModel(opts.capacity ?? DEFAULT_CAPACITY);
    this.snap = this.compute();
    this.header = this.headerOf(this.snap);
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  get gaps(): readonly Gap[] {
    return this.gapLog.gaps;
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): TimelineSnapshot => this.snap;

  getHeader = (): TimelineHeader => this.header;

  /**
   * Applies new data every `ms` instead of every frame (0 = every frame). When a worker draws
   * the canvas, the page's model only feeds the log, counters, chart and hit testing, which
   * React hears about at most every `minNotifyMs` anyway; applying it every frame made the
   * page run a frame (rAF, style, paint, commit) ~45 times a second for nothing. A burst that
   * does not fit one flush's budget still continues on the next frame.
   */
  setIngestInterval(ms: number) {
    this.ingestEveryMs = ms;
  }

  /**
   * Queues a batch from the read — raw messages, or events the reader worker decoded — in
   * sequence order after everything pushed before (the store keeps the array); applied on the
   * next frame.
   */
  push(msgs: RawMessage[] | TimelineEvent[]) {
    if (msgs.length === 0) return;
    this.queue.push(msgs);
    this.lastBatchAt = this.now();
    this.scheduleFlush();
  }

  private scheduleFlush(continuing = false) {
    if (this.scheduled) return;
    this.scheduled = true;
    if (this.ingestEveryMs > 0 && !continuing) setTimeout(() => this.flush(), this.ingestEveryMs);
    else (this.opts.schedule ?? frameSchedule)(() => this.flush());
  }

  /**
   * Applies what is queued, within `budgetMs` of main-thread time (Infinity = everything);
   * what is left is applied on the next frame.
   */
  flush(budgetMs = this.opts.frameBudgetMs ?? FRAME_BUDGET_MS) {
    this.scheduled = false;
    const t = traceStart();
    const ready = this.queue.drain(clock() + budgetMs, clock);
    if (ready.length) this.model.ingest(ready);
    if (this.queue.backlog > 0) this.scheduleFlush(true);
    traceEnd('timeline:flush', t);
    if (ready.length) this.publishAfterFrame();
  }

  private publishAfterFrame() {
    const defer = this.opts.notifySchedule;
    if (!defer) return this.publish();
    if (this.notifyPending) return;
    this.notifyPending = true;
    defer(() => {
      this.notifyPending = false;
      this.publish();
    });
  }

  /** The read's count of sequences it dropped for not increasing. */
  setAnomalies(n: number) {
    if (n === this.anomalies) return;
    this.anomalies = n;
    this.publish();
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
    this.recompute = true;
    this.publish(true);
  }

  /**
   * Pauses the view on event `seq` (pause-on found it): what came after it is counted as
   * waiting, as if the pause had come just after it. Replaces a pause already in place.
   */
  pauseAt(seq: number) {
    const ring = this.model.ring;
    const after = ring.size - ring.lowerBoundSeq(seq + 1);
    this.pause = {
      atMs: this.now(),
      total: this.model.total - after,
      seq: Math.min(seq, this.model.lastSeq),
    };
    this.recompute = true;
    this.publish(true);
  }

  get pausedAtMs(): number | null {
    return this.pause?.atMs ?? null;
  }

  /** The newest sequence the view may show (all while live; up to the pause point when paused). */
  get viewSeq(): number {
    return this.pause ? this.pause.seq : this.model.lastSeq;
  }

  /**
   * The newest sequence the view shows with nothing older still waiting to be applied (what
   * the benchmark hook reports: a late event below it would otherwise count as drawn early).
   */
  get completeSeq(): number {
    return Math.min(this.viewSeq, this.queue.lowestWaiting() - 1);
  }

  /** Notes the connection state: a disconnect opens a gap, the reconnect closes it. */
  noteConnection(state: string, reconnects: number) {
    if (this.gapLog.note(state, reconnects, this.now())) this.model.version++;
    this.publish();
  }

  /** Recomputes time-based figures (events/s now, catching up) without new data. */
  tick() {
    this.publish();
  }

  /** The newest `n` events matching `pred` that the view shows, newest first. */
  recent(n: number, pred?: (e: TimelineEvent) => boolean, maxScan?: number): TimelineEvent[] {
    return recentEvents(this.model.ring, this.viewSeq, n, pred, maxScan);
  }

  /** Marks the snapshot stale and tells React (throttled; `now` skips the throttle). */
  private publish(now = false) {
    const min = this.opts.minNotifyMs ?? 250;
    const t = Date.now();
    if (!now && t - this.lastNotify < min) {
      this.trailing ??= setTimeout(() => {
        this.trailing = null;
        this.publish(true);
      }, min);
      return;
    }
    this.lastNotify = t;
    this.snap = this.build();
    const h = this.headerOf(this.snap);
    const o = this.header;
    if (
      h.paused !== o.paused ||
      h.catchingUp !== o.catchingUp ||
      h.error !== o.error ||
      h.rosterVersion !== o.rosterVersion
    )
      this.header = h;
    for (const l of this.listeners) l();
  }

  private headerOf(s: TimelineSnapshot): TimelineHeader {
    return {
      paused: s.paused,
      catchingUp: s.catchingUp,
      error: s.error,
      rosterVersion: this.model.rosterVersion,
    };
  }

  private build(): TimelineSnapshot {
    if (!this.pause) return this.compute();
    const frozen = this.recompute ? this.compute() : this.snap;
    this.recompute = false;
    return {
      ...frozen,
      waiting: this.model.total - this.pause.total,
      paused: true,
      pausedAtMs: this.pause.atMs,
      anomalies: this.anomalies,
      gaps: this.gapLog.gaps.length,
      error: this.error,
    };
  }

  private compute(): TimelineSnapshot {
    const now = this.now();
    return computeSnapshot(this.model, {
      now,
      anomalies: this.anomalies,
      gaps: this.gapLog.gaps.length,
      pausedAtMs: this.pause?.atMs ?? null,
      viewSeq: this.viewSeq,
      catchingUp:
        this.backfillTarget > 0 &&
        this.model.lastSeq < this.backfillTarget &&
        now - this.lastBatchAt < 1500,
      error: this.error,
    });
  }
}
