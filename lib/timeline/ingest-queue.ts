/**
 * Between the consumers and the model: per-filter batches wait here until the next frame,
 * then are sequence-checked, decoded and released in sequence order. Per-filter consumers
 * progress at different speeds, so events are released up to a watermark — the lowest last
 * sequence of the filters still delivering — and the ring only ever appends; a filter quiet
 * for QUIET_MS does not hold the others back, and nothing is held longer than MAX_HOLD_MS.
 *
 * Decoding is time-sliced: one drain stops at its deadline and leaves the rest queued for the
 * next frame, so a burst (the backfill, or a tab coming back from the background) never
 * becomes one long main-thread task.
 */
import { shareStrings, toTimelineEvent, type RawMessage, type TimelineEvent } from './event';
import { mergeBySeq, SeqTracker } from './merge';

/** A filter that delivered nothing for this long no longer holds the watermark back. */
export const QUIET_MS = 150;
/** Longest an event waits for slower filters before it is inserted anyway. */
export const MAX_HOLD_MS = 400;
/** Events decoded between two looks at the clock. */
const SLICE = 256;

type Held = { events: TimelineEvent[]; since: number };
/** A consumer's message, or an event the reader worker already decoded. */
type Incoming = RawMessage | TimelineEvent;
const decode = (m: Incoming): TimelineEvent => ('kind' in m ? shareStrings(m) : toTimelineEvent(m));

export class IngestQueue {
  readonly tracker = new SeqTracker();
  /** Raw batches per filter, handed over by the consumers (not copied). */
  private pending = new Map<string, Incoming[][]>();
  /** Offset into the first pending batch of each filter (a drain may stop mid-batch). */
  private offset = new Map<string, number>();
  private held = new Map<string, Held>();
  private arrival = new Map<string, number>();

  /** Queues a batch; the queue keeps the array (callers hand over a fresh one each time). */
  push(filter: string, msgs: Incoming[]) {
    if (msgs.length === 0) return;
    const q = this.pending.get(filter);
    if (q) q.push(msgs);
    else this.pending.set(filter, [msgs]);
  }

  /** Raw messages not decoded yet. */
  get backlog(): number {
    let n = 0;
    for (const [f, q] of this.pending) {
      for (const b of q) n += b.length;
      n -= this.offset.get(f) ?? 0;
    }
    return n;
  }

  /** The lowest sequence still waiting here (undecoded or held); Infinity when none. */
  lowestWaiting(): number {
    let low = Infinity;
    for (const [f, q] of this.pending) {
      const m = q[0]?.[this.offset.get(f) ?? 0];
      if (m && m.seq < low) low = m.seq;
    }
    for (const q of this.held.values()) {
      const e = q.events[0];
      if (e && e.seq < low) low = e.seq;
    }
    return low;
  }

  /** Decoded events waiting at the watermark. */
  get heldCount(): number {
    let n = 0;
    for (const q of this.held.values()) n += q.events.length;
    return n;
  }

  /**
   * Decodes what is queued until `deadline` (performance.now() time; Infinity = all), then
   * returns the events that may enter the model, in sequence order. `forceAt` = a held count
   * above which everything held is released regardless of the watermark.
   */
  drain(now: number, deadline: number, forceAt: number, clock: () => number): TimelineEvent[] {
    for (const [filter, batches] of this.pending) {
      let off = this.offset.get(filter) ?? 0;
      let q = this.held.get(filter);
      while (batches.length > 0) {
        const batch = batches[0]!;
        const end = Math.min(batch.length, off + SLICE);
        const part = off === 0 && end === batch.length ? batch : batch.slice(off, end);
        const fresh = this.tracker.accept(filter, part, now);
        if (fresh.length > 0) {
          if (!q) this.held.set(filter, (q = { events: [], since: now }));
          if (q.events.length === 0) q.since = now;
          for (const m of fresh) q.events.push(decode(m));
          this.arrival.set(filter, now);
        }
        off = end;
        if (off >= batch.length) {
          batches.shift();
          off = 0;
        }
        if (clock() >= deadline) break;
      }
      this.offset.set(filter, off);
      if (batches.length === 0) this.pending.delete(filter);
      if (clock() >= deadline) break;
    }
    return this.release(now, forceAt);
  }

  private release(now: number, forceAt: number): TimelineEvent[] {
    let watermark = Infinity;
    for (const [filter, at] of this.arrival)
      if (now - at < QUIET_MS) watermark = Math.min(watermark, this.tracker.lastSeq(filter));
    const force = this.heldCount > forceAt;
    const out: TimelineEvent[][] = [];
    for (const q of this.held.values()) {
      if (q.events.length === 0) continue;
      if (force || now - q.since >= MAX_HOLD_MS) {
        out.push(q.events);
        q.events = [];
        continue;
      }
      let n = 0;
      while (n < q.events.length && q.events[n]!.seq <= watermark) n++;
      if (n === q.events.length) {
        out.push(q.events);
        q.events = [];
      } else if (n > 0) out.push(q.events.splice(0, n));
      if (q.events.length > 0) q.since = now;
    }
    return out.length ? mergeBySeq(out) : [];
  }
}
