import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeqGuard } from './seq-guard';

const s = (...seqs: number[]) => seqs.map((seq) => ({ seq }));
const seqs = (a: { seq: number }[]) => a.map((x) => x.seq);

describe('SeqGuard', () => {
  it('lets increasing sequences through as they are and keeps the resume point', () => {
    const g = new SeqGuard();
    const b = s(1, 5, 9);
    expect(g.accept(b)).toBe(b);
    expect(g.accept([])).toEqual([]);
    expect(g.last).toBe(9);
    expect(g.anomalies).toBe(0);
  });

  it('drops and counts what repeats or goes back, within a batch and across batches', () => {
    const g = new SeqGuard();
    g.accept(s(1, 2, 3));
    // A restarted read that repeats the last batch, then continues.
    expect(seqs(g.accept(s(2, 3, 4, 4, 1, 6)))).toEqual([4, 6]);
    expect(g.anomalies).toBe(4);
    expect(g.last).toBe(6);
  });

  it('passes exactly the strictly increasing prefix maxima (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 20 }), { maxLength: 6 }),
        (batches) => {
          const g = new SeqGuard();
          const out = batches.flatMap((b) => seqs(g.accept(s(...b))));
          const want: number[] = [];
          for (const x of batches.flat()) if (x > (want.at(-1) ?? 0)) want.push(x);
          expect(out).toEqual(want);
          expect(g.anomalies).toBe(batches.flat().length - want.length);
          expect(g.last).toBe(want.at(-1) ?? 0);
        },
      ),
    );
  });
});
