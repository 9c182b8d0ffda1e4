import { describe, expect, it } from 'vitest';
import { createPace } from './pacing';

describe('live pace', () => {
  it('starts at zero, never decreases, and stays within 0.25 s of rate × t', () => {
    for (const rate of [1, 200, 10_000]) {
      const pace = createPace(rate, 9);
      expect(pace(0)).toBe(0);
      let prev = 0;
      const bad: number[] = [];
      for (let t = 0; t <= 60; t += 0.01) {
        const v = pace(t);
        if (v < prev - 1e-9 || Math.abs(v - rate * t) > rate * 0.25 + 1e-9) bad.push(t);
        prev = v;
      }
      expect(bad).toEqual([]);
    }
  });

  it('has bursts and lulls', () => {
    const pace = createPace(1000, 3);
    const rates = Array.from(
      { length: 100 },
      (_, i) => (pace((i + 1) * 0.2) - pace(i * 0.2)) / 0.2,
    );
    expect(Math.max(...rates)).toBeGreaterThan(1250);
    expect(Math.min(...rates)).toBeLessThan(750);
  });

  it('is seeded', () => {
    expect(createPace(100, 1)(1.5)).toBe(createPace(100, 1)(1.5));
    expect(createPace(100, 1)(1.5)).not.toBe(createPace(100, 2)(1.5));
  });
});
