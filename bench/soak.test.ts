import { describe, expect, it } from 'vitest';
import { heapGrowth, SOAK_MINUTES, soakMinutes } from './soak';

describe('soak', () => {
  it('reads its length from BENCH_SOAK_MINUTES', () => {
    expect(soakMinutes(undefined)).toBe(SOAK_MINUTES);
    expect(soakMinutes('')).toBe(SOAK_MINUTES);
    expect(soakMinutes('2')).toBe(2);
    expect(soakMinutes('0.5')).toBe(0.5);
    expect(soakMinutes('0')).toBe(0);
    expect(() => soakMinutes('ten')).toThrow(/BENCH_SOAK_MINUTES needs a number/);
    expect(() => soakMinutes('-1')).toThrow(/BENCH_SOAK_MINUTES/);
  });

  it('measures heap growth over the trailing window with a fitted line', () => {
    // 20 MB flat for 5 minutes, then 1 MB a minute for the last 5.
    const s = Array.from({ length: 61 }, (_, i) => {
      const at = i * 10_000;
      return { at, mb: at <= 300_000 ? 20 : 20 + (at - 300_000) / 60_000 };
    });
    const g = heapGrowth(s, 300_000)!;
    expect(g.mb).toBeCloseTo(5);
    expect(g.startMb).toBeCloseTo(20);
    expect(g.pct).toBeCloseTo(25);
    expect(g.n).toBe(31);
    // Flat with one outlier: about no growth, not the outlier's jump.
    const flat = s.map((x, i) => ({ at: x.at, mb: i === 59 ? 30 : 20 }));
    expect(Math.abs(heapGrowth(flat, 300_000)!.pct)).toBeLessThan(5);
    expect(heapGrowth(s.slice(0, 1), 300_000)).toBeNull();
  });

  it('gives a band around the line: narrow for a clean line, wide for noise around a flat one', () => {
    const line = Array.from({ length: 31 }, (_, i) => ({ at: i * 10_000, mb: 20 + i * 0.1 }));
    const g = heapGrowth(line, 300_000)!;
    expect(g.mb).toBeCloseTo(3);
    expect(g.lowMb).toBeCloseTo(3);
    expect(g.highMb).toBeCloseTo(3);
    // ±1 MB of alternating noise around 20 MB: the band straddles 0.
    const noisy = line.map((x, i) => ({
      at: x.at,
      mb: 20 + (i % 2 ? 1 : -1) * ((i * 7) % 5) * 0.25,
    }));
    const h = heapGrowth(noisy, 300_000)!;
    expect(h.lowMb).toBeLessThan(0);
    expect(h.highMb).toBeGreaterThan(0);
    expect(h.lowMb).toBeLessThanOrEqual(h.mb);
    expect(h.highMb).toBeGreaterThanOrEqual(h.mb);
    expect(heapGrowth([], 300_000)).toBeNull();
  });
});
