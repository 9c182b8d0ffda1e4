import { describe, expect, it } from 'vitest';
import { retentionPressure } from './retention';

const DAY = 86_400_000;

describe('retention pressure', () => {
  it('computes shares of each limit and when the oldest message expires', () => {
    const now = Date.parse('2026-01-08T00:00:00Z');
    const first = now - 2 * DAY;
    const r = retentionPressure(
      { max_msgs: 1_000_000, max_bytes: 1_000_000_000, max_age: 7 * DAY * 1e6 },
      { messages: 250_000, bytes: 100_000_000, first_ts: new Date(first).toISOString() },
      now,
    );
    expect(r.msgs?.share).toBe(0.25);
    expect(r.bytes?.share).toBe(0.1);
    expect(r.age?.share).toBeCloseTo(2 / 7);
    expect(r.oldestExpiresAt).toBe(first + 7 * DAY);
    expect(r.tightest).toBe('age');
  });
  it('treats -1 and 0 as no limit', () => {
    const r = retentionPressure(
      { max_msgs: -1, max_bytes: -1, max_age: 0 },
      { messages: 5, bytes: 50, first_ts: '2026-01-01T00:00:00Z' },
      Date.now(),
    );
    expect(r).toEqual({
      msgs: null,
      bytes: null,
      age: null,
      oldestExpiresAt: null,
      tightest: null,
    });
  });
  it('has no age pressure on an empty stream', () => {
    const r = retentionPressure(
      { max_msgs: 10, max_age: DAY * 1e6 },
      { messages: 0, bytes: 0, first_ts: '0001-01-01T00:00:00Z' },
      Date.now(),
    );
    expect(r.age).toBeNull();
    expect(r.oldestExpiresAt).toBeNull();
    expect(r.msgs?.share).toBe(0);
  });
});
