/**
 * Merging per-filter batches into one sequence-ordered flow. nats-server 2.9 allows one
 * filter per consumer, so the timeline runs one ordered consumer per filter; each must deliver
 * strictly increasing sequences. The tracker drops anything at or below a filter's last
 * sequence (a duplicate after a restart) and counts it as an anomaly.
 */

/** k-way merge of sequence-sorted batches into one sorted array; equal sequences kept once. */
export function mergeBySeq<T extends { seq: number }>(batches: readonly (readonly T[])[]): T[] {
  const live = batches.filter((b) => b.length > 0);
  if (live.length === 0) return [];
  if (live.length === 1) return live[0]!.slice();
  const idx = new Array<number>(live.length).fill(0);
  const out: T[] = [];
  let last = -Infinity;
  for (;;) {
    let best = -1;
    let bestSeq = Infinity;
    for (let b = 0; b < live.length; b++) {
      const i = idx[b]!;
      const arr = live[b]!;
      if (i < arr.length && arr[i]!.seq < bestSeq) {
        bestSeq = arr[i]!.seq;
        best = b;
      }
    }
    if (best < 0) return out;
    const ev = live[best]![idx[best]!]!;
    idx[best]!++;
    if (ev.seq !== last) out.push(ev);
    last = ev.seq;
  }
}

export type SeqAnomaly = { filter: string; seq: number; lastSeq: number; atMs: number };

/** Per-filter last sequence and the anomalies seen (non-increasing sequences, dropped). */
export class SeqTracker {
  private last = new Map<string, number>();
  anomalies: SeqAnomaly[] = [];
  anomalyCount = 0;

  /** Last sequence accepted for `filter` (0 = none yet). */
  lastSeq(filter: string): number {
    return this.last.get(filter) ?? 0;
  }

  /** Sets the resume point (e.g. after a restart from lastSeq+1). */
  setLast(filter: string, seq: number) {
    this.last.set(filter, seq);
  }

  /** Returns the messages with strictly increasing sequences; the rest are anomalies. */
  accept<T extends { seq: number }>(filter: string, msgs: readonly T[], nowMs = Date.now()): T[] {
    let last = this.lastSeq(filter);
    const out: T[] = [];
    for (const m of msgs) {
      if (m.seq > last) {
        out.push(m);
        last = m.seq;
      } else {
        this.anomalyCount++;
        // Keep a short history for the UI; the count is the figure that matters.
        if (this.anomalies.length < 50)
          this.anomalies.push({ filter, seq: m.seq, lastSeq: last, atMs: nowMs });
      }
    }
    this.last.set(filter, last);
    return out;
  }
}
