/**
 * Between the read and a model: batches wait here until the next frame, then are decoded
 * and released in arrival order — which is sequence order, as the read checked it once
 * (seq-guard.ts). Decoding is time-sliced: one drain stops at its deadline and leaves the rest
 * for the next frame, so a burst (the backfill, a tab back from the background) never becomes
 * one long task.
 */
import { shareStrings, toTimelineEvent, type RawMessage, type TimelineEvent } from './event';

/** Events decoded between two looks at the clock. */
const SLICE = 256;

/** A consumer's message (the page reading itself), or an event a worker already decoded. */
export type Incoming = RawMessage | TimelineEvent;
const decode = (m: Incoming): TimelineEvent => ('kind' in m ? shareStrings(m) : toTimelineEvent(m));

export class IngestQueue {
  /** Batches in arrival order, handed over (not copied). */
  private batches: Incoming[][] = [];
  /** Offset into the first batch (a drain may stop mid-batch). */
  private offset = 0;
  private waiting = 0;

  /** Queues a batch; the queue keeps the array (callers hand over a fresh one each time). */
  push(msgs: Incoming[]) {
    if (msgs.length === 0) return;
    this.batches.push(msgs);
    this.waiting += msgs.length;
  }

  /** Messages not decoded yet. */
  get backlog(): number {
    return this.waiting;
  }

  /** The lowest sequence still waiting here; Infinity when none. */
  lowestWaiting(): number {
    return this.batches[0]?.[this.offset]?.seq ?? Infinity;
  }

  /**
   * Decodes what is queued until `deadline` (on `clock`'s scale; Infinity = all), in order.
   */
  drain(deadline: number, clock: () => number): TimelineEvent[] {
    const out: TimelineEvent[] = [];
    while (this.batches.length > 0) {
      const batch = this.batches[0]!;
      const end = Math.min(batch.length, this.offset + SLICE);
      for (let i = this.offset; i < end; i++) out.push(decode(batch[i]!));
      this.waiting -= end - this.offset;
      this.offset = end;
      if (end === batch.length) {
        this.batches.shift();
        this.offset = 0;
      }
      if (clock() >= deadline) break;
    }
    return out;
  }
}
