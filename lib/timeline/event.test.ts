import { describe, expect, it } from 'vitest';
import { internedCount, shareStrings, toTimelineEvent } from './event';
import { INTERN_GENERATION } from './intern';

const enc = new TextEncoder();
const task = (seq: number, n: number) =>
  toTimelineEvent({
    seq,
    timeMs: seq,
    subject: `agent.task.t-${n}.started`,
    data: enc.encode(
      JSON.stringify({
        task_id: `t-${n}`,
        event: 'started',
        title: `SQD-${n} Fix the login page`,
        assignee_id: 'agent-1',
        assignee_role: 'backend_developer',
      }),
    ),
  });

describe('decoding: shared strings', () => {
  it('decodes a task event with its ids and title', () => {
    const a = task(1, 1);
    expect([a.kind, a.taskId, a.what, a.detail, a.agentId]).toEqual([
      'task',
      't-1',
      'started',
      'SQD-1 Fix the login page',
      'agent-1',
    ]);
  });

  // Issue #19: the table emptied itself only at 50,000 strings, so a soak at 2,000 events/s
  // (~90 new tasks a second, each with an id and a title) grew it for ~5 minutes at a time.
  it('holds a bounded number of strings however many tasks were decoded', () => {
    for (let n = 0; n < 30_000; n++) {
      const ev = task(n + 10, n + 10);
      shareStrings(ev);
    }
    expect(internedCount()).toBeLessThanOrEqual(2 * INTERN_GENERATION);
  });
});
