import { describe, expect, it } from 'vitest';
import { alignTurns, parseSide, sideValue, wordDiff, type Turn } from './compare';

let seq = 0;
const t = (
  type: string,
  from: string,
  to: string | null,
  content = type,
  fromRole = from.replace(/\d+$/, ''),
  toRole = to?.replace(/\d+$/, '') ?? null,
): Turn => ({ seq: ++seq, type, from, to, fromRole, toRole, content });

describe('parseSide', () => {
  it('reads a task, a task attempt, and ranges; bad input is a sentence', () => {
    expect(parseSide('abc-1', 'a').side).toEqual({ kind: 'task', task: 'abc-1', attempt: null });
    expect(parseSide('abc@2', 'a').side).toEqual({ kind: 'task', task: 'abc', attempt: 2 });
    expect(parseSide('10-200', 'a').side).toEqual({ kind: 'range', from: '10', to: '200' });
    expect(parseSide('2026-01-01T00:00:00Z..2026-01-01T01:00:00Z', 'b').side).toMatchObject({
      kind: 'range',
    });
    expect(parseSide('', 'a').error).toMatch(/"a" is empty/);
    expect(parseSide('a b', 'a').error).toMatch(/not a task id/);
    expect(parseSide('x..2026-01-01', 'b').error).toMatch(/neither a sequence/);
    expect(parseSide('abc@0', 'a').error).toMatch(/count from 1/);
    for (const v of ['abc@2', '10-200', 'abc']) expect(sideValue(parseSide(v, 'a').side!)).toBe(v);
  });
});

describe('alignTurns', () => {
  it('matches turns by type and roles and marks a different sender and content', () => {
    const a = [
      t('task_assignment', 'pm', 'dev1', 'Please pick up X'),
      t('question', 'dev1', 'lead'),
      t('answer', 'lead', 'dev1'),
      t('task_failure', 'dev1', 'pm'),
    ];
    const b = [
      t('task_assignment', 'pm', 'dev2', 'Retry 1/2 for X'),
      t('status_update', 'dev2', 'pm'),
      t('task_completion', 'dev2', 'pm'),
    ];
    const rows = alignTurns(a, b);
    expect(rows.map((r) => [r.a?.type ?? null, r.b?.type ?? null, r.diffs])).toEqual([
      ['task_assignment', 'task_assignment', ['recipient', 'content']],
      ['question', 'status_update', ['type', 'sender', 'recipient', 'content']],
      ['answer', 'task_completion', ['type', 'sender', 'recipient', 'content']],
      ['task_failure', null, []],
    ]);
  });

  it('a turn only one side has stands alone between matches', () => {
    const a = [
      t('task_assignment', 'pm', 'dev1'),
      t('status_update', 'dev1', 'pm'),
      t('task_completion', 'dev1', 'pm'),
    ];
    const b = [
      t('task_assignment', 'pm', 'dev1'),
      t('question', 'dev1', 'lead'),
      t('answer', 'lead', 'dev1'),
      t('status_update', 'dev1', 'pm'),
      t('task_completion', 'dev1', 'pm'),
    ];
    const rows = alignTurns(a, b);
    expect(rows.map((r) => [r.a ? r.a.type : '-', r.b ? r.b.type : '-'])).toEqual([
      ['task_assignment', 'task_assignment'],
      ['-', 'question'],
      ['-', 'answer'],
      ['status_update', 'status_update'],
      ['task_completion', 'task_completion'],
    ]);
    expect(rows[3]?.diffs).toEqual([]);
  });

  it('aligns empty sides', () => {
    expect(alignTurns([], [])).toEqual([]);
    expect(alignTurns([t('answer', 'a', 'b')], [])).toHaveLength(1);
  });
});

describe('wordDiff', () => {
  it('marks the words that changed, keeping spaces', () => {
    expect(wordDiff('Please pick up T-1: fix login.', 'Retry 1/2 for T-1: fix login.')).toEqual([
      { op: 'del', text: 'Please pick up ' },
      { op: 'add', text: 'Retry 1/2 for ' },
      { op: 'same', text: 'T-1: fix login.' },
    ]);
    expect(wordDiff('same', 'same')).toEqual([{ op: 'same', text: 'same' }]);
    expect(wordDiff('', 'new')).toEqual([{ op: 'add', text: 'new' }]);
  });
});

describe('sideView', () => {
  it('cuts one attempt of a retried task, and says when an attempt does not exist', async () => {
    const { message, resetSeq, task } = await import('@/lib/replay/fixtures.test-util');
    const { sideView } = await import('./compare-side');
    resetSeq();
    const events = [
      task('T', 'created', 0),
      task('T', 'assigned', 1, { assignee: 'a' }),
      message('pm', 'a', 'task_assignment', 2, 'T'),
      task('T', 'failed', 10, { assignee: 'a' }),
      task('T', 'assigned', 20, { assignee: 'b', retries: 1 }),
      message('pm', 'b', 'task_assignment', 21, 'T'),
      message('b', 'pm', 'task_completion', 40, 'T'),
      task('T', 'completed', 41, { assignee: 'b', retries: 1 }),
    ];
    const one = sideView({ kind: 'task', task: 'T', attempt: 1 }, events);
    const two = sideView({ kind: 'task', task: 'T', attempt: 2 }, events);
    expect(one.messages.map((m) => m.seq)).toEqual([3]);
    expect(two.messages.map((m) => m.seq)).toEqual([6, 7]);
    expect([one.durationMs, two.durationMs]).toEqual([9000, 21000]);
    expect(one.state.tasks.get('T')?.state).toBe('failed');
    expect(two.state.tasks.get('T')?.state).toBe('completed');
    expect(sideView({ kind: 'task', task: 'T', attempt: 3 }, events).error).toBe(
      'Task T has 2 attempts, not 3.',
    );
  });
});
