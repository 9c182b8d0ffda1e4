import { beforeEach, describe, expect, it } from 'vitest';
import { AGENT_STATUSES } from '@/lib/agents/schema';
import { toReplayEvent } from './event';
import { message, resetSeq, status, task } from './fixtures.test-util';
import { emptyState, fold, cloneState, applyEvent } from './projection';
import { diffStates } from './diff';

beforeEach(resetSeq);

describe('projection reducer', () => {
  it.each(AGENT_STATUSES)('records the agent status %s with its time and sequence', (s) => {
    const st = fold([status('a1', 'online', 1), status('a1', s, 5, 'online', 'task-9')]);
    const a = st.agents.get('a1');
    expect(a?.status).toBe(s);
    expect(a?.sinceSeq).toBe(2);
    expect(a?.since).toBe(Date.parse('2026-01-01T10:00:05Z'));
    expect(a?.task).toBe('task-9');
    expect(a?.name).toBe('A1');
  });

  it('walks a task through created → assigned → started → blocked → started → completed', () => {
    const evs = [
      task('t1', 'created', 1),
      task('t1', 'assigned', 2, { assignee: 'a1' }),
      task('t1', 'started', 3, { progress: 0 }),
    ];
    expect(fold(evs).tasks.get('t1')).toMatchObject({
      state: 'started',
      assignee: 'a1',
      progress: 0,
      sinceSeq: 3,
    });
    evs.push(task('t1', 'progress', 4, { progress: 40 }));
    expect(fold(evs).tasks.get('t1')).toMatchObject({
      state: 'started',
      progress: 40,
      sinceSeq: 3,
    });
    evs.push(task('t1', 'blocked', 5));
    expect(fold(evs).tasks.get('t1')?.state).toBe('blocked');
    evs.push(task('t1', 'started', 6), task('t1', 'completed', 7, { progress: 100 }));
    expect(fold(evs).tasks.get('t1')).toMatchObject({
      state: 'completed',
      progress: 100,
      assignee: 'a1',
      title: 'T t1',
    });
  });

  it('counts retries: failed → assigned again with a higher retry count → failed', () => {
    const st = fold([
      task('t2', 'created', 1),
      task('t2', 'assigned', 2, { assignee: 'a1' }),
      task('t2', 'failed', 3),
      task('t2', 'assigned', 4, { assignee: 'a2', retries: 1 }),
      task('t2', 'started', 5, { retries: 1 }),
      task('t2', 'failed', 6, { retries: 1 }),
    ]);
    expect(st.tasks.get('t2')).toMatchObject({ state: 'failed', retries: 1, assignee: 'a2' });
  });

  it('ignores unknown statuses, unknown task events and off-contract payloads', () => {
    const junk = toReplayEvent({
      seq: 99,
      subject: 'agent.status.a1.online',
      timeMs: 0,
      time: '',
      headers: [],
      data: new TextEncoder().encode('["nope"]'),
    });
    const st = fold([
      status('a1', 'online', 1),
      status('a1', 'dancing', 2),
      task('t1', 'created', 3),
      task('t1', 'exploded', 4),
      junk,
    ]);
    expect(st.agents.get('a1')?.status).toBe('online');
    expect(st.tasks.get('t1')?.state).toBe('created');
    expect(junk.kind).toBe('generic');
    expect(st.applied).toBe(5);
  });

  it('tolerates out-of-order events: older ones do not roll state back, late creation does not reset', () => {
    const st = fold([
      status('a1', 'busy', 10),
      status('a1', 'online', 5),
      task('t1', 'started', 10),
      task('t1', 'created', 2),
    ]);
    expect(st.agents.get('a1')?.status).toBe('busy');
    expect(st.tasks.get('t1')?.state).toBe('started');
    const late = fold([task('t3', 'completed', 10), task('t3', 'progress', 11, { progress: 50 })]);
    expect(late.tasks.get('t3')?.state).toBe('completed');
  });

  it('counts messages per agent and per type, broadcasts counted for the sender only', () => {
    const st = fold([
      message('a1', 'a2', 'question', 1),
      message('a2', 'a1', 'answer', 2),
      message('a1', null, 'announcement', 3),
    ]);
    expect(st.agents.get('a1')).toMatchObject({ sent: 2, received: 1, status: null });
    expect(st.agents.get('a2')).toMatchObject({ sent: 1, received: 1 });
    expect(st.byType.get('question')).toBe(1);
    expect(st.byType.get('announcement')).toBe(1);
  });

  it('clones are independent and the diff lists what changed', () => {
    const a = emptyState();
    applyEvent(a, status('a1', 'online', 1));
    applyEvent(a, task('t1', 'created', 2));
    const b = cloneState(a);
    applyEvent(b, status('a1', 'busy', 3));
    applyEvent(b, task('t1', 'assigned', 4, { assignee: 'a1' }));
    applyEvent(b, task('t9', 'created', 5));
    expect(a.agents.get('a1')?.status).toBe('online');
    const d = diffStates(a, b);
    expect(d.agents).toEqual([
      {
        id: 'a1',
        label: 'A1',
        change: 'changed',
        fields: [{ field: 'status', before: 'online', after: 'busy' }],
      },
    ]);
    expect(d.tasks.map((t) => [t.id, t.change])).toEqual([
      ['t1', 'changed'],
      ['t9', 'added'],
    ]);
  });
});
