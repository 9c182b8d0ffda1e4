import { beforeEach, describe, expect, it } from 'vitest';
import { message, resetSeq, status } from './fixtures.test-util';
import type { ReplayEvent } from './event';
import { RowOffsets } from './row-offsets';

beforeEach(resetSeq);

const h = (e: ReplayEvent) => (e.kind === 'message' ? 10 : 3);

describe('RowOffsets', () => {
  it('gives row tops as prefix sums and finds the row at a y, also while the array grows', () => {
    const evs: ReplayEvent[] = [
      message('a', 'b', 'q', 0),
      status('a', 'online', 1),
      message('b', 'a', 'r', 2),
    ];
    const rows = new RowOffsets(evs, (i) => h(evs[i] as ReplayEvent));
    expect([0, 1, 2, 3].map((i) => rows.top(i))).toEqual([0, 10, 13, 23]);
    expect(rows.indexAt(0, 3)).toBe(0);
    expect(rows.indexAt(9.9, 3)).toBe(0);
    expect(rows.indexAt(10, 3)).toBe(1);
    expect(rows.indexAt(500, 3)).toBe(2);
    expect(rows.indexAt(500, 2)).toBe(1); // only the first `count` rows count
    for (let i = 0; i < 3000; i++) evs.push(status('a', 'busy', 3 + i));
    expect(rows.top(evs.length)).toBe(23 + 3000 * 3);
    expect(rows.indexAt(23 + 3 * 1500 + 1, evs.length)).toBe(1503);
    expect(rows.top(10 ** 9)).toBe(rows.top(evs.length)); // clamped
    expect(rows.indexAt(5, 0)).toBe(0);
  });
});

describe('RowOffsets with measured heights', () => {
  it('moves the rows after a row whose height changed, and only when asked', () => {
    const events = Array.from({ length: 5 }, (_, i) => ({ seq: i + 1 }) as unknown as ReplayEvent);
    const h = new Map<number, number>();
    const rows = new RowOffsets(events, (i) => h.get((events[i] as ReplayEvent).seq) ?? 10);
    expect(rows.top(5)).toBe(50);
    h.set(2, 40);
    expect(rows.top(5)).toBe(50); // not yet told
    rows.invalidateFrom(1);
    expect(rows.top(1)).toBe(10);
    expect(rows.top(2)).toBe(50);
    expect(rows.top(5)).toBe(80);
    expect(rows.indexAt(49, 5)).toBe(1);
    expect(rows.indexAt(50, 5)).toBe(2);
  });
});
