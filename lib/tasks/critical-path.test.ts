import { beforeEach, describe, expect, it } from 'vitest';
import { message, resetSeq, task } from '@/lib/replay/fixtures.test-util';
import { criticalPath, pathShares, pathSentence, taskWaits } from './critical-path';
import { buildStory } from './story';

beforeEach(resetSeq);

const spans = (p: ReturnType<typeof criticalPath>) =>
  p.map((s) => [s.kind, s.who, (s.toMs - s.fromMs) / 1000]);

describe('buildStory', () => {
  it('makes a retry a separate attempt, with its wait from the failure', () => {
    const s = buildStory('T', [
      task('T', 'created', 0),
      task('T', 'assigned', 5, { assignee: 'a' }),
      task('T', 'started', 6, { assignee: 'a' }),
      task('T', 'failed', 20, { assignee: 'a' }),
      task('T', 'assigned', 30, { assignee: 'b', retries: 1 }),
      task('T', 'started', 31, { assignee: 'b' }),
      task('T', 'completed', 60, { assignee: 'b' }),
    ]);
    expect(
      s.attempts.map((a) => [a.n, a.assignee, a.outcome, (a.assignedMs! - a.waitFromMs) / 1000]),
    ).toEqual([
      [1, 'a', 'failed', 5],
      [2, 'b', 'completed', 10],
    ]);
    expect(s.outcome).toBe('completed');
    expect(s.endMs - s.startMs).toBe(60_000);
  });
});

describe('criticalPath', () => {
  it('covers the task from creation to end with waits and work', () => {
    const s = buildStory('T', [
      task('T', 'created', 0),
      task('T', 'assigned', 4, { assignee: 'a' }),
      task('T', 'started', 6, { assignee: 'a' }),
      message('a', 'b', 'question', 10, 'T'),
      message('b', 'a', 'answer', 40, 'T'),
      task('T', 'completed', 50, { assignee: 'a' }),
    ]);
    const p = criticalPath(s);
    expect(spans(p)).toEqual([
      ['assign', null, 4],
      ['start', 'a', 2],
      ['work', 'a', 4],
      ['answer', 'b', 30],
      ['work', 'a', 10],
    ]);
    expect(p.reduce((a, x) => a + x.toMs - x.fromMs, 0)).toBe(50_000);
    expect(pathSentence(s, p)).toBe("60 % of the 50.0 s was waiting for B's answers.");
  });

  it('takes the wait that ended last where waits overlap', () => {
    const s = buildStory('T', [
      task('T', 'created', 0),
      task('T', 'assigned', 0, { assignee: 'a' }),
      task('T', 'started', 0, { assignee: 'a' }),
      message('a', 'b', 'question', 10, 'T'),
      message('a', 'c', 'question', 12, 'T'),
      message('b', 'a', 'answer', 20, 'T'),
      message('c', 'a', 'answer', 30, 'T'),
      task('T', 'completed', 30, { assignee: 'a' }),
    ]);
    expect(spans(criticalPath(s))).toEqual([
      ['work', 'a', 10],
      ['answer', 'b', 10],
      ['answer', 'c', 10],
    ]);
  });

  it('an unanswered question waits until its attempt ended; a retry adds its own waits', () => {
    const s = buildStory('T', [
      task('T', 'created', 0),
      task('T', 'assigned', 0, { assignee: 'a' }),
      task('T', 'started', 0, { assignee: 'a' }),
      message('a', 'b', 'question', 5, 'T'),
      task('T', 'failed', 25, { assignee: 'a' }),
      task('T', 'assigned', 35, { assignee: 'c', retries: 1 }),
      task('T', 'started', 36, { assignee: 'c', retries: 1 }),
      task('T', 'completed', 46, { assignee: 'c', retries: 1 }),
    ]);
    expect(spans(criticalPath(s))).toEqual([
      ['work', 'a', 5],
      ['answer', 'b', 20],
      ['assign', null, 10],
      ['start', 'c', 1],
      ['work', 'c', 10],
    ]);
    expect(taskWaits(s).find((w) => w.kind === 'answer')?.pair?.reply).toBeNull();
  });

  it('an answer without a question adds no wait, and a blocked span is a wait', () => {
    const s = buildStory('T', [
      task('T', 'created', 0),
      task('T', 'assigned', 0, { assignee: 'a' }),
      task('T', 'started', 0, { assignee: 'a' }),
      message('b', 'a', 'answer', 3, 'T'),
      task('T', 'blocked', 5, { assignee: 'a' }),
      task('T', 'started', 15, { assignee: 'a' }),
      task('T', 'completed', 20, { assignee: 'a' }),
    ]);
    expect(spans(criticalPath(s))).toEqual([
      ['work', 'a', 5],
      ['blocked', null, 10],
      ['work', 'a', 5],
    ]);
    expect(pathShares(s, criticalPath(s))[0]).toMatchObject({ kind: 'work', share: 0.5 });
    expect(pathSentence(s, criticalPath(s))).toBe('50 % of the 20.0 s was blocked.');
  });

  it('a task with no events has no duration', () => {
    const s = buildStory('T', []);
    expect(criticalPath(s)).toEqual([]);
    expect(pathSentence(s, [])).toBe('The task has no duration yet.');
  });
});
