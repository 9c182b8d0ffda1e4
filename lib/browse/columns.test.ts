import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COL_GAP, ROW_PAD_X, WIDE_PX, columnLayout } from './columns';

const chrome = COL_GAP * 6 + ROW_PAD_X * 2;

describe('columnLayout', () => {
  it('fills a wide table exactly (to the pixel) with the wide columns', () => {
    const l = columnLayout(1400);
    expect(l.wide).toBe(true);
    expect(l.widths).toHaveLength(7);
    expect(l.widths.slice(0, 2)).toEqual([88, 168]);
    expect(l.widths[6]).toBe(72);
    expect(l.rowWidth).toBeLessThanOrEqual(1400);
    expect(l.rowWidth).toBeGreaterThan(1400 - 4);
    expect(l.template).toBe(l.widths.map((w) => `${w}px`).join(' '));
    // Content (2fr) gets about twice the sender column (1fr).
    expect(l.widths[5]! / l.widths[4]!).toBeCloseTo(2, 1);
  });

  it('uses the narrow columns below WIDE_PX and keeps every column on screen down to the minimum', () => {
    const l = columnLayout(WIDE_PX - 1);
    expect(l.wide).toBe(false);
    expect(l.widths[0]).toBe(64);
    expect(l.rowWidth).toBeLessThanOrEqual(WIDE_PX - 1);
  });

  it('freezes a flexible column at its minimum and shares the rest among the others', () => {
    // 424 px for 3.8 fr: Sender (1 fr) would get 111.6 < 112, so it is frozen at 112 and
    // Subject (1.2 fr) and Content (1.6 fr) share the other 312 px.
    const fixed = 64 + 104 + 88 + 64;
    const l = columnLayout(fixed + chrome + 424);
    expect(l.widths[4]).toBe(112);
    expect(l.widths[2]).toBe(Math.floor((1.2 * 312) / 2.8));
    expect(l.widths[5]).toBe(Math.floor((1.6 * 312) / 2.8));
  });

  it('is wider than the table (scrolls sideways) below the sum of the minimums, and survives bad widths', () => {
    const min = 64 + 104 + 112 + 88 + 112 + 96 + 64 + chrome;
    for (const w of [0, -5, NaN, Infinity, 300]) {
      const l = columnLayout(w);
      expect(l.rowWidth).toBe(min);
      expect(l.widths.every((x) => Number.isInteger(x) && x > 0)).toBe(true);
    }
  });

  it('never exceeds the table once it fits, and never goes below a minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 760, max: 5000 }), (w) => {
        const l = columnLayout(w);
        expect(l.rowWidth).toBeLessThanOrEqual(w);
        expect(l.rowWidth).toBeGreaterThan(w - 4);
        expect(l.widths.every((x) => Number.isInteger(x) && x >= 64)).toBe(true);
      }),
    );
  });
});
