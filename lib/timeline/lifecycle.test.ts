import { describe, expect, it } from 'vitest';
import { ev } from './fixtures.test-util';
import { applyTask, emptyTaskState, lifecycleBars, MAX_TASK_BARS, taskCounts } from './lifecycle';

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

describe('task counts when old attempts leave memory', () => {
  it('keeps counting settled tasks whose bars were evicted (the counters count every task)', () => {
    const st = emptyTaskState();
    // Four tasks fail, then six complete, with room for three bars: seven bars leave memory.
    for (let i = 0; i < 10; i++) {
      const what = i < 4 ? 'failed' : 'completed';
      applyTask(st, t(`T${i}`, 'assigned', i, { agentId: 'a' }), 3);
      applyTask(st, t(`T${i}`, what, i + 0.5, { agentId: 'a' }), 3);
    }
    expect(st.bars.size).toBe(3);
    expect(taskCounts(st)).toEqual({ running: 0, failed: 4, completed: 6 });
  });

  it('moves a task between counts as its attempts go, and drops a running one it can no longer follow', () => {
    const st = emptyTaskState();
    applyTask(st, t('A', 'assigned', 0, { agentId: 'a' }), 2);
    applyTask(st, t('A', 'failed', 1, { agentId: 'a' }), 2);
    expect(taskCounts(st)).toEqual({ running: 0, failed: 1, completed: 0 });
    // The retry runs, then completes: the task moves from failed to running to completed.
    applyTask(st, t('A', 'assigned', 2, { agentId: 'b', retries: 1 }), 2);
    expect(taskCounts(st)).toEqual({ running: 1, failed: 0, completed: 0 });
    applyTask(st, t('A', 'completed', 3, { agentId: 'b', retries: 1 }), 2);
    expect(taskCounts(st)).toEqual({ running: 0, failed: 0, completed: 1 });
    // B runs; two newer attempts evict it: its end can no longer be matched, so it stops
    // counting as running (its completion, if it comes, counts as a new bar's).
    applyTask(st, t('B', 'started', 4, { agentId: 'a' }), 2);
    applyTask(st, t('C', 'started', 5, { agentId: 'a' }), 2);
    applyTask(st, t('D', 'started', 6, { agentId: 'a' }), 2);
    expect(st.bars.has('B#0')).toBe(false);
    expect(taskCounts(st)).toEqual({ running: 2, failed: 0, completed: 1 });
    // A late event of an attempt no longer held does not disturb the others.
    applyTask(st, t('A', 'progress', 7, { agentId: 'b', retries: 0 }), 2);
    expect(taskCounts(st).completed).toBeGreaterThanOrEqual(1);
  });
});

it('keeps the same counts as a recount of the latest attempts while nothing is evicted', () => {
  const whats = ['assigned', 'started', 'progress', 'blocked', 'completed', 'failed'];
  let x = 7;
  const rnd = (n: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % n);
  const st = emptyTaskState();
  for (let i = 0; i < 2000; i++) {
    applyTask(st, t(`T${rnd(50)}`, whats[rnd(6)]!, i, { agentId: 'a', retries: rnd(3) }));
    const recount = { running: 0, failed: 0, completed: 0 };
    for (const b of st.latest.values()) recount[b.outcome]++;
    expect(taskCounts(st)).toEqual(recount);
  }
});

it('keeps task titles bounded like the bars (a long session creates tasks without end)', () => {
  const st = emptyTaskState();
  for (let i = 0; i < 50; i++) applyTask(st, t(`T${i}`, 'created', i, { detail: `Task ${i}` }), 10);
  expect(st.titles.size).toBeLessThanOrEqual(10);
  // The newest are kept: a bar of a recent task still gets its title.
  applyTask(st, t('T49', 'assigned', 60, { agentId: 'a' }), 10);
  expect(st.bars.get('T49#0')!.title).toBe('Task 49');
});

// Issue #19: at 20,000 the maps' tables doubled ~2 minutes after the bound was reached, a step
// inside the soak's last 5 minutes; below 2^14 the bound and the table settle together.
it('keeps at most MAX_TASK_BARS bars, latest attempts and titles by default, below 2^14', () => {
  expect(MAX_TASK_BARS).toBeLessThan(2 ** 14);
  const st = emptyTaskState();
  for (let i = 0; i < 40_000; i++) {
    applyTask(st, t(`T${i}`, 'created', i, { detail: `Task ${i}` }));
    applyTask(st, t(`T${i}`, 'completed', i, { agentId: 'a' }));
  }
  expect(st.bars.size).toBe(MAX_TASK_BARS);
  expect(st.latest.size).toBeLessThanOrEqual(MAX_TASK_BARS);
  expect(st.titles.size).toBe(MAX_TASK_BARS);
  // Counters still count every task.
  expect(taskCounts(st).completed).toBe(40_000);
});
