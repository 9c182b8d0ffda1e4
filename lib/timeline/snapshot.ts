/**
 * What React sees of the timeline (the counters, toolbar and log): one immutable snapshot,
 * computed only when React is about to be told (at most ~4 times a second), and the reconnect
 * gaps noted from the connection state.
 */
import type { TimelineModel } from './model';

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

/** The live figures of `model` at `now`. */
export function computeSnapshot(
  m: TimelineModel,
  o: {
    now: number;
    anomalies: number;
    gaps: number;
    pausedAtMs: number | null;
    viewSeq: number;
    catchingUp: boolean;
    error: string | null;
  },
): TimelineSnapshot {
  const tc = m.taskCounts();
  return {
    version: m.version,
    total: m.total,
    ratePerSec: m.ratePerSec(o.now),
    agentsOnline: m.agentsOnline(),
    tasksRunning: tc.running,
    tasksFailed: tc.failed,
    buffered: m.ring.size,
    dropped: m.ring.dropped,
    lastSeq: m.lastSeq,
    anomalies: o.anomalies,
    gaps: o.gaps,
    paused: o.pausedAtMs !== null,
    waiting: 0,
    pausedAtMs: o.pausedAtMs,
    viewSeq: o.viewSeq,
    catchingUp: o.catchingUp,
    error: o.error,
  };
}

/** Reconnect gaps from connection states: a disconnect opens one, the reconnect closes it. */
export class GapLog {
  readonly gaps: Gap[] = [];
  private reconnectsSeen = 0;

  /** Notes a connection state at `now`; returns whether the gaps changed. */
  note(state: string, reconnects: number, now: number): boolean {
    const before = this.gaps.length;
    const open = this.gaps[before - 1];
    const isOpen = open !== undefined && open.toMs === null;
    let changed = false;
    if (state === 'reconnecting' || state === 'error' || state === 'closed') {
      if (!isOpen) this.gaps.push({ fromMs: now, toMs: null, reconnect: reconnects });
    } else if (state === 'connected') {
      if (isOpen) {
        open.toMs = now;
        changed = true;
      } else if (reconnects > this.reconnectsSeen && this.reconnectsSeen > 0) {
        // A reconnect too quick to observe the disconnect: mark an instant gap.
        this.gaps.push({ fromMs: now, toMs: now, reconnect: reconnects });
      }
    }
    this.reconnectsSeen = Math.max(this.reconnectsSeen, reconnects, 1);
    if (this.gaps.length > 200) this.gaps.splice(0, this.gaps.length - 200);
    return changed || this.gaps.length !== before;
  }
}
