import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  buildTimeline,
  createReplayClock,
  parseSpeed,
  MIN_TICK_MS,
  PLAY_TICK_MS,
  WAIT_MS,
  type Speed,
} from './clock';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

function harness(times: number[], speed: Speed, waiting?: () => boolean) {
  let tl = buildTimeline(times);
  let index = 0;
  const moves: { at: number; index: number; gap: boolean }[] = [];
  const clock = createReplayClock({
    timeline: () => tl,
    getIndex: () => index,
    setIndex: (i, gap) => {
      index = i;
      moves.push({ at: Date.now(), index: i, gap });
    },
    speed,
    waiting,
  });
  const grow = (more: number[]) => (tl = buildTimeline((times = [...times, ...more])));
  return { clock, moves, seek: (i: number) => (index = i), index: () => index, grow };
}

describe('buildTimeline', () => {
  it('keeps short gaps, compresses idle gaps and treats out-of-order times as no gap', () => {
    const tl = buildTimeline([0, 500, 60_500, 61_000, 60_000, 62_000]);
    expect([...tl.offsets]).toEqual([0, 500, 1500, 2000, 2000, 3000]);
    expect([...tl.compressed]).toEqual([0, 0, 1, 0, 0, 0]);
  });
});

describe('replay clock', () => {
  it('plays in real time, following the gaps between events', () => {
    const h = harness([0, 1000, 1500, 4000], '1');
    h.clock.play();
    vi.advanceTimersByTime(999);
    expect(h.index()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(h.index()).toBe(1);
    vi.advanceTimersByTime(500);
    expect(h.index()).toBe(2);
    vi.advanceTimersByTime(2500);
    expect(h.index()).toBe(3);
    expect(h.clock.playing).toBe(false);
    expect(h.moves.map((m) => m.at)).toEqual([1000, 1500, 4000]);
  });

  it.each([
    ['2', 500],
    ['10', 100],
    ['100', PLAY_TICK_MS],
  ] as const)(
    'at %s× a 1 s gap takes about 1000/speed ms (never below one play tick)',
    (speed, ms) => {
      // The third event is due well after the second, even at 100× with a 40 ms play tick.
      const h = harness([0, 1000, 10_000], speed);
      h.clock.play();
      vi.advanceTimersByTime(ms - 1);
      expect(h.index()).toBe(0);
      vi.advanceTimersByTime(Math.max(1, MIN_TICK_MS));
      expect(h.index()).toBe(1);
    },
  );

  it('compresses an idle gap to 1 s and reports it', () => {
    const h = harness([0, 3_600_000, 3_600_500], '1');
    h.clock.play();
    vi.advanceTimersByTime(1000);
    expect(h.moves).toEqual([{ at: 1000, index: 1, gap: true }]);
    vi.advanceTimersByTime(500);
    expect(h.moves[1]).toEqual({ at: 1500, index: 2, gap: false });
  });

  it('moves several due events in one tick at high speed (one update, not one per event)', () => {
    const times = Array.from({ length: 1000 }, (_, i) => i); // 1 ms apart
    const h = harness(times, '100');
    h.clock.play();
    vi.advanceTimersByTime(100);
    expect(h.moves.length).toBeLessThanOrEqual(100 / PLAY_TICK_MS + 1);
    expect(h.index()).toBeGreaterThan(900);
  });

  it('instant reaches the end in a bounded number of ticks', () => {
    const h = harness(
      Array.from({ length: 10_000 }, (_, i) => i * 60_000),
      'instant',
    );
    h.clock.play();
    vi.advanceTimersByTime(MIN_TICK_MS * 25);
    expect(h.index()).toBe(9_999);
    expect(h.moves.length).toBeLessThanOrEqual(21);
  });

  it('instant while the range loads: one move per look, straight to the last loaded event', () => {
    let loading = true;
    const h = harness(
      Array.from({ length: 2000 }, (_, i) => i * 1000),
      'instant',
      () => loading,
    );
    h.clock.play();
    vi.advanceTimersByTime(MIN_TICK_MS);
    expect(h.moves.map((m) => m.index)).toEqual([1999]);
    h.grow(Array.from({ length: 2000 }, (_, i) => (2000 + i) * 1000));
    vi.advanceTimersByTime(WAIT_MS);
    expect(h.moves.map((m) => m.index)).toEqual([1999, 3999]);
    expect(h.clock.playing).toBe(true); // waits for more
    loading = false;
    h.grow([4_000_000]);
    h.clock.nudge();
    vi.advanceTimersByTime(MIN_TICK_MS);
    expect(h.index()).toBe(4000);
    expect(h.clock.playing).toBe(false);
  });

  it('instant following the load goes straight to the end once the load is over (one move)', () => {
    let loading = true;
    const h = harness(
      Array.from({ length: 2000 }, (_, i) => i * 1000),
      'instant',
      () => loading,
    );
    h.clock.play();
    vi.advanceTimersByTime(MIN_TICK_MS);
    expect(h.moves.map((m) => m.index)).toEqual([1999]);
    // The last batches arrive after its last look, and the load ends.
    h.grow(Array.from({ length: 98_000 }, (_, i) => (2000 + i) * 1000));
    loading = false;
    h.clock.nudge();
    vi.advanceTimersByTime(MIN_TICK_MS * 25);
    expect(h.moves.map((m) => m.index)).toEqual([1999, 99_999]);
    expect(h.clock.playing).toBe(false);
  });

  it('instant after a seek while loading plays on in steps, not in one jump', () => {
    let loading = true;
    const h = harness(
      Array.from({ length: 2000 }, (_, i) => i * 1000),
      'instant',
      () => loading,
    );
    h.clock.play();
    vi.advanceTimersByTime(MIN_TICK_MS);
    h.seek(10);
    h.grow(Array.from({ length: 98_000 }, (_, i) => (2000 + i) * 1000));
    loading = false;
    h.clock.nudge();
    vi.advanceTimersByTime(0);
    expect(h.index()).toBe(10 + 100_000 / 20);
    vi.advanceTimersByTime(MIN_TICK_MS * 25);
    expect(h.index()).toBe(99_999);
  });

  it('follow() moves a clock waiting at the end at once (in the same call), and only then', () => {
    let loading = true;
    const h = harness(
      Array.from({ length: 100 }, (_, i) => i * 1000),
      'instant',
      () => loading,
    );
    h.clock.follow(); // not playing: nothing
    expect(h.moves).toEqual([]);
    h.clock.play();
    vi.advanceTimersByTime(MIN_TICK_MS);
    expect(h.moves.map((m) => m.index)).toEqual([99]);
    h.grow(Array.from({ length: 50 }, (_, i) => (100 + i) * 1000));
    h.clock.follow();
    expect(h.moves.map((m) => m.index)).toEqual([99, 149]);
    // The fallback look was rescheduled from the follow: nothing moves before it is due.
    h.grow([150_000]);
    vi.advanceTimersByTime(WAIT_MS - 1);
    expect(h.moves).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(h.moves.map((m) => m.index)).toEqual([99, 149, 150]);
    loading = false;
    h.clock.follow(); // idle at the end but the load is over: the end is reached, nothing to do
    expect(h.moves).toHaveLength(3);
  });

  it('pauses, resumes after an outside seek, changes speed mid-play, restarts at the end', () => {
    const h = harness([0, 1000, 2000, 3000, 4000], '1');
    h.clock.play();
    vi.advanceTimersByTime(1000);
    h.clock.pause();
    vi.advanceTimersByTime(5000);
    expect(h.index()).toBe(1);
    h.seek(3);
    h.clock.play();
    h.clock.setSpeed('10');
    vi.advanceTimersByTime(100);
    expect(h.index()).toBe(4);
    expect(h.clock.playing).toBe(false);
    h.clock.play();
    expect(h.index()).toBe(0);
    expect(h.clock.playing).toBe(true);
    h.clock.dispose();
  });

  it('parses speeds from the URL leniently', () => {
    expect(parseSpeed('100')).toBe('100');
    expect(parseSpeed('10x')).toBe('10');
    expect(parseSpeed('instant')).toBe('instant');
    expect(parseSpeed('warp')).toBe('1');
    expect(parseSpeed(null)).toBe('1');
  });
});
