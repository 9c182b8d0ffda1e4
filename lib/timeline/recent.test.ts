import { describe, expect, it } from 'vitest';
import { kindCode, type TimelineEvent } from './event';
import { logFilter, recentEvents } from './recent';
import { RingBuffer } from './ring-buffer';
import { ev as fixture } from './fixtures.test-util';

const ev = (seq: number): TimelineEvent =>
  fixture({ seq, timeMs: seq * 10, kind: seq % 2 ? 'status' : 'message', subject: 'agent.x' });

describe('recentEvents', () => {
  const ring = new RingBuffer<TimelineEvent>(50, kindCode);
  for (let s = 1; s <= 80; s++) ring.insert(ev(s));

  it('lists the newest matching events up to a sequence, newest first', () => {
    expect(recentEvents(ring, 80, 3).map((e) => e.seq)).toEqual([80, 79, 78]);
    expect(recentEvents(ring, 60, 3, (e) => e.kind === 'status').map((e) => e.seq)).toEqual([
      59, 57, 55,
    ]);
  });

  it('stops at what the ring holds and after maxScan events', () => {
    expect(recentEvents(ring, 80, 100)).toHaveLength(50);
    expect(recentEvents(ring, 80, 10, () => false, 5)).toEqual([]);
    expect(recentEvents(ring, 80, 10, (e) => e.seq < 70, 5)).toEqual([]);
  });
});

describe('logFilter', () => {
  const all = { kinds: new Set(['message', 'status', 'task']), task: null, agents: [] };
  const msg = (raw: string | null, agentId: string | null = null) =>
    fixture({ kind: 'message', agentId, raw: raw === null ? null : new TextEncoder().encode(raw) });

  it('lets generic events through as messages and honours the kind and task filters', () => {
    expect(logFilter({ ...all, kinds: new Set(['message']) })(fixture({ kind: 'generic' }))).toBe(
      true,
    );
    expect(logFilter({ ...all, kinds: new Set(['status']) })(fixture({ kind: 'generic' }))).toBe(
      false,
    );
    expect(logFilter({ ...all, task: 'T1' })(fixture({ kind: 'task', taskId: 'T1' }))).toBe(true);
    expect(logFilter({ ...all, task: 'T1' })(fixture({ kind: 'task', taskId: 'T2' }))).toBe(false);
  });

  it('with lanes chosen, keeps events of those agents only, decoding a message for its sender', () => {
    const f = logFilter({ ...all, agents: ['a'] });
    expect(f(fixture({ kind: 'status', agentId: 'a' }))).toBe(true);
    expect(f(fixture({ kind: 'status', agentId: 'b' }))).toBe(false);
    expect(f(fixture({ kind: 'generic' }))).toBe(false);
    const payload = JSON.stringify({
      id: 'm1',
      sender_id: 'a',
      content: 'hi',
      message_type: 'question',
    });
    expect(f(msg(payload))).toBe(true);
    expect(f(msg(payload.replace('"a"', '"b"')))).toBe(false);
    expect(f(msg('not json'))).toBe(false);
  });
});
