/**
 * Fast "state after the first N events": periodic snapshots of the projection every K events,
 * taken lazily as far as anyone has asked, so a seek folds at most K events from the nearest
 * snapshot instead of from the start. The event array may grow (loading appends); snapshots
 * stay valid because events are only ever appended.
 */
import type { ReplayEvent } from './event';
import { applyEvent, cloneState, emptyState, foldInto, type ProjectionState } from './projection';

/** Default snapshot spacing. */
export const SNAPSHOT_EVERY = 1000;

/** Snapshots of one event array. */
export class ProjectionIndex {
  /** snapshots[i] = state after events[0 .. i*every), from the base (the state before the range). */
  private snaps: ProjectionState[] = [emptyState()];
  /** Bumped when the base changes: cursors holding an older state start again. */
  baseVersion = 0;

  constructor(
    private readonly events: readonly ReplayEvent[],
    readonly every: number = SNAPSHOT_EVERY,
  ) {}

  /**
   * Sets the state the events are folded onto (the state when the range began, seed.ts),
   * dropping every snapshot taken from the old one.
   */
  setBase(base: ProjectionState): void {
    this.snaps = [cloneState(base)];
    this.baseVersion++;
  }

  /** Number of snapshots taken so far (including the empty one). */
  get snapshotCount(): number {
    return this.snaps.length;
  }

  /**
   * Takes snapshots ahead of any seek, for at most `budgetMs` (call it in idle slices while
   * and after loading). Returns true when every loaded event is covered.
   */
  extend(budgetMs: number, now: () => number = () => performance.now()): boolean {
    const t0 = now();
    while ((this.snaps.length - 1) * this.every + this.every <= this.events.length) {
      if (now() - t0 >= budgetMs) return false;
      this.takeNext();
    }
    return true;
  }

  private takeNext() {
    const i = this.snaps.length - 1;
    const s = cloneState(this.snaps[i] as ProjectionState);
    foldInto(s, this.events, i * this.every, (i + 1) * this.every);
    this.snaps.push(s);
  }

  /** A fresh state (owned by the caller) after the first `count` events. */
  stateAt(count: number): ProjectionState {
    const c = Math.max(0, Math.min(count, this.events.length));
    const want = Math.floor(c / this.every);
    // Extend the snapshot chain up to the one we need, keeping a copy at every boundary.
    while (this.snaps.length - 1 < want) this.takeNext();
    const base = cloneState(this.snaps[want] as ProjectionState);
    return foldInto(base, this.events, want * this.every, c);
  }
}

/**
 * The playhead's projection: moving forward a little applies the new events in place; jumping
 * (or moving back) restarts from the nearest snapshot. `count` = events applied.
 */
export class ProjectionCursor {
  private cur: ProjectionState;
  private n = 0;
  private base: number;

  constructor(
    private readonly index: ProjectionIndex,
    private readonly events: readonly ReplayEvent[],
  ) {
    this.cur = index.stateAt(0);
    this.base = index.baseVersion;
  }

  get state(): ProjectionState {
    return this.cur;
  }
  get count(): number {
    return this.n;
  }

  /** Moves to "after the first `count` events" and returns the (mutable, shared) state. */
  moveTo(count: number): ProjectionState {
    const c = Math.max(0, Math.min(count, this.events.length));
    if (this.base !== this.index.baseVersion) {
      this.base = this.index.baseVersion;
      this.cur = this.index.stateAt(c);
    } else if (c >= this.n && c - this.n <= this.index.every) {
      for (let i = this.n; i < c; i++) applyEvent(this.cur, this.events[i] as ReplayEvent);
    } else {
      this.cur = this.index.stateAt(c);
    }
    this.n = c;
    return this.cur;
  }
}
