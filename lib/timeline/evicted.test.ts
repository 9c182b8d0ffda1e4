import { describe, expect, it } from 'vitest';
import { evictedNotice } from './evicted';
import { ev } from './fixtures.test-util';
import { TimelineModel } from './model';
import { prepareFrame } from './prepare';
import type { PrepareInput } from './frame';
import { LAYOUT } from './layout';

const at = Date.UTC(2026, 11, 6, 10, 2, 13, 500);

describe('evictedNotice', () => {
  it('says where the events in memory begin when the view reaches back past them', () => {
    expect(evictedNotice(at, at - 60_000, 'utc')).toBe(
      'Before 10:02:13: events no longer in memory (still in the stream; counters include them)',
    );
  });

  it('says nothing when nothing left memory or the view starts after the oldest held', () => {
    expect(evictedNotice(null, at - 60_000, 'utc')).toBeNull();
    expect(evictedNotice(at, at, 'utc')).toBeNull();
    expect(evictedNotice(at, at + 1, 'utc')).toBeNull();
  });
});

describe('the evicted band', () => {
  const input = (model: TimelineModel, startMs: number, endMs: number): PrepareInput => ({
    width: LAYOUT.labelW + 1000,
    height: 200,
    model,
    view: { spanMs: endMs - startMs, endMs },
    nowMs: endMs,
    viewSeq: model.lastSeq,
    lanes: model.lanes(),
    filters: { kinds: new Set(['message', 'status', 'task']), task: null, tz: 'utc' },
    gaps: [],
    theme: {
      fg: '#000',
      muted: '#666',
      border: '#ccc',
      panel: '#fff',
      panel2: '#eee',
      accent: '#00f',
      bad: '#f00',
    },
    measure: (s) => s.length * 6,
  });

  it('runs from the plot edge to the oldest event held, once events left the ring', () => {
    const m = new TimelineModel(10);
    // 20 messages, one a second: the ring keeps the newest 10 (times 10 s … 19 s).
    m.ingest(
      Array.from({ length: 20 }, (_, i) =>
        ev({ seq: i + 1, timeMs: i * 1000, kind: 'message', subject: 'agent.message.pm.x' }),
      ),
    );
    expect(m.heldSinceMs()).toBe(10_000);
    // A 20 s view ending at 20 s: the first half is gone from memory.
    const f = prepareFrame(input(m, 0, 20_000));
    expect(f.evictedX).toBeCloseTo(LAYOUT.labelW + 500, 0);
    // A view that starts after the oldest event held shows no band.
    expect(prepareFrame(input(m, 12_000, 20_000)).evictedX).toBeNull();
  });

  it('is absent while every event is held', () => {
    const m = new TimelineModel(10);
    m.ingest([ev({ seq: 1, timeMs: 5000, kind: 'message', subject: 'agent.message.pm.x' })]);
    expect(m.heldSinceMs()).toBeNull();
    expect(prepareFrame(input(m, 0, 20_000)).evictedX).toBeNull();
  });
});
