import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '@/lib/stream/reader';
import { latestByAgent } from './batch-get';

const msg = (seq: number, subject: string): StreamMessage => ({
  seq,
  subject,
  timeMs: 0,
  time: '',
  headers: [],
  data: new Uint8Array(),
  size: 0,
});

describe('latestByAgent', () => {
  it('keeps each agent’s highest sequence among its status subjects, ignoring other subjects', () => {
    const got = latestByAgent([
      msg(9, 'agent.status.a1.idle'),
      msg(4, 'agent.status.a1.working'),
      msg(7, 'agent.status.a2.error'),
      msg(12, 'agent.message.a1.question'),
      msg(3, 'agent.status.a3.x.y'),
    ]);
    expect([...got].map(([k, m]) => [k, m.seq])).toEqual([
      ['a1', 9],
      ['a2', 7],
    ]);
    expect(latestByAgent([]).size).toBe(0);
  });
});
