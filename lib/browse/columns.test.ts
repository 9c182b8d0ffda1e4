import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  COL_GAP,
  COL_MAX_PX,
  COL_MIN_PX,
  COMPACT_BELOW_PX,
  MIN_ROW_PX,
  ROW_PAD_X,
  WIDE_PX,
  clampColumnWidth,
  columnLayout,
  parseColumnWidths,
} from './columns';

const chrome = COL_GAP * 6 + ROW_PAD_X * 2;

describe('columnLayout', () => {
  it('fills a wide table exactly (to the pixel) with the wide columns', () => {
    const l = columnLayout(1400);
    expect(l.wide).toBe(true);
    expect(l.widths).toHaveLength(7);
    expect(l.widths.slice(0, 2)).toEqual([88, 160]);
    expect(l.widths[6]).toBe(80);
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
    const fixed = 64 + 104 + 88 + 72;
    const l = columnLayout(fixed + chrome + 424);
    expect(l.widths[4]).toBe(112);
    expect(l.widths[2]).toBe(Math.floor((1.2 * 312) / 2.8));
    expect(l.widths[5]).toBe(Math.floor((1.6 * 312) / 2.8));
  });

  it('drops the content column below the narrow minimum, keeping the others (and Size) on screen', () => {
    expect(COMPACT_BELOW_PX).toBe(64 + 104 + 112 + 88 + 112 + 96 + 72 + chrome);
    expect(columnLayout(COMPACT_BELOW_PX).shown.every(Boolean)).toBe(true);
    const l = columnLayout(COMPACT_BELOW_PX - 1);
    expect(l.wide).toBe(false);
    expect(l.shown).toEqual([true, true, true, true, true, false, true]);
    expect(l.widths[5]).toBe(0);
    // Five gaps, not six: the dropped column takes no gap and no track.
    expect(l.rowWidth).toBe(l.widths.reduce((a, b) => a + b, 0) + COL_GAP * 5 + ROW_PAD_X * 2);
    expect(l.template.split(' ')).toHaveLength(6);
    expect(l.rowWidth).toBeLessThanOrEqual(COMPACT_BELOW_PX - 1);
    // The table of a 1024 px window with the detail open (~580 px) fits without scrolling.
    expect(MIN_ROW_PX).toBeLessThanOrEqual(570);
    const at = columnLayout(580);
    expect(at.rowWidth).toBeLessThanOrEqual(580);
    expect(at.widths[6]).toBe(72);
  });

  it('is wider than the table (scrolls sideways) below the sum of the minimums, and survives bad widths', () => {
    const min = 56 + 96 + 104 + 80 + 96 + 72 + COL_GAP * 5 + ROW_PAD_X * 2;
    expect(MIN_ROW_PX).toBe(min);
    for (const w of [0, -5, NaN, Infinity, 300]) {
      const l = columnLayout(w);
      expect(l.rowWidth).toBe(min);
      expect(l.widths.every((x, i) => Number.isInteger(x) && (i === 5 ? x === 0 : x > 0))).toBe(
        true,
      );
    }
  });

  it('never exceeds the table once the compact columns fit', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_ROW_PX, max: 5000 }), (w) => {
        const l = columnLayout(w);
        expect(l.rowWidth).toBeLessThanOrEqual(w);
        expect(
          l.widths.every((x, i) => Number.isInteger(x) && (l.shown[i] ? x >= 56 : x === 0)),
        ).toBe(true);
      }),
    );
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

describe('resized columns', () => {
  it('fixes a resized column at its width; the others share the rest', () => {
    const l = columnLayout(1400, { subject: 420 });
    expect(l.widths[2]).toBe(420);
    expect(l.rowWidth).toBeLessThanOrEqual(1400);
    expect(l.rowWidth).toBeGreaterThan(1400 - 4);
    // Wider than before: the flexible columns gave way.
    expect(l.widths[5]!).toBeLessThan(columnLayout(1400).widths[5]!);
  });
  it('keeps the widths in bounds, and a table too narrow for them scrolls sideways', () => {
    expect(columnLayout(1400, { route: 5 }).widths[4]).toBe(COL_MIN_PX);
    const l = columnLayout(900, { subject: 5000, route: 600 });
    expect(l.widths[2]).toBe(COL_MAX_PX);
    expect(l.widths[4]).toBe(600);
    expect(l.rowWidth).toBeGreaterThan(900);
  });
  it('reads stored widths, ignoring anything malformed', () => {
    expect(parseColumnWidths('{"subject":300.4,"route":"x","other":5}')).toEqual({ subject: 300 });
    for (const bad of [null, '', 'nope', '[1]', 'null', '7', '{"subject":null}'])
      expect(parseColumnWidths(bad)).toEqual({});
    expect(clampColumnWidth(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('the created_at column', () => {
  it('is added as column 7, shown after the stream time, as wide as it', () => {
    const l = columnLayout(1400, {}, { created: true });
    expect(l.widths).toHaveLength(8);
    expect(l.widths[7]).toBe(l.widths[1]);
    expect(l.template.split(' ')[2]).toBe(`${l.widths[7]}px`);
    expect(columnLayout(1400).widths).toHaveLength(7);
  });
});
