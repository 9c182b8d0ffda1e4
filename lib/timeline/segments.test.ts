import { describe, expect, it } from 'vitest';
import { ev } from './fixtures.test-util';
import { segmentAt, statusSegments } from './segments';

const st = (agentId: string, what: string, timeMs: number) =>
  ev({ kind: 'status', agentId, what, timeMs });

describe('statusSegments', () => {
  it('turns status changes into consecutive spans per agent, the last one open', () => {
    const map = statusSegments([
      st('a', 'online', 0),
      st('b', 'online', 5),
      st('a', 'busy', 10),
      ev({ kind: 'message', agentId: 'a', timeMs: 12 }),
      st('a', 'busy', 15),
      st('a', 'idle', 30),
    ]);
    expect(map.get('a')!.map((x) => [x.status, x.startMs, x.endMs])).toEqual([
      ['online', 0, 10],
      ['busy', 10, 30],
      ['idle', 30, null],
    ]);
    expect(map.get('b')!.map((x) => [x.status, x.startMs, x.endMs])).toEqual([['online', 5, null]]);
  });

  it('finds the segment covering a time', () => {
    const segs = statusSegments([
      st('a', 'online', 0),
      st('a', 'error', 10),
      st('a', 'offline', 20),
    ]).get('a')!;
    expect(segmentAt(segs, 5)?.status).toBe('online');
    expect(segmentAt(segs, 10)?.status).toBe('error');
    expect(segmentAt(segs, 999)?.status).toBe('offline');
    expect(segmentAt(segs, -1)).toBeNull();
  });
});
