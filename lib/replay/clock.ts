/**
 * The replay clock: given event times and a speed, decides when the playhead moves next.
 * Pure scheduling over injected timers (fake timers in tests). Real time follows the gaps
 * between events; gaps longer than IDLE_GAP_MS are compressed to COMPRESSED_GAP_MS and
 * reported, so a night of silence does not stall the replay. Several events due within one
 * tick move the playhead once (one store update per tick, never one per event).
 */

export const SPEEDS = ['1', '2', '10', '100', 'instant'] as const;
export type Speed = (typeof SPEEDS)[number];

/** Gaps longer than this (event time) are compressed… */
export const IDLE_GAP_MS = 10_000;
/** …to this much replay time (at 1×). */
export const COMPRESSED_GAP_MS = 1_000;
/** Shortest timer; events due sooner are batched into one tick (about a frame). */
export const MIN_TICK_MS = 16;
/**
 * Shortest gap between playhead moves at a timed speed (25 a second): every move re-renders
 * the transcript, diagram and state, and at 100× events are due every few ms, so moving on
 * every frame kept the main thread busy; events due meanwhile are applied together.
 */
export const PLAY_TICK_MS = 40;
/** "Instant" reaches the end in about this many ticks. */
export const INSTANT_TICKS = 20;
/**
 * At the end of the loaded events while more are coming, look again this often (ms) unless
 * told sooner (follow()). Every move re-renders the views, and their style, layout and paint
 * take CPU from the read (the worker and nats-server share the machine's cores with this
 * page): the view calls follow() in the same frame as its own once-a-second render of the
 * loading progress, so following the load costs one render a second, not two; this timer is
 * the fallback, a little longer so it does not fire just before that frame. The end of the
 * load wakes the clock at once (nudge).
 */
export const WAIT_MS = 1500;

/** Parses a `speed` URL value; anything unknown is 1× (real time). */
export function parseSpeed(v: string | null | undefined): Speed {
  const x = (v ?? '').replace(/x$/i, '');
  return (SPEEDS as readonly string[]).includes(x) ? (x as Speed) : '1';
}

/** Speed label for the UI. */
export function speedLabel(s: Speed): string {
  return s === 'instant' ? 'Instant' : s === '1' ? 'Real time' : `${s}×`;
}

export type ReplayTimeline = {
  /** offsets[i] = replay time of event i at 1×, ms after event 0 (non-decreasing). */
  offsets: Float64Array;
  /** compressed[i] = 1 when the gap before event i was compressed. */
  compressed: Uint8Array;
};

/** Replay offsets from event times (ms). Out-of-order times count as no gap. */
export function buildTimeline(
  times: ArrayLike<number>,
  idleMs = IDLE_GAP_MS,
  shownMs = COMPRESSED_GAP_MS,
): ReplayTimeline {
  const n = times.length;
  const offsets = new Float64Array(n);
  const compressed = new Uint8Array(n);
  let prev = n > 0 ? (times[0] as number) : 0;
  for (let i = 1; i < n; i++) {
    const t = times[i] as number;
    let gap = t - prev;
    if (!(gap > 0)) gap = 0;
    if (gap > idleMs) {
      gap = shownMs;
      compressed[i] = 1;
    }
    offsets[i] = (offsets[i - 1] as number) + gap;
    if (t > prev) prev = t;
  }
  return { offsets, compressed };
}

export type TimerHost = {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(h: unknown): void;
};

const globalHost: TimerHost = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type ClockOptions = {
  timeline: () => ReplayTimeline;
  /** The playhead (event index), read at every tick so outside seeks are honoured. */
  getIndex: () => number;
  /** Moves the playhead; `gap` = a compressed idle gap was crossed. */
  setIndex: (index: number, gap: boolean) => void;
  onPlayingChange?: (playing: boolean) => void;
  /**
   * True while more events are still being loaded: playing then waits at the last loaded
   * event instead of stopping (and Play there does not start over), so a replay started
   * while its range loads follows the load to the end.
   */
  waiting?: () => boolean;
  speed?: Speed;
  host?: TimerHost;
  /**
   * Breakpoints: the first index in [from, to] to stop on, or -1. A move that would pass one
   * stops on it instead (at every speed, instant included) and pauses.
   */
  stopAt?: (from: number, to: number) => number;
  /**
   * How many events stopAt has looked at (the breakpoints' scan frontier): playing never goes
   * past it, it waits there (LIMIT_WAIT_MS) for the scan, so no hit is skipped.
   */
  limit?: () => number;
};

/** While playing waits for the breakpoints' scan, look again this often (ms). */
export const LIMIT_WAIT_MS = 50;

export type ReplayClock = {
  play(): void;
  pause(): void;
  setSpeed(s: Speed): void;
  /** The load moved on: once it is over, a clock waiting at the end moves on now, not at its next look. */
  nudge(): void;
  /**
   * More events were loaded: a clock waiting at the end moves on now, synchronously, so the
   * caller's render of the load's progress and the playhead's move are one render.
   */
  follow(): void;
  readonly playing: boolean;
  readonly speed: Speed;
  dispose(): void;
};

/** Creates a clock that moves the playhead through the timeline at the chosen speed. */
export function createReplayClock(opts: ClockOptions): ReplayClock {
  const host = opts.host ?? globalHost;
  let speed: Speed = opts.speed ?? '1';
  let playing = false;
  let timer: unknown = null;
  let anchorWall = 0;
  let anchorOff = 0;
  let lastSet = -1;
  let idle = false; // playing, at the end of the loaded events, waiting for more
  // At instant, the playhead got where it is by following the load: when the load ends it goes
  // straight to the end too (the last batches were read after its last look), in one move
  // rather than INSTANT_TICKS' worth of ticks, each a render, after the read is over.
  let following = false;
  const waiting = () => opts.waiting?.() ?? false;

  const factor = () => (speed === 'instant' ? Infinity : Number(speed));
  const anchor = (idx: number) => {
    const { offsets } = opts.timeline();
    anchorWall = host.now();
    anchorOff = offsets[idx] ?? 0;
    lastSet = idx;
  };
  const virtualNow = () => anchorOff + (host.now() - anchorWall) * factor();
  const setPlaying = (p: boolean) => {
    if (p === playing) return;
    playing = p;
    opts.onPlayingChange?.(p);
  };
  const stop = () => {
    if (timer !== null) host.clearTimeout(timer);
    timer = null;
    idle = false;
    following = false;
    setPlaying(false);
  };

  const limit = (n: number) => Math.min(n, opts.limit?.() ?? n);

  const schedule = () => {
    const { offsets } = opts.timeline();
    const idx = opts.getIndex();
    if (idx + 1 >= offsets.length) {
      if (!waiting()) return stop();
      idle = true;
      following = true;
      timer = host.setTimeout(tick, WAIT_MS);
      return;
    }
    if (idx + 1 >= limit(offsets.length)) {
      timer = host.setTimeout(tick, LIMIT_WAIT_MS);
      return;
    }
    let delay = MIN_TICK_MS;
    if (speed !== 'instant')
      delay = Math.max(PLAY_TICK_MS, ((offsets[idx + 1] as number) - virtualNow()) / factor());
    timer = host.setTimeout(tick, delay);
  };

  const tick = () => {
    timer = null;
    idle = false;
    if (!playing) return;
    const { offsets, compressed } = opts.timeline();
    const n = offsets.length;
    const lim = limit(n);
    let idx = opts.getIndex();
    if (idx !== lastSet) {
      anchor(idx); // someone seeked meanwhile: continue from there
      following = false;
    }
    let j = idx;
    if (speed === 'instant') {
      // While the range loads, go straight to the last loaded event (then wait WAIT_MS): one
      // render per look, not INSTANT_TICKS renders per batch competing with the load.
      j =
        waiting() || following
          ? n - 1
          : Math.min(n - 1, idx + Math.max(1, Math.ceil(n / INSTANT_TICKS)));
      following = false;
    } else {
      const v = virtualNow();
      while (j + 1 < n && (offsets[j + 1] as number) <= v) j++;
    }
    if (j >= lim) j = Math.max(idx, lim - 1);
    const hit = j > idx && opts.stopAt ? opts.stopAt(idx + 1, j) : -1;
    if (hit >= 0) j = hit;
    if (j !== idx) {
      let gap = false;
      for (let k = idx + 1; k <= j && !gap; k++) gap = compressed[k] === 1;
      lastSet = j;
      opts.setIndex(j, gap);
      idx = j;
    }
    if (hit >= 0) return stop();
    if (idx >= n - 1 && !waiting()) return stop();
    schedule();
  };

  return {
    play() {
      const n = opts.timeline().offsets.length;
      if (n === 0 || playing) return;
      let idx = opts.getIndex();
      if (idx >= n - 1 && !waiting()) {
        idx = 0; // at the end, play starts over
        lastSet = 0;
        opts.setIndex(0, false);
      }
      anchor(idx);
      setPlaying(true);
      schedule();
    },
    pause: stop,
    nudge() {
      if (!playing || !idle || waiting()) return;
      if (timer !== null) host.clearTimeout(timer);
      idle = false;
      timer = host.setTimeout(tick, 0);
    },
    follow() {
      if (!playing || !idle) return;
      if (timer !== null) host.clearTimeout(timer);
      tick();
    },
    setSpeed(s) {
      following = false;
      if (playing && speed === 'instant') anchor(opts.getIndex());
      else if (playing) {
        const v = virtualNow();
        anchorWall = host.now();
        anchorOff = v;
      }
      speed = s;
      if (playing) {
        if (timer !== null) host.clearTimeout(timer);
        schedule();
      }
    },
    get playing() {
      return playing;
    },
    get speed() {
      return speed;
    },
    dispose: stop,
  };
}
