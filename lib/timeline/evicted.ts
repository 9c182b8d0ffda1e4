/**
 * What the view says when it reaches back past the events held in memory (the ring keeps the
 * newest DEFAULT_CAPACITY): the canvas tints that stretch (prepare.ts `evictedX`) and this
 * notice names where it ends. Counters still count every event; the stream still has them.
 */
import { formatTime, type TimeZone } from '@/lib/time-zone';

/**
 * The notice for a view starting at `viewStartMs` when the oldest event held is at
 * `heldSinceMs` (null: nothing left memory); null when the view does not reach that far back.
 */
export function evictedNotice(
  heldSinceMs: number | null,
  viewStartMs: number,
  tz: TimeZone,
): string | null {
  if (heldSinceMs === null || viewStartMs >= heldSinceMs) return null;
  // "2026-11-27 18:06:10.123" → "18:06:10": the notice moves on by the second, not the frame.
  const at = formatTime(heldSinceMs, tz).slice(11, 19);
  return `Before ${at}: events no longer in memory (still in the stream; counters include them)`;
}
