import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPage, otherSide, rowsToDrop, WINDOW_MARGIN, WINDOW_ROWS } from './window';

const rows = (...s: number[]) => s.map((seq) => ({ seq }));
const seqs = (r: { seq: number }[]) => r.map((x) => x.seq);

describe('rowsToDrop', () => {
  it('drops nothing until the window is over its size', () => {
    expect(rowsToDrop(WINDOW_ROWS, 10_000)).toBe(0);
    expect(rowsToDrop(WINDOW_ROWS + 1000, 15_000)).toBe(1000);
  });
  it('never drops closer than the margin to the view', () => {
    expect(rowsToDrop(WINDOW_ROWS + 1000, WINDOW_MARGIN + 300)).toBe(300);
    expect(rowsToDrop(WINDOW_ROWS + 1000, WINDOW_MARGIN - 1)).toBe(0);
    expect(rowsToDrop(WINDOW_ROWS + 1000, 0)).toBe(0);
  });
});

/** The plain definition applyPage builds in one array: merge (skipping overlap), then trim. */
function reference(
  cur: { seq: number }[],
  page: { seq: number }[],
  side: 'older' | 'newer',
  beyond: number,
  max: number,
  margin: number,
) {
  const merged =
    cur.length === 0
      ? page.slice()
      : side === 'older'
        ? page.filter((r) => r.seq < cur[0]!.seq).concat(cur)
        : cur.concat(page.filter((r) => r.seq > cur[cur.length - 1]!.seq));
  const n = rowsToDrop(merged.length, beyond, max, margin);
  return {
    rows: side === 'newer' ? merged.slice(n) : merged.slice(0, merged.length - n),
    dropped: n,
  };
}

describe('applyPage', () => {
  it('adds pages on either side, skipping overlap', () => {
    expect(seqs(applyPage(rows(5, 6), rows(3, 4, 5), 'older', 0).rows)).toEqual([3, 4, 5, 6]);
    expect(seqs(applyPage(rows(5, 6), rows(6, 8), 'newer', 0).rows)).toEqual([5, 6, 8]);
    expect(seqs(applyPage([], rows(1, 2), 'newer', 0).rows)).toEqual([1, 2]);
  });
  it('equals merging then trimming, for any rows, page, side and view', () => {
    const run = fc
      .uniqueArray(fc.integer({ min: 1, max: 300 }), { maxLength: 60 })
      .map((a) => rows(...a.sort((x, y) => x - y)));
    fc.assert(
      fc.property(
        run,
        run,
        fc.constantFrom('older' as const, 'newer' as const),
        fc.nat(80),
        fc.integer({ min: 1, max: 60 }),
        fc.nat(20),
        (cur, page, side, beyond, max, margin) => {
          expect(applyPage(cur, page, side, beyond, max, margin)).toEqual(
            reference(cur, page, side, beyond, max, margin),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
  it('drops on the side away from the page read', () => {
    const cur = rows(1, 2, 3, 4, 5, 6);
    expect(applyPage(cur, rows(7, 8), 'newer', 5, 6, 1)).toEqual({
      rows: rows(3, 4, 5, 6, 7, 8),
      dropped: 2,
    });
    expect(applyPage(cur, rows(-1, 0), 'older', 5, 6, 1)).toEqual({
      rows: rows(-1, 0, 1, 2, 3, 4),
      dropped: 2,
    });
    expect(otherSide('older')).toBe('newer');
  });

  // A stream with gaps (deleted or filtered-out sequences), a view that moves about and pages
  // read on either side: the window is always an exact contiguous run of the stream around the
  // view, never above its size (plus one page), and the view's row is never dropped.
  it('keeps an exact contiguous run of the stream around the view', () => {
    const MAX = 40;
    const MARGIN = 8;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 400 }),
        fc.nat(),
        fc.array(
          fc.record({
            side: fc.constantFrom('older' as const, 'newer' as const),
            size: fc.integer({ min: 1, max: 30 }),
            view: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { maxLength: 60 },
        ),
        (raw, startAt, ops) => {
          const stream = [...raw].sort((a, b) => a - b);
          const a = startAt % stream.length;
          let cur = rows(...stream.slice(a, a + 10));
          for (const op of ops) {
            const v = Math.min(cur.length - 1, Math.floor(op.view * cur.length));
            const viewSeq = cur[v]!.seq;
            const beyond = op.side === 'newer' ? v : cur.length - 1 - v;
            const lo = stream.indexOf(cur[0]!.seq);
            const hi = stream.indexOf(cur[cur.length - 1]!.seq);
            // What readNewer / readOlder return: the next `size` sequences past the edge.
            const page =
              op.side === 'newer'
                ? stream.slice(hi + 1, hi + 1 + op.size)
                : stream.slice(Math.max(0, lo - op.size), lo);
            const before = cur.length;
            const r = applyPage(cur, rows(...page), op.side, beyond, MAX, MARGIN);
            cur = r.rows;
            expect(cur.length).toBe(before + page.length - r.dropped);
            const first = stream.indexOf(cur[0]!.seq);
            expect(seqs(cur)).toEqual(stream.slice(first, first + cur.length));
            expect(cur.some((x) => x.seq === viewSeq)).toBe(true);
            if (r.dropped > 0) expect(cur.length).toBeGreaterThanOrEqual(MAX);
            expect(cur.length).toBeLessThanOrEqual(Math.max(MAX, before + page.length));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
