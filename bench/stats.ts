/** Small statistics helpers for benchmark samples (pure). */

/** The q-quantile (0..1) of `xs` by linear interpolation; NaN for an empty list. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = Math.min(1, Math.max(0, q)) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = s[lo] as number;
  const b = s[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** Median of `xs`. */
export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

/** 95th percentile of `xs`. */
export const p95 = (xs: readonly number[]): number => quantile(xs, 0.95);

/** Largest value, 0 for an empty list. */
export const maxOf = (xs: readonly number[]): number => xs.reduce((m, x) => (x > m ? x : m), 0);

/** `count` distinct-ish integers in [lo, hi] from a seeded generator (mulberry32). */
export function seededInts(seed: number, count: number, lo: number, hi: number): number[] {
  let t = seed >>> 0;
  const next = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const out: number[] = [];
  const span = Math.max(0, hi - lo);
  for (let i = 0; i < count; i++) out.push(lo + Math.floor(next() * (span + 1)));
  return out;
}
