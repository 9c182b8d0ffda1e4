/**
 * Fast "state after the first N events": periodic snapshots of the projection every K events,
 * taken lazily as far as anyone has asked, so a seek folds at most K events from the nearest
 * snapshot instead of from the start. The event list may grow (loading appends); snapshots
 * stay valid because events are only ever appended. Their memory is bounded: past
 * MAX_SNAPSHOTS (or MAX_SNAPSHOT_ENTRIES map entries in all) the spacing doubles and every
 * other snapshot goes, so 1,000,000 events with tens of thousands of tasks still fit.
 */
import { metaList, type EventMeta, type MetaList } from './columns';
import { applyEvent, cloneState, emptyState, foldInto, type ProjectionState } from './projection';

/** Default (smallest) snapshot spacing. */
export const SNAPSHOT_EVERY = 1000;
/** Most snapshots kept (a seek folds at most one spacing: 1,000,000 / 128 ≈ 8,000 events). */
export const MAX_SNAPSHOTS = 128;
/**
 * Most map entries (agents + tasks + types) over all snapshots: each entry costs a few tens
 * of bytes in a Map copy, so this keeps them to some tens of MB.
 */
export const MAX_SNAPSHOT_ENTRIES = 1_500_000;

const entries = (s: ProjectionState) => s.agents.size + s.tasks.size + s.byType.size;

/** Snapshots of one event array. */
export class ProjectionIndex {
  /** snapshots[i] = state after events[0 .. i*every), from the base (the state before the range). */
  private snaps: ProjectionState[] = [emptyState()];
  private entryCount = 0;
  /** Bumped when the base changes: cursors holding an older state start again. */
  baseVersion = 0;
  /** Current spacing (doubles as snapshots are thinned). */
  every: number;

  private readonly events: MetaList;

  constructor(
    events: MetaList | readonly EventMeta[],
    readonly minEvery: number = SNAPSHOT_EVERY,
    private readonly maxSnaps: number = MAX_SNAPSHOTS,
    private readonly maxEntries: number = MAX_SNAPSHOT_ENTRIES,
  ) {
    this.events = metaList(events);
    this.every = minEvery;
  }

  /**
   * Sets the state the events are folded onto (the state when the range began, seed.ts),
   * dropping every snapshot taken from the old one.
   */
  setBase(base: ProjectionState): void {
    this.snaps = [cloneState(base)];
    this.entryCount = entries(base);
    this.every = this.minEvery;
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
    this.entryCount += entries(s);
    // Over the bound: keep the even ones (each is still the exact state at its position).
    while (
      this.snaps.length > 2 &&
      (this.snaps.length > this.maxSnaps || this.entryCount > this.maxEntries)
    ) {
      this.snaps = this.snaps.filter((_, k) => k % 2 === 0);
      this.entryCount = this.snaps.reduce((n, x) => n + entries(x), 0);
      this.every *= 2;
    }
  }

  /** A fresh state (owned by the caller) after the first `count` events. */
  stateAt(count: number): ProjectionState {
    const c = Math.max(0, Math.min(count, this.events.length));
    // Extend the snapshot chain up to the one we need (taking one may double the spacing).
    while (this.snaps.length - 1 < Math.floor(c / this.every)) this.takeNext();
    const want = Math.floor(c / this.every);
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

  private readonly events: MetaList;

  constructor(
    private readonly index: ProjectionIndex,
    events: MetaList | readonly EventMeta[],
  ) {
    this.events = metaList(events);
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
      for (let i = this.n; i < c; i++) applyEvent(this.cur, this.events.meta(i));
    } else {
      this.cur = this.index.stateAt(c);
    }
    this.n = c;
    return this.cur;
  }
}
