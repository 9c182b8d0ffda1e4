import { describe, expect, it } from 'vitest';
import { kindCode, type TimelineEvent } from './event';
import { niceMax, prepareRates, type RatePoint } from './rates';
import { RingBuffer } from './ring-buffer';
import { ev as fixture } from './fixtures.test-util';

/** A ring holding `evs` (time order), the chart's source. */
function ringOf(
  evs: readonly { timeMs: number; kind: TimelineEvent['kind'] }[],
  capacity = evs.length,
): RingBuffer<TimelineEvent> {
  const ring = new RingBuffer<TimelineEvent>(Math.max(1, capacity), kindCode);
  evs.forEach((e, i) => ring.insert(fixture({ seq: i + 1, subject: 'agent.x', ...e })));
  return ring;
}

/** The obvious computation over event objects, as the reference for the columns. */
function reference(
  evs: readonly TimelineEvent[],
  from: number,
  to: number,
  width: number,
  minBucketMs: number,
): RatePoint[] {
  const n = Math.max(1, Math.min(Math.floor(width), Math.floor((to - from) / minBucketMs) || 1));
  const bucketMs = (to - from) / n;
  const pts = Array.from({ length: n }, (_, i) => ({
    t: Math.round(from + i * bucketMs),
    message: 0,
    status: 0,
    task: 0,
  }));
  for (const e of evs) {
    if (e.timeMs < from || e.timeMs >= to) continue;
    const p = pts[Math.min(n - 1, Math.floor((e.timeMs - from) / bucketMs))]!;
    if (e.kind === 'status') p.status++;
    else if (e.kind === 'task') p.task++;
    else p.message++;
  }
  const perSec = 1000 / bucketMs;
  return pts.map((p) => ({
    t: p.t,
    message: p.message * perSec,
    status: p.status * perSec,
    task: p.task * perSec,
  }));
}

describe('prepareRates', () => {
  const evs = [
    { timeMs: 0, kind: 'message' },
    { timeMs: 500, kind: 'status' },
    { timeMs: 1500, kind: 'task' },
    { timeMs: 1600, kind: 'generic' },
    { timeMs: 9999, kind: 'message' },
    { timeMs: 10_000, kind: 'message' },
  ] as const;

  it('buckets by kind as per-second rates, one point per second when pixels allow', () => {
    const pts = prepareRates(ringOf(evs), 0, 10_000, 1000);
    expect(pts).toHaveLength(10);
    expect(pts[0]).toEqual({ t: 0, message: 1, status: 1, task: 0 });
    expect(pts[1]).toEqual({ t: 1000, message: 1, status: 0, task: 1 });
    expect(pts[9]).toEqual({ t: 9000, message: 1, status: 0, task: 0 });
  });

  it('downsamples to at most one point per pixel, keeping totals', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      timeMs: i * 36,
      kind: i % 3 === 0 ? ('status' as const) : ('message' as const),
    }));
    const pts = prepareRates(ringOf(many), 0, 3_600_000, 300);
    expect(pts).toHaveLength(300);
    const bucketSec = 3_600_000 / 300 / 1000;
    const total = pts.reduce((s, p) => s + (p.message + p.status + p.task) * bucketSec, 0);
    expect(Math.round(total)).toBe(100_000);
  });

  it('returns nothing for an empty range or no width', () => {
    expect(prepareRates(ringOf(evs), 10, 10, 100)).toEqual([]);
    expect(prepareRates(ringOf(evs), 0, 10, 0)).toEqual([]);
  });

  it('gives the same points as the computation over event objects, read from a wrapped ring', () => {
    const kinds = ['message', 'status', 'task', 'generic'] as const;
    const all = Array.from({ length: 1300 }, (_, i) => ({
      timeMs: (i + 1) * 7,
      kind: kinds[(i + 1) % 4]!,
    }));
    const ring = ringOf(all, 500);
    const held = all.slice(-500).map((e, i) => fixture({ seq: 801 + i, subject: 'agent.x', ...e }));
    for (const [from, to, w] of [
      [0, 10_000, 50],
      [5000, 8000, 7],
      [6000, 6001, 3],
    ] as const) {
      expect(prepareRates(ring, from, to, w, 100)).toEqual(reference(held, from, to, w, 100));
    }
  });
});

describe('niceMax', () => {
  it('rounds up so the quarter gridlines are round numbers (whole for small rates)', () => {
    const cases: [number, number][] = [
      [0, 4],
      [3, 4],
      [7, 8],
      [10, 12],
      [13, 16],
      [90, 100],
      [150, 160],
      [554, 600],
      [2000, 2000],
      [2216, 2400],
      [4100, 6000],
      [8001, 10000],
    ];
    for (const [max, top] of cases) {
      expect(niceMax(max)).toBe(top);
      for (let k = 1; k <= 4; k++) expect(Number.isInteger((top * k) / 4)).toBe(true);
    }
  });
});
