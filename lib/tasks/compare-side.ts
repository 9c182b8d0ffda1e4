/** The events of one compare side, cut from a loaded task or range. Pure. */
import { eventTime, type MessageEvent, type ReplayEvent } from '@/lib/replay/event';
import { fold, type ProjectionState } from '@/lib/replay/projection';
import { parseSpec, type ReplaySpec } from '@/lib/replay/scope';
import type { Side } from './compare';
import { buildStory } from './story';

/** What to load for a side: the task's scope, or the range. */
export function sideSpec(s: Side): ReplaySpec {
  return s.kind === 'task'
    ? parseSpec({ task: s.task }).spec
    : parseSpec({ from: s.from, to: s.to }).spec;
}

export type SideView = {
  label: string;
  messages: MessageEvent[];
  durationMs: number;
  state: ProjectionState;
  /** Set when the side names an attempt the task does not have. */
  error: string | null;
};

/**
 * The side's events from what was loaded: a whole task, one attempt of it (from its
 * assignment, or the task's start for the first, to its end), or the whole range.
 */
export function sideView(s: Side, events: readonly ReplayEvent[]): SideView {
  if (s.kind === 'range') {
    const first = events[0];
    const last = events[events.length - 1];
    return {
      label: `seq/time ${s.from} to ${s.to}`,
      messages: events.filter((e): e is MessageEvent => e.kind === 'message'),
      durationMs: first && last ? eventTime(last) - eventTime(first) : 0,
      state: fold(events),
      error: null,
    };
  }
  const story = buildStory(s.task, events);
  const title = story.title ?? s.task;
  if (s.attempt === null) {
    return {
      label: title,
      messages: story.messages,
      durationMs: story.endMs - story.startMs,
      state: fold(events.filter((e) => e.kind !== 'generic' && e.task === s.task)),
      error: null,
    };
  }
  const a = story.attempts[s.attempt - 1];
  if (!a)
    return {
      label: `${title}, attempt ${s.attempt}`,
      messages: [],
      durationMs: 0,
      state: fold([]),
      error: `Task ${s.task} has ${story.attempts.length} attempt${story.attempts.length === 1 ? '' : 's'}, not ${s.attempt}.`,
    };
  const prev = story.attempts[s.attempt - 2];
  const lo = prev ? prev.events[prev.events.length - 1]!.seq + 1 : 0;
  const hi = a.endMs !== null ? a.events[a.events.length - 1]!.seq : Infinity;
  const mine = events.filter(
    (e) => e.seq >= lo && e.seq <= hi && e.kind !== 'generic' && e.task === s.task,
  );
  const end = a.endMs ?? story.endMs;
  return {
    label: `${title}, attempt ${s.attempt}`,
    messages: mine.filter((e): e is MessageEvent => e.kind === 'message'),
    durationMs: end - (a.assignedMs ?? a.waitFromMs),
    state: fold(mine),
    error: null,
  };
}
