import { beforeEach, describe, expect, it } from 'vitest';
import { message, resetSeq, status, task } from '@/lib/replay/fixtures.test-util';
import type { MessageEvent } from '@/lib/replay/event';
import { assignToStart, busySpans, busyTotals, pairRequests } from './latency';
import { buildStory } from './story';

const msgs = (...es: ReturnType<typeof message>[]) => es as MessageEvent[];

beforeEach(resetSeq);

describe('pairRequests', () => {
  it('pairs a question with the next answer from the asked agent back to the asker', () => {
    const { pairs, orphans } = pairRequests(
      msgs(
        message('a', 'b', 'question', 0, 'T'),
        message('c', 'a', 'answer', 5, 'T'), // from someone else: not the reply
        message('b', 'c', 'answer', 6, 'T'), // to someone else: not the reply
        message('b', 'a', 'answer', 10, 'T'),
      ),
    );
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.reply?.seq).toBe(4);
    expect(pairs[0]?.ms).toBe(10_000);
    expect(orphans.map((o) => o.seq)).toEqual([2, 3]);
  });

  it('answers open questions between the same agents first-in first-out, and leaves one unanswered', () => {
    const { pairs } = pairRequests(
      msgs(
        message('a', 'b', 'question', 0, 'T'),
        message('a', 'b', 'question', 1, 'T'),
        message('b', 'a', 'answer', 4, 'T'),
        message('a', 'b', 'question', 5, 'T'),
      ),
    );
    expect(pairs.map((p) => p.ms)).toEqual([4000, null, null]);
  });

  it('keeps tasks apart: an answer in another task does not close the question', () => {
    const { pairs, orphans } = pairRequests(
      msgs(
        message('a', 'b', 'question', 0, 'T'),
        message('b', 'a', 'answer', 2, 'U'),
        message('b', 'a', 'answer', 3, 'T'),
      ),
    );
    expect(pairs[0]?.ms).toBe(3000);
    expect(orphans.map((o) => o.seq)).toEqual([2]);
  });

  it('pairs a review request with its review, and an answer without a question is an orphan', () => {
    const { pairs, orphans } = pairRequests(
      msgs(
        message('b', 'a', 'answer', 0, 'T'),
        message('a', 'r', 'code_review_request', 1, 'T'),
        message('r', 'a', 'code_review', 9, 'T'),
      ),
    );
    expect(pairs.map((p) => [p.ask.type, p.ms])).toEqual([['code_review_request', 8000]]);
    expect(orphans).toHaveLength(1);
  });

  it('a broadcast question takes the first answer to the asker', () => {
    const { pairs } = pairRequests(
      msgs(message('a', null, 'question', 0, 'T'), message('z', 'a', 'answer', 2, 'T')),
    );
    expect(pairs[0]?.reply?.from).toBe('z');
  });
});

describe('busy time and assignment to start', () => {
  it('counts busy from a busy status on the task to the agent’s next status, else to the attempt’s end', () => {
    const s = buildStory('T', [
      task('T', 'created', 0),
      task('T', 'assigned', 10, { assignee: 'a' }),
      status('a', 'busy', 12, 'idle', 'T'),
      task('T', 'started', 15, { assignee: 'a' }),
      status('a', 'error', 40, 'busy', 'T'),
      task('T', 'failed', 40, { assignee: 'a' }),
      task('T', 'assigned', 50, { assignee: 'b', retries: 1 }),
      status('b', 'busy', 51, 'idle', 'T'),
      task('T', 'started', 55, { assignee: 'b', retries: 1 }),
      task('T', 'completed', 90, { assignee: 'b', retries: 1 }),
    ]);
    expect(busySpans(s).map((b) => [b.agent, b.toMs - b.fromMs])).toEqual([
      ['a', 28_000],
      ['b', 39_000],
    ]);
    expect(busyTotals(busySpans(s)).get('b')).toBe(39_000);
    expect(assignToStart(s)).toEqual([
      { attempt: 1, ms: 5000 },
      { attempt: 2, ms: 5000 },
    ]);
  });
});
