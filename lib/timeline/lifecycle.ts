/**
 * Task lifecycle bars in the manner of Temporal's timeline: one bar per attempt
 * (assigned → started → completed/failed) on the assignee's lane, coloured by outcome, with
 * the retry number. Built from task events in stream order.
 */
import type { TimelineEvent } from './event';

export type TaskOutcome = 'running' | 'completed' | 'failed';

export type TaskBar = {
  /** `${taskId}#${retries}`: one bar per attempt. */
  key: string;
  taskId: string;
  title: string | null;
  agentId: string | null;
  agentRole: string | null;
  retries: number;
  startMs: number;
  assignedMs: number | null;
  startedMs: number | null;
  endMs: number | null;
  outcome: TaskOutcome;
  blocked: boolean;
  firstSeq: number;
  lastSeq: number;
  lastEvent: string;
};

export type TaskState = {
  bars: Map<string, TaskBar>;
  /** The latest attempt of every task whose bars are held. */
  latest: Map<string, TaskBar>;
  /**
   * Tasks by their latest attempt's outcome, kept as events arrive: a settled task still counts
   * after its bars leave memory (maxBars), so the counters count every task, not those held.
   */
  counts: { running: number; failed: number; completed: number };
  /** Task titles seen on `created` events (before any bar exists), the newest maxBars. */
  titles: Map<string, string>;
};

/** An empty task state. */
export function emptyTaskState(): TaskState {
  return {
    bars: new Map(),
    latest: new Map(),
    titles: new Map(),
    counts: { running: 0, failed: 0, completed: 0 },
  };
}

/**
 * Task attempt bars kept (and task titles). Below 2^14: a `Map` that deletes as it adds grows
 * its table to twice its live entries' power of two once deletions start; at 20,000 entries
 * that doubling came ~2 minutes after the bound was reached (a 2.6 MB step mid-soak), at
 * 16,000 it comes as the bound is reached, and the tables are half the size.
 */
export const MAX_TASK_BARS = 16_000;

/** Applies one task event; returns the bar it touched (null for `created` or non-task events). */
export function applyTask(
  state: TaskState,
  ev: TimelineEvent,
  maxBars = MAX_TASK_BARS,
): TaskBar | null {
  if (ev.kind !== 'task' || !ev.taskId || !ev.what) return null;
  if (ev.what === 'created') {
    if (ev.detail) {
      state.titles.set(ev.taskId, ev.detail);
      // Bounded like the bars (the oldest first: Map order is insertion order); unbounded, a
      // long session at 2,000 events/s grew the heap by ~1 MB a minute here.
      if (state.titles.size > maxBars) state.titles.delete(state.titles.keys().next().value!);
    }
    return null;
  }
  const key = `${ev.taskId}#${ev.retries}`;
  const prev = state.latest.get(ev.taskId);
  const prevOutcome = prev?.outcome;
  let bar = state.bars.get(key);
  if (!bar) {
    bar = {
      key,
      taskId: ev.taskId,
      title: ev.detail ?? state.titles.get(ev.taskId) ?? null,
      agentId: ev.agentId,
      agentRole: ev.agentRole,
      retries: ev.retries,
      startMs: ev.timeMs,
      assignedMs: null,
      startedMs: null,
      endMs: null,
      outcome: 'running',
      blocked: false,
      firstSeq: ev.seq,
      lastSeq: ev.seq,
      lastEvent: ev.what,
    };
    state.bars.set(key, bar);
  }
  if (ev.agentId && !bar.agentId) {
    bar.agentId = ev.agentId;
    bar.agentRole = ev.agentRole;
  }
  bar.lastSeq = ev.seq;
  bar.lastEvent = ev.what;
  switch (ev.what) {
    case 'assigned':
      bar.assignedMs ??= ev.timeMs;
      break;
    case 'started':
      bar.startedMs ??= ev.timeMs;
      bar.blocked = false;
      break;
    case 'blocked':
      bar.blocked = true;
      break;
    case 'progress':
      bar.blocked = false;
      break;
    case 'completed':
    case 'failed':
      bar.endMs = ev.timeMs;
      bar.outcome = ev.what;
      bar.blocked = false;
      break;
  }
  if (!prev || prev.retries <= bar.retries) state.latest.set(ev.taskId, bar);
  // The task leaves its previous count (when it had one) for its latest attempt's.
  if (prevOutcome) state.counts[prevOutcome]--;
  state.counts[state.latest.get(ev.taskId)!.outcome]++;
  if (state.bars.size > maxBars) evictOldest(state);
  return bar;
}

function evictOldest(state: TaskState) {
  // Map iteration is insertion order: the first bar is the oldest attempt.
  const first = state.bars.keys().next();
  if (first.done) return;
  const bar = state.bars.get(first.value)!;
  state.bars.delete(first.value);
  if (state.latest.get(bar.taskId) !== bar) return;
  state.latest.delete(bar.taskId);
  // A settled task stays counted; a running one can no longer be followed to its end (a later
  // event of it starts a new bar, counted then).
  if (bar.outcome === 'running') state.counts.running--;
}

/** Builds bars from events in stream order. */
export function lifecycleBars(events: Iterable<TimelineEvent>): TaskState {
  const st = emptyTaskState();
  for (const ev of events) applyTask(st, ev);
  return st;
}

/**
 * Counts of tasks by their latest attempt's outcome, settled tasks whose bars left memory
 * included.
 */
export function taskCounts(state: TaskState): {
  running: number;
  failed: number;
  completed: number;
} {
  return { ...state.counts };
}
