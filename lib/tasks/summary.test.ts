import { beforeEach, describe, expect, it } from 'vitest';
import { message, resetSeq, task } from '@/lib/replay/fixtures.test-util';
import type { MessageEvent, TaskEvent } from '@/lib/replay/event';
import { Enricher, buildRows, figures, matchRow, quantile, sortRows } from './summary';

beforeEach(resetSeq);

describe('all tasks', () => {
  it('builds rows from lifecycle events, enriches them with the slowest hop, and sums up', () => {
    const rows = buildRows([
      task('A', 'created', 0),
      task('B', 'created', 1),
      task('A', 'assigned', 2, { assignee: 'a' }),
      task('A', 'failed', 10, { assignee: 'a' }),
      task('A', 'assigned', 12, { assignee: 'a', retries: 1 }),
      task('A', 'completed', 30, { assignee: 'a', retries: 1 }),
      task('B', 'assigned', 3, { assignee: 'b' }),
      task('B', 'failed', 61, { assignee: 'b' }),
    ] as TaskEvent[]);
    expect(rows.map((r) => [r.id, r.outcome, r.attempts, r.durationMs / 1000])).toEqual([
      ['A', 'completed', 2, 30],
      ['B', 'failed', 1, 60],
    ]);
    const en = new Enricher(rows);
    en.add([
      message('a', 'x', 'question', 3, 'A'),
      message('x', 'a', 'answer', 8, 'A'),
      message('a', 'x', 'question', 14, 'A'),
    ] as MessageEvent[]);
    en.add([
      message('x', 'a', 'answer', 16, 'A'),
      message('b', 'y', 'question', 5, 'B'),
    ] as MessageEvent[]);
    expect(rows[0]).toMatchObject({ slowestMs: 5000, slowestWho: 'x', agents: ['a', 'x'] });
    expect(rows[1]?.slowestMs).toBeNull();
    expect(en.responders()).toEqual([{ agent: 'x', name: 'X', count: 2, p50: 2000, p95: 5000 }]);
    const f = figures(rows);
    expect(f.failureRate).toBe(0.5);
    expect(f.retried).toBe(1);
    expect(f.byOutcome.map((o) => o.outcome)).toEqual(['completed', 'failed']);
    expect(sortRows(rows, 'duration', true).map((r) => r.id)).toEqual(['B', 'A']);
    expect(sortRows(rows, 'slowest', false).map((r) => r.id)).toEqual(['A', 'B']);
    expect(rows.filter((r) => matchRow(r, 'outcome:failed')).map((r) => r.id)).toEqual(['B']);
    expect(rows.filter((r) => matchRow(r, 'agent:x')).map((r) => r.id)).toEqual(['A']);
  });

  it('quantile is nearest-rank', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.95)).toBe(4);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
