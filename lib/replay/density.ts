/**
 * The seek slider's density strip: the slider is linear in events, so each bin (an equal
 * slice of events) shows how dense that stretch was in time — events per second on a log
 * scale, 0..1 — and whether it crossed a compressed idle gap. Pure.
 */

export type DensityBin = { level: number; gap: boolean };

/** `bins` equal slices of `times` (event times, ms) with their relative rate. */
export function densityBins(
  times: ArrayLike<number>,
  compressed: ArrayLike<number>,
  bins: number,
): DensityBin[] {
  const n = times.length;
  const b = Math.max(1, Math.min(bins, n));
  if (n === 0) return [];
  const rates: number[] = [];
  const gaps: boolean[] = [];
  for (let i = 0; i < b; i++) {
    const lo = Math.floor((i * n) / b);
    const hi = Math.max(lo, Math.floor(((i + 1) * n) / b) - 1);
    const span = Math.max(1, (times[hi] as number) - (times[lo] as number));
    rates.push(Math.log1p(((hi - lo + 1) * 1000) / span));
    let g = false;
    for (let k = lo; k <= hi && !g; k++) g = compressed[k] === 1;
    gaps.push(g);
  }
  const max = Math.max(...rates, 1e-9);
  return rates.map((r, i) => ({ level: r / max, gap: gaps[i] as boolean }));
}
