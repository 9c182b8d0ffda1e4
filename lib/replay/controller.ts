/**
 * The player's commands over one loaded replay: a playhead store plus the replay clock.
 * Framework-free; the view binds buttons and keys to these.
 */
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
  dispose(): void;
};

/** Creates the controller of one replay. */
export function createController(data: ReplayData, speed: Speed, host?: TimerHost): ReplayController {
  const playhead = new PlayheadStore({ speed, index: -1 });
  const clamp = (i: number) => Math.max(0, Math.min(i, data.events.length - 1));
  const clock = createReplayClock({
    timeline: data.timeline,
    getIndex: () => playhead.getSnapshot().index,
    setIndex: (index, gap) => playhead.set({ index, gap }),
    onPlayingChange: (playing) => playhead.set({ playing }),
    waiting: () => data.info.status === 'loading',
    speed,
    host,
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
    dispose: () => {
      unsubscribe();
      clock.dispose();
    },
  };
}
