import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { message, status, task } from './fixtures.test-util';
import { fold } from './projection';
import { ProjectionCursor, ProjectionIndex } from './snapshots';
import type { ReplayEvent } from './event';

function randomEvents(n: number, seed: number): ReplayEvent[] {
  let x = seed;
  const r = (k: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % k);
  const statuses = ['online', 'busy', 'idle', 'offline', 'error'];
  const evs = ['created', 'assigned', 'started', 'progress', 'blocked', 'completed', 'failed'];
  return Array.from({ length: n }, (_, i) => {
    const k = r(3);
    if (k === 0) return status(`a${r(5)}`, statuses[r(5)] as string, i + r(3));
    if (k === 1)
      return task(`t${r(20)}`, evs[r(7)] as string, i, { assignee: `a${r(5)}`, retries: r(3) });
    return message(`a${r(5)}`, r(4) === 0 ? null : `a${r(5)}`, 'question', i);
  });
}

const plain = (s: ReturnType<typeof fold>) => ({
  agents: [...s.agents].sort(),
  tasks: [...s.tasks].sort(),
  byType: [...s.byType].sort(),
  seq: s.seq,
});

describe('snapshots', () => {
  it('state at N from snapshots equals the fold of the first N events, in any seek order', () => {
    const events = randomEvents(400, 42);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 12 }),
        (points) => {
          const index = new ProjectionIndex(events, 50);
          const cursor = new ProjectionCursor(index, events);
          for (const p of points) {
            const expected = plain(fold(events.slice(0, p)));
            expect(plain(index.stateAt(p))).toEqual(expected);
            expect(plain(cursor.moveTo(p))).toEqual(expected);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 30_000);

  it('takes snapshots lazily, only as far as asked', () => {
    const events = randomEvents(500, 1);
    const index = new ProjectionIndex(events, 100);
    index.stateAt(250);
    expect(index.snapshotCount).toBe(3);
    index.stateAt(10);
    expect(index.snapshotCount).toBe(3);
    expect(index.extend(1000)).toBe(true);
    expect(index.snapshotCount).toBe(6);
    let t = 0;
    const fresh = new ProjectionIndex(events, 100);
    expect(fresh.extend(2, () => t++)).toBe(false); // the fake clock's budget allows one snapshot
    expect(fresh.snapshotCount).toBe(2);
  });
});
