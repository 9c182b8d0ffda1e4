/**
 * A loaded replay: events in stream order (append-only while loading, one notification per
 * batch), their projection snapshots, replay timeline and lanes, and the load's outcome.
 * Everything derived from the whole array (timeline, event times, lanes) is extended per
 * appended batch, so nothing a view or the clock reads while loading costs O(events).
 * Framework-free; React reads `version` through `subscribe/getSnapshot`.
 */
import { COMPRESSED_GAP_MS, IDLE_GAP_MS, type ReplayTimeline } from './clock';
import { eventTime, type ReplayEvent } from './event';
import { ReplayEvents } from './events';
import { addLanes, sortLanes, type Lane } from './sequence';
import { ProjectionIndex } from './snapshots';
import type { ReplaySeed } from './seed';
import type { DecodedBatch } from './decoded';

export type LoadStatus = 'loading' | 'done' | 'error';

export type LoadInfo = {
  status: LoadStatus;
  /** Messages read from the stream (before the scope's client-side match). */
  read: number;
  error: string | null;
  /**
   * Messages of the range that left the stream while it was read, before the load got to them
   * (a purge during the load): at least this many. 0 when none did.
   */
  vanished: number;
  /** Where the events came from: the stream name or the imported file. */
  source: string;
};

/**
 * Called with each appended batch's indexes `from..to - 1`, before the payload budget drops any
 * of them (`events.peek(i)` has each one's payload).
 */
export type AppendTap = (from: number, to: number) => void;

/** One replay's events and derived indexes. */
export class ReplayData {
  /** Columns of every event, payloads as the budget allows (events.ts). */
  readonly events = new ReplayEvents();
  readonly index = new ProjectionIndex(this.events);
  info: LoadInfo;
  /** The state when the range began (seed.ts); null until read, or when it was not. */
  seed: ReplaySeed | null = null;
  /** Imported from an export file (not read from the stream). */
  fromFile = false;
  private version = 0;
  private listeners = new Set<() => void>();
  private taps = new Set<AppendTap>();
  // Timeline arrays with spare capacity (as in buildTimeline, extended per batch).
  private tArr = new Float64Array(1024);
  private offArr = new Float64Array(1024);
  private gapArr = new Uint8Array(1024);
  private maxTime = 0;
  private tl: ReplayTimeline | null = null;
  private laneMap = new Map<string, Lane>();
  private laneList: Lane[] | null = null;

  constructor(source: string) {
    this.info = { status: 'loading', read: 0, error: null, vanished: 0, source };
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getSnapshot = (): number => this.version;

  /**
   * Sees every batch as it is appended, before payloads past the budget are dropped (the
   * breakpoints match there); returns remove.
   */
  tap(fn: AppendTap): () => void {
    this.taps.add(fn);
    return () => void this.taps.delete(fn);
  }

  private notify() {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  private grow(need: number) {
    if (need <= this.tArr.length) return;
    const cap = Math.max(need, this.tArr.length * 2);
    const t = new Float64Array(cap);
    const o = new Float64Array(cap);
    const g = new Uint8Array(cap);
    t.set(this.tArr);
    o.set(this.offArr);
    g.set(this.gapArr);
    this.tArr = t;
    this.offArr = o;
    this.gapArr = g;
  }

  /** Appends a batch (stream order) and notifies once. */
  append(batch: readonly ReplayEvent[], read: number): void {
    const from = this.events.length;
    this.grow(from + batch.length);
    for (let k = 0; k < batch.length; k++) this.tArr[from + k] = eventTime(batch[k] as ReplayEvent);
    this.extendTimeline(from, from + batch.length);
    this.events.push(batch);
    this.appended(from, read);
  }

  /**
   * Appends a batch decoded where it was read (decoded.ts: columns and payload bytes, no
   * object per event) and notifies once.
   */
  appendDecoded(b: DecodedBatch): void {
    const from = this.events.length;
    const c = b.cols;
    this.grow(from + c.length);
    // eventTime from the columns: created_at when known (NaN there: none), else stream time.
    for (let k = 0; k < c.length; k++) {
      const created = c.created[k] as number;
      this.tArr[from + k] = Number.isNaN(created) ? (c.times[k] as number) : created;
    }
    this.extendTimeline(from, from + c.length);
    this.events.pushDecoded(c, b.payloads);
    this.appended(from, b.read);
  }

  /** Timeline offsets and gaps of events `from..to - 1` (their times set). */
  private extendTimeline(from: number, to: number) {
    for (let i = from; i < to; i++) {
      const t = this.tArr[i] as number;
      if (i === 0) {
        this.maxTime = t;
        continue;
      }
      // Same rule as buildTimeline: gaps from the latest time so far, idle gaps compressed.
      let gap = t - this.maxTime;
      if (!(gap > 0)) gap = 0;
      if (gap > IDLE_GAP_MS) {
        gap = COMPRESSED_GAP_MS;
        this.gapArr[i] = 1;
      }
      this.offArr[i] = (this.offArr[i - 1] as number) + gap;
      if (t > this.maxTime) this.maxTime = t;
    }
  }

  /** After events `from..` were appended: lanes, taps, the read count, one notification. */
  private appended(from: number, read: number) {
    const to = this.events.length;
    if (addLanes(this.laneMap, this.events, from, to)) this.laneList = null;
    for (const fn of this.taps) fn(from, to);
    this.info = { ...this.info, read: this.info.read + read };
    this.notify();
  }

  /** Sets the state before the range: every point's state is folded onto it from now on. */
  setSeed(seed: ReplaySeed): void {
    this.seed = seed;
    this.index.setBase(seed.state);
    this.notify();
  }

  /** Records the outcome of the load and notifies. */
  finish(patch: Partial<LoadInfo>): void {
    this.info = { ...this.info, ...patch };
    this.notify();
  }

  /** Replay timeline of the events loaded so far (views of the arrays, cached per length). */
  timeline = (): ReplayTimeline => {
    const n = this.events.length;
    if (!this.tl || this.tl.offsets.length !== n) {
      this.tl = { offsets: this.offArr.subarray(0, n), compressed: this.gapArr.subarray(0, n) };
    }
    return this.tl;
  };

  /** Event times (eventTime of each loaded event), ms. */
  times(): Float64Array {
    return this.tArr.subarray(0, this.events.length);
  }

  /** Lanes of the sequence diagram over everything loaded so far (as lanesOf). */
  lanes(): Lane[] {
    this.laneList ??= sortLanes(this.laneMap);
    return this.laneList;
  }

  /** Index of the last event with seq ≤ `seq` (-1 when none). */
  indexAtOrBefore(seq: number): number {
    return this.events.indexAtOrBefore(seq);
  }
}
