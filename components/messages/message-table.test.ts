import { describe, expect, it } from 'vitest';
import type { Row } from '@/lib/browse/rows';
import { viewShift } from './message-table';
import { ROW_H } from './message-row';

const rows = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i }) as Row);

describe('viewShift (holding the view when rows change above it)', () => {
  it('moves down by the rows added above and up by the rows dropped above', () => {
    // Oldest first: the view's top row is seq 110 (index 10).
    expect(viewShift(rows(100, 200), rows(50, 200), 'asc', 10 * ROW_H)).toBe(50);
    expect(viewShift(rows(100, 200), rows(105, 260), 'asc', 10 * ROW_H)).toBe(-5);
    // Newest first, top row seq 190: rows dropped at the newer end are above it.
    expect(viewShift(rows(100, 200), rows(40, 195), 'desc', 10 * ROW_H + 7)).toBe(-5);
  });
  it('does not move for rows added or dropped below, or when the top row is gone', () => {
    expect(viewShift(rows(100, 200), rows(100, 400), 'asc', 10 * ROW_H)).toBe(0);
    expect(viewShift(rows(100, 200), rows(150, 400), 'asc', 10 * ROW_H)).toBe(0);
  });
});
