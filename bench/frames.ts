/**
 * Publish→rendered latency from render frames: a frame that drew up to sequence S at wall
 * time T rendered every sequence after the previous frame's S up to S, so each of those
 * messages' latency is T − its publish time (created_at). Pure, unit-tested.
 */

/** One frame that drew: the highest sequence on screen and the wall-clock time (epoch ms). */
export type Frame = { seq: number; at: number };

/**
 * Latencies (ms) of every sequence in `published` that a frame rendered. Frames may arrive
 * out of order or repeat a sequence; only increases of the rendered sequence count.
 */
export function renderLatencies(
  frames: readonly Frame[],
  published: ReadonlyMap<number, number>,
): number[] {
  const seqs = [...published.keys()].sort((a, b) => a - b);
  const ordered = [...frames].sort((a, b) => a.at - b.at);
  const out: number[] = [];
  let i = 0;
  let high = 0;
  for (const f of ordered) {
    if (f.seq <= high) continue;
    high = f.seq;
    while (i < seqs.length && (seqs[i] as number) <= high) {
      const pub = published.get(seqs[i] as number) as number;
      out.push(f.at - pub);
      i++;
    }
  }
  return out;
}
