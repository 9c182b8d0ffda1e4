/**
 * The log's read of the ring: the newest events up to a sequence that match a predicate,
 * scanning backwards from that sequence (bounded, so a filter matching nothing stays cheap).
 */
import { hydrateMessage, type TimelineEvent } from './event';
import type { RingBuffer } from './ring-buffer';

/** The newest `n` events with seq ≤ `maxSeq` matching `pred`, newest first (≤ `maxScan` visited). */
export function recentEvents(
  ring: RingBuffer<TimelineEvent>,
  maxSeq: number,
  n: number,
  pred: (e: TimelineEvent) => boolean = () => true,
  maxScan = 50_000,
): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  let i = ring.lowerBoundSeq(maxSeq + 1) - 1;
  for (let scanned = 0; i >= 0 && out.length < n && scanned < maxScan; i--, scanned++) {
    const ev = ring.at(i);
    if (pred(ev)) out.push(ev);
  }
  return out;
}

/**
 * The log's predicate for the view filters: the event's kind (generic counts as message), its
 * task, and, when lanes are chosen, its agent among them.
 */
export function logFilter(filters: {
  kinds: ReadonlySet<string>;
  task: string | null;
  agents: readonly string[];
}): (e: TimelineEvent) => boolean {
  return (e) =>
    filters.kinds.has(e.kind === 'generic' ? 'message' : e.kind) &&
    (!filters.task || e.taskId === filters.task) &&
    (filters.agents.length === 0 ||
      // A message's sender is known once its payload is decoded (only the newest are).
      ((e.kind !== 'message' || hydrateMessage(e).agentId !== null) &&
        e.agentId !== null &&
        filters.agents.includes(e.agentId)));
}
