import { describe, expect, it } from 'vitest';
import { kindCode, type TimelineEvent } from './event';
import { recentEvents } from './recent';
import { RingBuffer } from './ring-buffer';
import { ev as fixture } from './fixtures.test-util';

const ev = (seq: number): TimelineEvent => fixture({ seq, timeMs: seq * 10, kind: seq % 2 ? 'status' : 'message', subject: 'agent.x' });

describe('recentEvents', () => {
  const ring = new RingBuffer<TimelineEvent>(50, kindCode);
  for (let s = 1; s <= 80; s++) ring.insert(ev(s));

  it('lists the newest matching events up to a sequence, newest first', () => {
    expect(recentEvents(ring, 80, 3).map((e) => e.seq)).toEqual([80, 79, 78]);
    expect(recentEvents(ring, 60, 3, (e) => e.kind === 'status').map((e) => e.seq)).toEqual([59, 57, 55]);
  });

  it('stops at what the ring holds and after maxScan events', () => {
    expect(recentEvents(ring, 80, 100)).toHaveLength(50);
    expect(recentEvents(ring, 80, 10, () => false, 5)).toEqual([]);
    expect(recentEvents(ring, 80, 10, (e) => e.seq < 70, 5)).toEqual([]);
  });
});
