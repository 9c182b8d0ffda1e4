/**
 * The playhead of one replay view: an external store (useSyncExternalStore) so that per-tick
 * movement never goes through React state of a parent; components that only need the sequence
 * number can subscribe and write to the DOM directly.
 */
import type { Speed } from './clock';

export type PlayheadState = {
  /** Index of the current event (-1 = before the first). */
  index: number;
  playing: boolean;
  speed: Speed;
  /** The last move crossed a compressed idle gap. */
  gap: boolean;
};

/** A small store holding one PlayheadState. */
export class PlayheadStore {
  private s: PlayheadState;
  private listeners = new Set<() => void>();

  constructor(init: Partial<PlayheadState> = {}) {
    this.s = { index: -1, playing: false, speed: '1', gap: false, ...init };
  }
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getSnapshot = (): PlayheadState => this.s;

  /** Merges a patch; notifies only when something changed. */
  set(patch: Partial<PlayheadState>): void {
    const next = { ...this.s, ...patch };
    if (
      next.index === this.s.index &&
      next.playing === this.s.playing &&
      next.speed === this.s.speed &&
      next.gap === this.s.gap
    )
      return;
    this.s = next;
    for (const fn of this.listeners) fn();
  }
}
