import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LaneColumns } from './lane-columns';

const runsOf = (c: LaneColumns, lane: number) => {
  const out: [number, number, number][] = [];
  c.runs(lane, (a, b, code) => out.push([a, b, code]));
  return out;
};

describe('LaneColumns', () => {
  it('draws one run per stretch of equal codes, later marks over earlier ones', () => {
    const c = new LaneColumns(2, 20);
    c.fill(0, 2.4, 6.2, 1); // columns 2..6
    c.fill(0, 4, 5, 2); // over column 4
    c.fill(0, 15, 30, 3); // clipped at the right edge
    c.fill(1, -5, 1.5, 1); // clipped at the left edge
    c.fill(5, 0, 3, 1); // no such lane: ignored
    c.fill(1, 8, 8, 1); // empty
    expect(runsOf(c, 0)).toEqual([
      [2, 4, 1],
      [4, 5, 2],
      [5, 7, 1],
      [15, 20, 3],
    ]);
    expect(runsOf(c, 1)).toEqual([[0, 2, 1]]);
  });

  it('shows for each column the code of the last mark covering it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -10, max: 60, noNaN: true }),
            fc.double({ min: 0, max: 30, noNaN: true }),
            fc.integer({ min: 1, max: 4 }),
          ),
          { maxLength: 30 },
        ),
        (marks) => {
          const cols = 50;
          const c = new LaneColumns(1, cols);
          const want = new Array<number>(cols).fill(0);
          for (const [xa, w, code] of marks) {
            c.fill(0, xa, xa + w, code);
            for (let x = Math.max(0, Math.floor(xa)); x < Math.min(cols, Math.ceil(xa + w)); x++)
              want[x] = code;
          }
          const got = new Array<number>(cols).fill(0);
          for (const [a, b, code] of runsOf(c, 0)) {
            expect(code).not.toBe(0);
            for (let x = a; x < b; x++) got[x] = code;
          }
          expect(got).toEqual(want);
          // Runs are maximal: neighbours differ.
          const r = runsOf(c, 0);
          for (let i = 1; i < r.length; i++)
            expect(r[i - 1]![1] < r[i]![0] || r[i - 1]![2] !== r[i]![2]).toBe(true);
        },
      ),
    );
  });
});
