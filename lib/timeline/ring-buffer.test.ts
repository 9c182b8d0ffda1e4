import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RingBuffer } from './ring-buffer';

const e = (seq: number, timeMs = seq * 10) => ({ seq, timeMs });

describe('RingBuffer', () => {
  it('keeps the newest `capacity` events in order and counts the dropped', () => {
    const r = new RingBuffer<{ seq: number; timeMs: number }>(3);
    for (let i = 1; i <= 5; i++) r.insert(e(i));
    expect(r.toArray().map((x) => x.seq)).toEqual([3, 4, 5]);
    expect(r.dropped).toBe(2);
    expect(r.first()?.seq).toBe(3);
    expect(r.last()?.seq).toBe(5);
  });

  it('inserts late arrivals in place and rejects duplicates', () => {
    const r = new RingBuffer<{ seq: number; timeMs: number }>(10);
    for (const s of [1, 4, 6]) r.insert(e(s));
    expect(r.insert(e(5))).toBe(true);
    expect(r.insert(e(2))).toBe(true);
    expect(r.insert(e(4))).toBe(false);
    expect(r.toArray().map((x) => x.seq)).toEqual([1, 2, 4, 5, 6]);
  });

  it('when full, a late arrival evicts the oldest; one older than everything is dropped', () => {
    const r = new RingBuffer<{ seq: number; timeMs: number }>(3);
    for (const s of [2, 4, 6]) r.insert(e(s));
    expect(r.insert(e(5))).toBe(true);
    expect(r.toArray().map((x) => x.seq)).toEqual([4, 5, 6]);
    expect(r.insert(e(1))).toBe(false);
    expect(r.toArray().map((x) => x.seq)).toEqual([4, 5, 6]);
  });

  it('finds positions by sequence and by time across the wrap-around', () => {
    const r = new RingBuffer<{ seq: number; timeMs: number }>(4);
    for (let i = 1; i <= 6; i++) r.insert(e(i));
    expect(r.lowerBoundSeq(5)).toBe(2);
    expect(r.lowerBoundTime(45)).toBe(2);
    expect(r.lowerBoundTime(0)).toBe(0);
    expect(r.lowerBoundTime(1000)).toBe(4);
  });

  it('holds a sorted, duplicate-free suffix of whatever is inserted (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        (seqs, cap) => {
          const r = new RingBuffer<{ seq: number; timeMs: number }>(cap);
          for (const s of seqs) r.insert(e(s));
          const got = r.toArray().map((x) => x.seq);
          expect(got.length).toBeLessThanOrEqual(cap);
          for (let i = 1; i < got.length; i++) expect(got[i]!).toBeGreaterThan(got[i - 1]!);
          // In-order input: the result is exactly the last `cap` distinct values.
          const sorted = [...new Set(seqs)].sort((a, b) => a - b);
          const r2 = new RingBuffer<{ seq: number; timeMs: number }>(cap);
          for (const s of sorted) r2.insert(e(s));
          expect(r2.toArray().map((x) => x.seq)).toEqual(sorted.slice(-cap));
        },
      ),
    );
  });
});

describe('RingBuffer.insertMany', () => {
  it('merges a late batch into the tail in one pass, returning only the new events', () => {
    const r = new RingBuffer<{ seq: number; timeMs: number }>(6);
    r.insertMany([e(1), e(4), e(6), e(8)]);
    const added = r.insertMany([e(2), e(4), e(5), e(9)]);
    expect(added.map((x) => x.seq)).toEqual([2, 5, 9]);
    expect(r.toArray().map((x) => x.seq)).toEqual([2, 4, 5, 6, 8, 9]);
    expect(r.dropped).toBe(1);
  });

  it('equals inserting one by one (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { maxLength: 40 }), {
          maxLength: 8,
        }),
        (batches) => {
          const a = new RingBuffer<{ seq: number; timeMs: number }>(1000);
          const b = new RingBuffer<{ seq: number; timeMs: number }>(1000);
          for (const batch of batches) {
            const sorted = [...batch].sort((x, y) => x - y).map((s) => e(s));
            a.insertMany(sorted);
            for (const ev of sorted) b.insert(ev);
          }
          expect(a.toArray().map((x) => x.seq)).toEqual(b.toArray().map((x) => x.seq));
        },
      ),
    );
  });

  it('keeps seq, time and code columns by slot in step with the events, through wraps and merges', () => {
    type Ev = { seq: number; timeMs: number; k: number };
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 12 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 16 }),
        (batches, cap) => {
          const r = new RingBuffer<Ev>(cap, (ev) => ev.k);
          for (const b of batches) {
            const sorted = [...new Set(b)].sort((x, y) => x - y);
            r.insertMany(sorted.map((seq) => ({ seq, timeMs: seq * 10, k: seq % 4 })));
          }
          for (let i = 0; i < r.size; i++) {
            const k = r.slot(i);
            expect(r.seqs[k]).toBe(r.at(i).seq);
            expect(r.times[k]).toBe(r.at(i).timeMs);
            expect(r.codes[k]).toBe(r.at(i).k);
          }
          // Binary searches read the columns: same answers as a linear scan of the events.
          const all = r.toArray();
          for (const t of [0, 55, 200, 10_000])
            expect(r.lowerBoundTime(t)).toBe(
              all.findIndex((x) => x.timeMs >= t) < 0
                ? all.length
                : all.findIndex((x) => x.timeMs >= t),
            );
        },
      ),
    );
  });
});
