import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { message, resetSeq, status, task } from './fixtures.test-util';
import { cloneState, foldInto } from './projection';
import { makeSeed, seedFilters, seedState } from './seed';
import { ProjectionCursor, ProjectionIndex } from './snapshots';
import { ReplayData } from './store';
import { eventsToNdjson } from './ndjson';
import { replayFromNdjson } from './import';
import type { ReplayEvent } from './event';

const plain = (s: ReturnType<typeof seedState>) => ({
  agents: [...s.agents].sort(),
  tasks: [...s.tasks].sort(),
  byType: [...s.byType].sort(),
  seq: s.seq,
  applied: s.applied,
});

/** Events before a range (seq 1..6) and the range itself (7..). */
function history(): { before: ReplayEvent[]; range: ReplayEvent[] } {
  resetSeq();
  const before = [
    status('a1', 'online', 0),
    task('t1', 'created', 1),
    task('t1', 'assigned', 2, { assignee: 'a1' }),
    task('t2', 'created', 3),
    task('t2', 'completed', 4),
    status('a2', 'busy', 5),
  ];
  const range: ReplayEvent[] = [];
  for (let i = 0; i < 120; i++)
    range.push(
      i % 3 === 0
        ? message('a1', 'a2', 'question', 10 + i)
        : i % 3 === 1
          ? status(i % 2 ? 'a1' : 'a3', i % 4 ? 'busy' : 'idle', 10 + i)
          : task(`t${i % 5}`, i % 10 === 2 ? 'started' : 'progress', 10 + i, { progress: i }),
    );
  return { before, range };
}

describe('the state before the range (seed)', () => {
  it('keeps every agent’s last status and the open tasks, with no counts of its own', () => {
    const { before } = history();
    const s = seedState(before, 6);
    expect(s.agents.get('a1')?.status).toBe('online');
    expect(s.agents.get('a2')?.status).toBe('busy');
    expect([...s.tasks.keys()]).toEqual(['t1']); // t2 finished before the range: history
    expect(s.tasks.get('t1')?.state).toBe('assigned');
    expect([s.seq, s.applied, s.byType.size]).toEqual([6, 0, 0]);
    expect(s.agents.get('a1')?.sent).toBe(0);
  });

  it('every point’s state is the seeded state plus the range folded up to it, also after the seed arrives late', () => {
    const { before, range } = history();
    const seed = makeSeed(before, 6, 'window', 1);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: range.length }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 9 }),
        (points, lateAt) => {
          const index = new ProjectionIndex(range, 16);
          const cursor = new ProjectionCursor(index, range);
          points.forEach((p, k) => {
            // The seed is read beside the range: it may land after seeks and snapshots.
            if (k === lateAt || (k === points.length - 1 && lateAt >= points.length))
              index.setBase(seed.state);
            const want = foldInto(cloneState(index.stateAt(0)), range, 0, p);
            expect(plain(index.stateAt(p))).toEqual(plain(want));
            expect(plain(cursor.moveTo(p))).toEqual(plain(want));
          });
          index.setBase(seed.state);
          const last = points[points.length - 1] as number;
          expect(plain(cursor.moveTo(last))).toEqual(
            plain(foldInto(cloneState(seed.state), range, 0, last)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ReplayData.setSeed notifies and re-bases the projection', () => {
    const { before, range } = history();
    const data = new ReplayData('s');
    data.append(range.slice(0, 10), 10);
    expect(data.index.stateAt(0).agents.size).toBe(0);
    let calls = 0;
    data.subscribe(() => calls++);
    data.setSeed(makeSeed(before, 6, 'multi_last'));
    expect(calls).toBe(1);
    expect(data.index.stateAt(0).agents.get('a2')?.status).toBe('busy');
    expect(data.index.stateAt(10).agents.get('a2')?.sinceSeq).toBe(6);
  });

  it('an export carries the state before the range and an import starts from it again', () => {
    const { before, range } = history();
    const text = eventsToNdjson(range, before);
    expect(text.split('\n')[0]).toContain('"before_range":true');
    const { data, errors } = replayFromNdjson(text, 'r.ndjson');
    expect(errors).toEqual([]);
    expect(data.events.toArray().map((e) => e.seq)).toEqual(range.map((e) => e.seq));
    expect(data.seed?.source).toBe('file');
    expect(data.seed?.upTo).toBe(6);
    expect(plain(data.index.stateAt(range.length))).toEqual(
      plain(foldInto(cloneState(seedState(before, 6)), range, 0, range.length)),
    );
    // Without those lines the file says nothing of the state before: no seed, marked as a file.
    const none = replayFromNdjson(eventsToNdjson(range), 'r.ndjson').data;
    expect([none.seed, none.fromFile]).toEqual([null, true]);
    // A before_range line after the range began is refused, by line.
    const bad = replayFromNdjson(
      eventsToNdjson(range.slice(0, 2)) + eventsToNdjson([], [range[5] as ReplayEvent]),
      'x',
    );
    expect(bad.errors[0]).toMatch(/^Line 3: a "before_range" line/);
  });
});

describe('seedFilters', () => {
  it("narrows a task's replay to that task's subjects, keeps the statuses whole", () => {
    expect(seedFilters({ task: 'abc-1' })).toEqual(['agent.status.>', 'agent.task.abc-1.>']);
    expect(seedFilters({ task: null })).toEqual(['agent.status.>', 'agent.task.>']);
    // Not one subject token: every task, matched here as before.
    expect(seedFilters({ task: 'a.b' })).toEqual(['agent.status.>', 'agent.task.>']);
    expect(seedFilters({ task: '*' })).toEqual(['agent.status.>', 'agent.task.>']);
  });
});
