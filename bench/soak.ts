/**
 * The timeline soak's pure parts (bench/scenarios/timeline.ts runs it): its length from
 * BENCH_SOAK_MINUTES, and heap growth over a trailing window of heap samples. Unit-tested.
 */
import { median } from './stats';

/** Default soak length (issue #19: 10 minutes at 2,000 events/s). */
export const SOAK_MINUTES = 10;

/**
 * Minutes the soak runs: BENCH_SOAK_MINUTES when set (a positive number, or 0 to skip it),
 * else SOAK_MINUTES. Throws with a message naming the variable when it is not a number.
 */
export function soakMinutes(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return SOAK_MINUTES;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(
      `BENCH_SOAK_MINUTES needs a number of minutes (0 skips the soak), got "${value}"`,
    );
  return n;
}

/** One heap sample: when (ms, any clock) and how much (MB). */
export type HeapSample = { at: number; mb: number };

/**
 * Heap growth over the window [end − windowMs, end] of `samples` (end = the last sample): the
 * Theil–Sen line through the window's samples (the median of the slopes between every two), from
 * its value at the window's start to its value at the end, in MB and as a share of the start. A
 * robust line rather than two samples: one sample caught mid-allocation would otherwise decide
 * the figure. `lowMb`..`highMb` is the line's approximate 95 % band (Sen's interval from the
 * sorted pairwise slopes, Kendall's variance): it assumes independent samples, and heap samples
 * are not quite (a cache filling and emptying), so it is a floor on the uncertainty, not a
 * guarantee. Null with fewer than two samples in the window.
 */
export function heapGrowth(
  samples: readonly HeapSample[],
  windowMs: number,
): {
  mb: number;
  pct: number;
  startMb: number;
  n: number;
  lowMb: number;
  highMb: number;
} | null {
  const last = samples.at(-1);
  if (!last) return null;
  const from = last.at - windowMs;
  const w = samples.filter((s) => s.at >= from);
  if (w.length < 2) return null;
  const slopes: number[] = [];
  for (let i = 0; i < w.length; i++)
    for (let j = i + 1; j < w.length; j++)
      if (w[j]!.at !== w[i]!.at) slopes.push((w[j]!.mb - w[i]!.mb) / (w[j]!.at - w[i]!.at));
  const slope = slopes.length ? median(slopes) : 0;
  const startMb = median(w.map((s) => s.mb - slope * (s.at - from)));
  const mb = slope * windowMs;
  // Sen's interval: the ranks (N ∓ z·σ)/2 of the N sorted slopes, σ² = n(n−1)(2n+5)/18.
  const sorted = [...slopes].sort((a, b) => a - b);
  const n = w.length;
  const c = 1.96 * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const at = (r: number) =>
    (sorted[Math.min(sorted.length - 1, Math.max(0, r))] ?? slope) * windowMs;
  return {
    mb,
    pct: startMb > 0 ? (mb / startMb) * 100 : 0,
    startMb,
    n,
    lowMb: at(Math.floor((sorted.length - c) / 2)),
    highMb: at(Math.ceil((sorted.length + c) / 2)),
  };
}
