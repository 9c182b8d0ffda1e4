/**
 * A loaded replay: events in stream order (append-only while loading, one notification per
 * batch), their projection snapshots and replay timeline, and the load's outcome.
 * Framework-free; React reads `version` through `subscribe/getSnapshot`.
 */
import { buildTimeline, type ReplayTimeline } from './clock';
import { eventTime, type ReplayEvent } from './event';
import { ProjectionIndex } from './snapshots';

export type LoadStatus = 'loading' | 'done' | 'error';

export type LoadInfo = {
  status: LoadStatus;
  /** Messages read from the stream (before the scope's client-side match). */
  read: number;
  /** True when MAX_EVENTS was reached and the range was cut short. */
  capped: boolean;
  error: string | null;
  /** Where the events came from: the stream name or the imported file. */
  source: string;
};

/** One replay's events and derived indexes. */
export class ReplayData {
  readonly events: ReplayEvent[] = [];
  readonly index = new ProjectionIndex(this.events);
  info: LoadInfo;
  private version = 0;
  private listeners = new Set<() => void>();
  private tl: ReplayTimeline | null = null;

  constructor(source: string) {
    this.info = { status: 'loading', read: 0, capped: false, error: null, source };
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getSnapshot = (): number => this.version;

  private notify() {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  /** Appends a batch (stream order) and notifies once. */
  append(batch: readonly ReplayEvent[], read: number): void {
    for (const e of batch) this.events.push(e);
    this.info = { ...this.info, read: this.info.read + read };
    this.notify();
  }

  /** Records the outcome of the load and notifies. */
  finish(patch: Partial<LoadInfo>): void {
    this.info = { ...this.info, ...patch };
    this.notify();
  }

  /** Replay timeline of the events loaded so far (cached per length). */
  timeline = (): ReplayTimeline => {
    if (!this.tl || this.tl.offsets.length !== this.events.length) {
      this.tl = buildTimeline(this.events.map(eventTime));
    }
    return this.tl;
  };

  /** Index of the last event with seq ≤ `seq` (-1 when none). */
  indexAtOrBefore(seq: number): number {
    let lo = 0;
    let hi = this.events.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.events[mid] as ReplayEvent).seq <= seq) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }
}
