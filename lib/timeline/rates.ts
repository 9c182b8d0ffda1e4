/**
 * The rates chart's prepare step: events per second by kind over the visible window,
 * downsampled to about one point per pixel (never finer than one second), so recharts draws
 * a few hundred points whatever the traffic.
 */

export type RateSource = { size: number; at(i: number): { timeMs: number; kind: string } };

export type RatePoint = { t: number; message: number; status: number; task: number };

/** Wraps an array as a RateSource. */
export function arraySource<T extends { timeMs: number; kind: string }>(
  arr: readonly T[],
): RateSource {
  return { size: arr.length, at: (i) => arr[i]! };
}

function lowerBound(src: RateSource, t: number): number {
  let lo = 0;
  let hi = src.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (src.at(mid).timeMs < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Buckets the events of [fromMs, toMs) (source sorted by time) into ≤ `width` points; each
 * point is the bucket start and the per-second rate of each kind in it. Generic events count
 * as messages.
 */
export function prepareRates(
  src: RateSource,
  fromMs: number,
  toMs: number,
  width: number,
  minBucketMs = 1000,
): RatePoint[] {
  const span = toMs - fromMs;
  if (!(span > 0) || !(width >= 1)) return [];
  const n = Math.max(1, Math.min(Math.floor(width), Math.floor(span / minBucketMs) || 1));
  const bucketMs = span / n;
  const pts: RatePoint[] = Array.from({ length: n }, (_, i) => ({
    t: Math.round(fromMs + i * bucketMs),
    message: 0,
    status: 0,
    task: 0,
  }));
  const end = lowerBound(src, toMs);
  for (let i = lowerBound(src, fromMs); i < end; i++) {
    const ev = src.at(i);
    const b = Math.min(n - 1, Math.floor((ev.timeMs - fromMs) / bucketMs));
    const p = pts[b]!;
    if (ev.kind === 'status') p.status++;
    else if (ev.kind === 'task') p.task++;
    else p.message++;
  }
  const perSec = 1000 / bucketMs;
  for (const p of pts) {
    p.message *= perSec;
    p.status *= perSec;
    p.task *= perSec;
  }
  return pts;
}
