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
    expect(heapGrowth([], 300_000)).toBeNull();
  });
});
