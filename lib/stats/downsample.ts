/**
 * The "prepare" step of the charts: at most ~1 point per pixel. Keeps each bucket's minimum
 * and maximum so spikes survive (a plain stride would drop them).
 */

/** Downsamples `points` (sorted by `x`) to at most `maxPoints` (≥ 2), keeping min/max of `y`. */
export function downsample<T>(points: readonly T[], maxPoints: number, y: (p: T) => number): T[] {
  if (points.length <= maxPoints || maxPoints < 2) return points.slice();
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = points.length / buckets;
  const out: T[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(points.length, Math.floor((b + 1) * size));
    if (to <= from) continue;
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if (y(points[i]!) < y(points[lo]!)) lo = i;
      if (y(points[i]!) > y(points[hi]!)) hi = i;
    }
    // Keep time order within the bucket.
    if (lo === hi) out.push(points[lo]!);
    else if (lo < hi) out.push(points[lo]!, points[hi]!);
    else out.push(points[hi]!, points[lo]!);
  }
  return out;
}
