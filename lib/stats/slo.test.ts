import { describe, expect, it } from 'vitest';
import {
  LAG_WINDOW_MIN_MS,
  SLO_LAG_MS,
  appendLagReading,
  lagWindowMs,
  smoothLag,
  throughputHeadroom,
  type LagReading,
} from './slo';

describe('throughputHeadroom', () => {
  it('reports light traffic as headroom under the capacity target, never as a miss', () => {
    const h = throughputHeadroom(25.4);
    expect(h.state).toBe('below');
    expect(h.share).toBeCloseTo(0.00254, 6);
    expect(h.headroom).toBeCloseTo(9974.6, 6);
  });
  it('is idle without a rate or without traffic, and "at" the target from 10,000 msgs/s', () => {
    expect(throughputHeadroom(null).state).toBe('idle');
    expect(throughputHeadroom(Number.NaN).state).toBe('idle');
    expect(throughputHeadroom(0)).toEqual({ state: 'idle', share: 0, headroom: 10_000 });
    expect(throughputHeadroom(12_000)).toEqual({ state: 'at', share: 1.2, headroom: 0 });
  });
});

describe('lag smoothing', () => {
  it('uses a window of at least 30 s and at least six refreshes', () => {
    expect(lagWindowMs(1000)).toBe(LAG_WINDOW_MIN_MS);
    expect(lagWindowMs(false)).toBe(LAG_WINDOW_MIN_MS);
    expect(lagWindowMs(10_000)).toBe(60_000);
  });

  it('keeps only the readings in the window and ignores repeated or bad ones', () => {
    let l: readonly LagReading[] = [];
    for (let t = 0; t <= 60_000; t += 5000) l = appendLagReading(l, { t, lagMs: t }, 30_000);
    expect(l.map((r) => r.t)).toEqual([30_000, 35_000, 40_000, 45_000, 50_000, 55_000, 60_000]);
    expect(appendLagReading(l, { t: 60_000, lagMs: 1 }, 30_000)).toBe(l);
    expect(appendLagReading(l, { t: 65_000, lagMs: Number.NaN }, 30_000)).toBe(l);
  });

  it('does not flip met/missed when single readings alternate around the target', () => {
    // A consumer keeping up at a light rate: caught up in most readings, 150 ms behind in some.
    const lags = [0, 150, 0, 0, 150, 0, 20, 150, 0, 0, 150, 0];
    let l: readonly LagReading[] = [];
    const statuses: string[] = [];
    lags.forEach((lagMs, i) => {
      l = appendLagReading(l, { t: i * 2000, lagMs }, 30_000);
      statuses.push(smoothLag(l, i * 2000, 30_000)!.status);
    });
    // The raw readings flip six times; the smoothed status holds (after the first two readings).
    expect(new Set(statuses.slice(2))).toEqual(new Set(['met']));
    const s = smoothLag(l, 22_000, 30_000)!;
    expect(s).toMatchObject({ medianMs: 0, maxMs: 150, readings: 12, windowMs: 30_000 });
  });

  it('reports a consumer that stays behind as missed, with median and max', () => {
    let l: readonly LagReading[] = [];
    for (const [t, lagMs] of [
      [0, 400],
      [5000, 900],
      [10_000, 50],
      [15_000, 1200],
    ] as const)
      l = appendLagReading(l, { t, lagMs }, 30_000);
    const s = smoothLag(l, 15_000, 30_000)!;
    expect(s.medianMs).toBe(650);
    expect(s.maxMs).toBe(1200);
    expect(s.medianMs).toBeGreaterThan(SLO_LAG_MS);
    expect(s.status).toBe('missed');
    expect(smoothLag([], 0, 30_000)).toBeNull();
  });
});
