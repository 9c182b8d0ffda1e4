import { describe, expect, it } from 'vitest';
import { ev } from './fixtures.test-util';
import { lifecycleBars, taskCounts } from './lifecycle';

const t = (
  taskId: string,
  what: string,
  timeMs: number,
  p: { agentId?: string; retries?: number; detail?: string } = {},
) =>
  ev({
    kind: 'task',
    taskId,
    what,
    timeMs,
    agentId: p.agentId ?? null,
    retries: p.retries ?? 0,
    detail: p.detail ?? null,
  });

describe('lifecycleBars', () => {
  it('builds one bar per attempt: assigned → started → outcome, with retries', () => {
    const st = lifecycleBars([
      t('T1', 'created', 0, { detail: 'Build login' }),
      t('T1', 'assigned', 1, { agentId: 'a' }),
      t('T1', 'started', 2, { agentId: 'a' }),
      t('T1', 'blocked', 3, { agentId: 'a' }),
      t('T1', 'failed', 4, { agentId: 'a' }),
      t('T1', 'assigned', 5, { agentId: 'b', retries: 1 }),
      t('T1', 'started', 6, { agentId: 'b', retries: 1 }),
      t('T2', 'assigned', 7, { agentId: 'a' }),
    ]);
    const bars = [...st.bars.values()];
    expect(
      bars.map((b) => [b.key, b.agentId, b.assignedMs, b.startedMs, b.endMs, b.outcome, b.retries]),
    ).toEqual([
      ['T1#0', 'a', 1, 2, 4, 'failed', 0],
      ['T1#1', 'b', 5, 6, null, 'running', 1],
      ['T2#0', 'a', 7, null, null, 'running', 0],
    ]);
    expect(bars[0]!.title).toBe('Build login');
    expect(st.latest.get('T1')!.key).toBe('T1#1');
    expect(taskCounts(st)).toEqual({ running: 2, failed: 0, completed: 0 });
  });

  it('counts tasks by their latest attempt', () => {
    const st = lifecycleBars([
      t('A', 'assigned', 1, { agentId: 'x' }),
      t('A', 'completed', 2, { agentId: 'x' }),
      t('B', 'started', 3, { agentId: 'x' }),
      t('B', 'failed', 4, { agentId: 'x' }),
    ]);
    expect(taskCounts(st)).toEqual({ running: 0, failed: 1, completed: 1 });
    // A bar can begin without an `assigned` (the window started mid-task).
    expect(st.bars.get('B#0')).toMatchObject({ startMs: 3, assignedMs: null, startedMs: 3 });
  });
});
