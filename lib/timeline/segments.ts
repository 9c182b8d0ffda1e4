/**
 * Status segments: each agent's status as consecutive time spans, built from status events in
 * stream order. The last segment of an agent is open (endMs null) until the next change.
 */
import type { TimelineEvent } from './event';

export type StatusSegment = {
  agentId: string;
  status: string;
  startMs: number;
  endMs: number | null;
  seq: number;
  reason: string | null;
};

/** Per-agent segments, oldest first. */
export type SegmentMap = Map<string, StatusSegment[]>;

/** Applies one status event; repeats of the current status extend the open segment. Returns the agent's segments. */
export function applyStatus(
  map: SegmentMap,
  ev: TimelineEvent,
  maxPerAgent = 5000,
): StatusSegment[] | null {
  if (ev.kind !== 'status' || !ev.agentId || !ev.what) return null;
  let segs = map.get(ev.agentId);
  if (!segs) map.set(ev.agentId, (segs = []));
  const open = segs[segs.length - 1];
  if (open && open.endMs === null) {
    if (open.status === ev.what) return segs;
    open.endMs = Math.max(open.startMs, ev.timeMs);
  }
  segs.push({
    agentId: ev.agentId,
    status: ev.what,
    startMs: ev.timeMs,
    endMs: null,
    seq: ev.seq,
    reason: ev.detail,
  });
  if (segs.length > maxPerAgent) segs.splice(0, segs.length - maxPerAgent);
  return segs;
}

/** Builds segments from events in stream order (non-status events are ignored). */
export function statusSegments(events: Iterable<TimelineEvent>): SegmentMap {
  const map: SegmentMap = new Map();
  for (const ev of events) applyStatus(map, ev);
  return map;
}

/** Index of the last segment starting at or before `t` (-1 when none), by binary search. */
export function lastStartingBy(segs: readonly { startMs: number }[], t: number): number {
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segs[mid]!.startMs <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The segment of `segs` covering time `t`, by binary search; null when none. */
export function segmentAt(segs: readonly StatusSegment[], t: number): StatusSegment | null {
  const s = segs[lastStartingBy(segs, t)];
  if (!s) return null;
  return s.endMs === null || t < s.endMs ? s : null;
}
