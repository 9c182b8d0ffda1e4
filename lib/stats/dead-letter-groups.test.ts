import { describe, expect, it } from 'vitest';
import { toRow } from '../browse/rows';
import type { StreamMessage } from '../stream/reader';
import type { DeadLetter } from './advisories';
import {
  deadLetterReason,
  groupDeadLetters,
  rowSummary,
  subjectPattern,
} from './dead-letter-groups';

const dl = (
  seq: number,
  kind: DeadLetter['kind'],
  timeMs: number,
  reason?: string,
): DeadLetter => ({
  kind,
  id: `a${seq}-${timeMs}`,
  subject: '$JS.EVENT.ADVISORY.CONSUMER.X.s.c',
  stream: 's',
  consumer: 'c',
  timeMs,
  streamSeq: seq,
  deliveries: 3,
  ...(reason ? { reason } : {}),
});

const msg = (seq: number, subject: string, payload: unknown): StreamMessage => {
  const data = new TextEncoder().encode(JSON.stringify(payload));
  return {
    seq,
    subject,
    timeMs: 0,
    time: '',
    nanos: 0,
    headers: [],
    hdrLen: 0,
    data,
    size: data.length,
  } as unknown as StreamMessage;
};

describe('dead-letter groups', () => {
  it('groups status and task subjects across agents and tasks', () => {
    expect(subjectPattern('agent.status.2b22c5c6.busy')).toBe('agent.status.*.busy');
    expect(subjectPattern('agent.task.t-9.created')).toBe('agent.task.*.created');
    expect(subjectPattern('agent.message.coder.review')).toBe('agent.message.coder.review');
    expect(subjectPattern('other.subject')).toBe('other.subject');
    expect(subjectPattern('agent.status.a.b.c')).toBe('agent.status.a.b.c');
  });

  it('names the reason, with the server’s text when it gives one', () => {
    expect(deadLetterReason({ kind: 'max-deliveries' })).toBe('max deliveries');
    expect(deadLetterReason({ kind: 'terminated' })).toBe('terminated (no reason given)');
    expect(deadLetterReason({ kind: 'terminated', reason: 'bad schema' })).toBe(
      'terminated: bad schema',
    );
  });

  it('groups by reason, subject and type, largest first, unknown originals apart', () => {
    const review = toRow(
      msg(1, 'agent.message.coder.review', {
        id: 'm',
        sender_id: 'c1',
        recipient_id: null,
        content: 'please look',
        message_type: 'review',
        task_execution_id: 't',
        metadata: { sender_role: 'coder' },
        created_at: '2026-01-01T00:00:00Z',
      }),
    );
    const task = toRow(
      msg(2, 'agent.task.t1.failed', { id: 'x', task_id: 't1', event: 'failed', title: 'Build' }),
    );
    const originals = new Map([
      [1, review],
      [3, { ...review, seq: 3 }],
      [2, task],
      [9, null],
    ]);
    const g = groupDeadLetters(
      [
        dl(1, 'terminated', 10),
        dl(3, 'terminated', 30),
        dl(2, 'max-deliveries', 20),
        dl(9, 'max-deliveries', 5),
        dl(4, 'terminated', 40, 'poison'),
      ],
      originals,
    );
    expect(g.map((x) => [x.reason, x.subject, x.type, x.count])).toEqual([
      ['terminated (no reason given)', 'agent.message.coder.review', 'review', 2],
      ['terminated: poison', null, null, 1],
      // A task event without created_at is on-contract (lib/agents/contract.ts): typed by its event.
      ['max deliveries', 'agent.task.*.failed', 'failed', 1],
      ['max deliveries', null, null, 1],
    ]);
    expect(g[0]?.latestSeq).toBe(3);
  });

  it('summarises an original as the message table does (type, sender → recipient, content)', () => {
    const r = toRow(
      msg(1, 'agent.message.coder.review', {
        id: 'm',
        sender_id: 'c1',
        recipient_id: null,
        content: 'please look',
        message_type: 'review',
        task_execution_id: 't',
        metadata: { sender_role: 'coder' },
        created_at: '2026-01-01T00:00:00Z',
      }),
    );
    expect(rowSummary(r)).toBe('review · Coder → broadcast · please look');
  });
});
