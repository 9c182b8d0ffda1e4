/**
 * The rates chart's prepare step: events per second by kind over the visible window,
 * downsampled to about one point per pixel (never finer than one second), so the chart draws
 * a few hundred points whatever the traffic.
 */
import { KIND_CODE } from './event';

export type RatePoint = { t: number; message: number; status: number; task: number };

/** The ring's typed-array columns (ring-buffer.ts) with a kind column (KIND_CODE). */
export type RateColumns = {
  capacity: number;
  times: Float64Array;
  codes: Uint8Array;
  slot(i: number): number;
  lowerBoundTime(t: number): number;
};

/**
 * Buckets the ring's events in [fromMs, toMs) into ≤ `width` points; each point is the bucket
 * start and the per-second rate of each kind in it (generic events count as messages). Reads
 * the ring's typed-array columns, never an event object: the chart refreshes every second on
 * the page's main thread, over up to 100k events.
 */
export function prepareRates(
  src: RateColumns,
  fromMs: number,
  toMs: number,
  width: number,
  minBucketMs = 1000,
): RatePoint[] {
  const b = buckets(fromMs, toMs, width, minBucketMs);
  if (!b) return [];
  const { times, codes, capacity } = src;
  const i0 = src.lowerBoundTime(fromMs);
  const i1 = src.lowerBoundTime(toMs);
  for (let i = i0, k = src.slot(i0); i < i1; i++, k = k + 1 === capacity ? 0 : k + 1) {
    const p = b.pts[Math.min(b.n - 1, Math.floor((times[k]! - fromMs) / b.bucketMs))]!;
    const code = codes[k];
    if (code === KIND_CODE.status) p.status++;
    else if (code === KIND_CODE.task) p.task++;
    else p.message++;
  }
  return toRates(b);
}

type Buckets = { n: number; bucketMs: number; pts: RatePoint[] };

function buckets(fromMs: number, toMs: number, width: number, minBucketMs: number): Buckets | null {
  const span = toMs - fromMs;
  if (!(span > 0) || !(width >= 1)) return null;
  const n = Math.max(1, Math.min(Math.floor(width), Math.floor(span / minBucketMs) || 1));
  const bucketMs = span / n;
  const pts: RatePoint[] = Array.from({ length: n }, (_, i) => ({
    t: Math.round(fromMs + i * bucketMs),
    message: 0,
    status: 0,
    task: 0,
  }));
  return { n, bucketMs, pts };
}

function toRates({ bucketMs, pts }: Buckets): RatePoint[] {
  const perSec = 1000 / bucketMs;
  for (const p of pts) {
    p.message *= perSec;
    p.status *= perSec;
    p.task *= perSec;
  }
  return pts;
}

/**
 * The chart's top value: `max` rounded up so that its four gridlines (quarters) read as round
 * numbers — 500, 1.0k, 1.5k, 2.0k or 600, 1.2k, 1.8k, 2.4k rather than 554, 1.1k, 1.7k, 2.2k —
 * and stay whole numbers for small rates.
 */
export function niceMax(max: number): number {
  if (!(max > 4)) return 4;
  if (max <= 8) return 8;
  if (max <= 12) return 12;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6, 8, 10])
    if (Math.round(m * p) >= max) return Math.round(m * p);
  return 10 * p;
}
