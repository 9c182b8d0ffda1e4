import { beforeEach, describe, expect, it, vi } from 'vitest';
import { message, resetSeq, status } from './fixtures.test-util';
import { WAIT_MS, buildTimeline, createReplayClock } from './clock';
import { createController } from './controller';
import { eventTime, type ReplayEvent } from './event';
import { lanesOf } from './sequence';
import { ReplayData } from './store';

beforeEach(resetSeq);

/** Events at the given seconds, alternating messages and status events. */
const evs = (secs: number[]): ReplayEvent[] =>
  secs.map((s, i) =>
    i % 2
      ? status(`a${i % 5}`, 'busy', s)
      : message(`a${i % 3}`, i % 4 ? `a${(i + 1) % 3}` : null, 'q', s),
  );

describe('ReplayData derived indexes, extended per batch', () => {
  it('timeline, times and lanes equal a fresh computation over everything appended', () => {
    const secs = [0, 0.5, 60.5, 61, 60, 62, 500, 500, 501, 3000];
    const all = evs(secs);
    const d = new ReplayData('s');
    d.append(all.slice(0, 3), 3);
    d.append(all.slice(3, 7), 4);
    d.append([], 0);
    d.append(all.slice(7), 3);
    const fresh = buildTimeline(all.map(eventTime));
    expect([...d.timeline().offsets]).toEqual([...fresh.offsets]);
    expect([...d.timeline().compressed]).toEqual([...fresh.compressed]);
    expect([...d.times()]).toEqual(all.map(eventTime));
    expect(d.lanes()).toEqual(lanesOf(all));
  });

  it('grows past its initial capacity', () => {
    const d = new ReplayData('s');
    const all = evs(Array.from({ length: 3000 }, (_, i) => i));
    for (let i = 0; i < all.length; i += 700) d.append(all.slice(i, i + 700), 700);
    expect([...d.timeline().offsets]).toEqual([...buildTimeline(all.map(eventTime)).offsets]);
  });
});

describe('playing while the range loads', () => {
  it('waits at the last loaded event, follows new batches, and stops at the end once loaded', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const all = evs(Array.from({ length: 100 }, (_, i) => i));
      const d = new ReplayData('s');
      d.append(all.slice(0, 40), 40);
      const ctl = createController(d, 'instant');
      ctl.seek(0);
      ctl.clock.play();
      vi.advanceTimersByTime(2000);
      expect(ctl.playhead.getSnapshot()).toMatchObject({ index: 39, playing: true }); // waiting, not stopped
      ctl.clock.pause();
      ctl.clock.play(); // Play at the loaded end while loading does not start over
      expect(ctl.playhead.getSnapshot().index).toBe(39);
      d.append(all.slice(40), 60);
      vi.advanceTimersByTime(WAIT_MS);
      expect(ctl.playhead.getSnapshot()).toMatchObject({ index: 99, playing: true });
      d.finish({ status: 'done' });
      vi.advanceTimersByTime(200);
      expect(ctl.playhead.getSnapshot()).toMatchObject({ index: 99, playing: false });
      ctl.clock.play(); // …and once loaded, Play at the end starts over
      expect(ctl.playhead.getSnapshot().index).toBe(0);
      ctl.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a clock without `waiting` stops at the end as before', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      let index = 0;
      const tl = buildTimeline([0, 1, 2]);
      const clock = createReplayClock({
        timeline: () => tl,
        getIndex: () => index,
        setIndex: (i) => (index = i),
        speed: 'instant',
      });
      clock.play();
      vi.advanceTimersByTime(500);
      expect([index, clock.playing]).toEqual([2, false]);
    } finally {
      vi.useRealTimers();
    }
  });
});
