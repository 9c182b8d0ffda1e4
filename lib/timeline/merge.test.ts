import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeBySeq, SeqTracker } from './merge';

const s = (...seqs: number[]) => seqs.map((seq) => ({ seq }));

describe('mergeBySeq', () => {
  it('merges sorted per-filter batches into one sequence order', () => {
    expect(mergeBySeq([s(1, 4, 7), s(2, 3, 9), s(), s(5)]).map((x) => x.seq)).toEqual([
      1, 2, 3, 4, 5, 7, 9,
    ]);
  });
  it('keeps an equal sequence once', () => {
    expect(mergeBySeq([s(1, 2), s(2, 3)]).map((x) => x.seq)).toEqual([1, 2, 3]);
  });
  it('equals sort+dedupe of the union (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 500 })), { maxLength: 4 }),
        (arrs) => {
          const batches = arrs.map((a) => s(...[...a].sort((x, y) => x - y)));
          const want = [...new Set(arrs.flat())].sort((x, y) => x - y);
          expect(mergeBySeq(batches).map((x) => x.seq)).toEqual(want);
        },
      ),
    );
  });
});

describe('SeqTracker', () => {
  it('accepts increasing sequences per filter and counts repeats as anomalies', () => {
    const t = new SeqTracker();
    expect(t.accept('a', s(1, 5, 9)).map((x) => x.seq)).toEqual([1, 5, 9]);
    expect(t.accept('b', s(2, 3)).map((x) => x.seq)).toEqual([2, 3]);
    expect(t.accept('a', s(9, 8, 10)).map((x) => x.seq)).toEqual([10]);
    expect(t.anomalyCount).toBe(2);
    expect(t.lastSeq('a')).toBe(10);
    expect(t.lastSeq('b')).toBe(3);
    expect(t.anomalies[0]).toMatchObject({ filter: 'a', seq: 9, lastSeq: 9 });
  });
});
