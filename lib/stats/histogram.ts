/**
 * A histogram of messages over time that is there on first load, without reading the stream:
 * K messages at evenly spaced sequences are fetched by direct get (K round trips whatever the
 * stream's size), giving (seq, time) points; the messages between two points are spread
 * evenly over the time between them. Exact at the sampled points, approximate between them
 * (deleted sequences count as messages). Cheap on a 1M-message stream: K = 48 gets.
 */

export type SeqTime = {
  seq: number;
  /** Stream (ingest) time. */
  timeMs: number;
  /** The payload's created_at (the agents' clock), when it has one. */
  createdMs?: number | null;
};

export type Bucket = { start: number; end: number; count: number };

/** Which clock a histogram is drawn on (the agents' falls back to stream time per point). */
export type HistogramClock = 'agent' | 'stream';

/**
 * `points` on `clock`, the time span they cover, how many carry an agent time and which clock
 * was used. On the agents' clock the points without created_at are left out (interpolating
 * between two clocks means nothing: their messages are spread with their neighbours'); with
 * none at all it is stream time.
 */
export function pointsOnClock(
  points: readonly SeqTime[],
  clock: HistogramClock,
): { points: SeqTime[]; fromMs: number; toMs: number; withCreated: number; clock: HistogramClock } {
  const withCreated = points.filter((p) => p.createdMs != null).length;
  const used: HistogramClock = clock === 'agent' && withCreated > 0 ? 'agent' : 'stream';
  const out: SeqTime[] = [];
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const p of points) {
    const t = used === 'agent' ? p.createdMs : p.timeMs;
    if (t == null) continue;
    fromMs = Math.min(fromMs, t);
    toMs = Math.max(toMs, t);
    out.push({ seq: p.seq, timeMs: t });
  }
  return { points: out, fromMs, toMs, withCreated, clock: used };
}

/** `k` distinct sequences evenly spaced over [first, last] (both included when k ≥ 2). */
export function sampleSeqs(first: number, last: number, k: number): number[] {
  if (last < first || k <= 0) return [];
  const span = last - first;
  if (span + 1 <= k) return Array.from({ length: span + 1 }, (_, i) => first + i);
  const out = new Set<number>();
  for (let i = 0; i < k; i++) out.add(Math.round(first + (span * i) / Math.max(1, k - 1)));
  return [...out].sort((a, b) => a - b);
}

/**
 * Estimated message counts per time bucket over [fromMs, toMs] from sampled points. The first
 * point counts itself; each later point adds the messages since the previous point.
 */
export function histogramFromSamples(
  points: readonly SeqTime[],
  opts: { buckets: number; fromMs: number; toMs: number },
): Bucket[] {
  const n = Math.max(1, Math.floor(opts.buckets));
  const span = Math.max(1, opts.toMs - opts.fromMs);
  const width = span / n;
  const buckets: Bucket[] = Array.from({ length: n }, (_, i) => ({
    start: opts.fromMs + i * width,
    end: opts.fromMs + (i + 1) * width,
    count: 0,
  }));
  const idx = (t: number) => Math.min(n - 1, Math.max(0, Math.floor((t - opts.fromMs) / width)));
  const add = (t: number, c: number) => {
    if (t < opts.fromMs || t > opts.toMs) return;
    buckets[idx(t)]!.count += c;
  };
  const pts = points.slice().sort((a, b) => a.seq - b.seq);
  if (pts.length === 0) return buckets;
  add(pts[0]!.timeMs, 1);
  let last = pts[0]!;
  let lastT = last.timeMs;
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i]!;
    // Stream time only moves forward; clamp jitter so intervals are never negative.
    const t = Math.max(lastT, p.timeMs);
    const count = p.seq - last.seq;
    if (count > 0) spread(lastT, t, count, opts.fromMs, opts.toMs, width, n, buckets);
    last = p;
    lastT = t;
  }
  return buckets;
}

function spread(
  t0: number,
  t1: number,
  count: number,
  from: number,
  to: number,
  width: number,
  n: number,
  out: Bucket[],
) {
  if (t1 <= t0) {
    if (t1 >= from && t1 <= to)
      out[Math.min(n - 1, Math.max(0, Math.floor((t1 - from) / width)))]!.count += count;
    return;
  }
  // The interval (t0, t1] holds `count` messages at a uniform density.
  const density = count / (t1 - t0);
  const a = Math.max(t0, from);
  const b = Math.min(t1, to);
  if (b <= a) return;
  let i = Math.min(n - 1, Math.max(0, Math.floor((a - from) / width)));
  for (; i < n; i++) {
    const bs = from + i * width;
    const be = bs + width;
    const ov = Math.min(be, b) - Math.max(bs, a);
    if (ov > 0) out[i]!.count += density * ov;
    if (be >= b) break;
  }
}
