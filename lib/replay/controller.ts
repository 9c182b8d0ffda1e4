/**
 * The player's commands over one loaded replay: a playhead store plus the replay clock.
 * Framework-free; the view binds buttons and keys to these.
 */
import type { BreakpointIndex } from './breakpoints';
import { createReplayClock, type ReplayClock, type Speed, type TimerHost } from './clock';
import { PlayheadStore } from './playhead';
import type { ReplayData } from './store';

export type ReplayController = {
  playhead: PlayheadStore;
  clock: ReplayClock;
  /** Moves the playhead to an event index (clamped); stops nothing. */
  seek(index: number): void;
  /** Moves to the event at or before `seq`. */
  seekSeq(seq: number): void;
  step(delta: number): void;
  toStart(): void;
  toEnd(): void;
  toggle(): void;
  setSpeed(s: Speed): void;
  /** The breakpoints playing stops on (null: none); the view makes one per list. */
  setBreakpoints(bp: BreakpointIndex | null): void;
  /** Plays on (at the chosen speed) to the next breakpoint hit: F8. */
  continueToHit(): void;
  /** Pauses and goes back to the previous breakpoint hit: Shift+F8. */
  previousHit(): void;
  dispose(): void;
};

/** Creates the controller of one replay. */
export function createController(
  data: ReplayData,
  speed: Speed,
  host?: TimerHost,
): ReplayController {
  const playhead = new PlayheadStore({ speed, index: -1 });
  let bp: BreakpointIndex | null = null;
  const clamp = (i: number) => Math.max(0, Math.min(i, data.events.length - 1));
  const clock = createReplayClock({
    timeline: data.timeline,
    getIndex: () => playhead.getSnapshot().index,
    setIndex: (index, gap) => playhead.set({ index, gap }),
    onPlayingChange: (playing) => playhead.set({ playing }),
    waiting: () => data.info.status === 'loading',
    speed,
    host,
    stopAt: (from, to) => (bp?.active ? bp.stopIn(from, to) : -1),
    limit: () => (bp?.active ? bp.scanned : Infinity),
  });
  // Playing while the range loads follows it: each loaded batch wakes a clock waiting at the end.
  const unsubscribe = data.subscribe(() => clock.nudge());
  const seek = (i: number) => {
    if (data.events.length === 0) return;
    playhead.set({ index: clamp(i), gap: false });
  };
  return {
    playhead,
    clock,
    seek,
    seekSeq: (seq) => seek(Math.max(0, data.indexAtOrBefore(seq))),
    step: (d) => {
      clock.pause();
      seek(playhead.getSnapshot().index + d);
    },
    toStart: () => seek(0),
    toEnd: () => seek(data.events.length - 1),
    toggle: () => (clock.playing ? clock.pause() : clock.play()),
    setSpeed: (s) => {
      clock.setSpeed(s);
      playhead.set({ speed: s });
    },
    setBreakpoints: (b) => {
      bp = b;
    },
    continueToHit: () => {
      if (!clock.playing) clock.play();
    },
    previousHit: () => {
      clock.pause();
      const i = bp?.active ? bp.previous(playhead.getSnapshot().index) : -1;
      if (i >= 0) seek(i);
    },
    dispose: () => {
      unsubscribe();
      clock.dispose();
    },
  };
}
