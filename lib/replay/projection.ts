/**
 * The state at the playhead: a fold of replay events into each agent's status and each
 * task's lifecycle, plus message counts. The maps are mutated by `applyEvent`, but the values
 * in them are never mutated (every change stores a new object), so `cloneState` is a cheap
 * structural copy (two Map copies) — that is what snapshots keep.
 */
import { AGENT_STATUSES, TASK_EVENTS } from '@/lib/agents/schema';
import type { EventMeta, MetaList } from './columns';
import { eventTime } from './event';

export type TaskState = 'created' | 'assigned' | 'started' | 'blocked' | 'completed' | 'failed';

export type AgentView = {
  id: string;
  role: string | null;
  name: string | null;
  /** null = seen only in messages so far (no status event yet). */
  status: string | null;
  /** Time (ms) and sequence of the last status change. */
  since: number | null;
  sinceSeq: number | null;
  reason: string | null;
  task: string | null;
  sent: number;
  received: number;
};

export type TaskView = {
  id: string;
  title: string | null;
  state: TaskState;
  assignee: string | null;
  assigneeRole: string | null;
  retries: number;
  progress: number | null;
  since: number;
  sinceSeq: number;
  reason: string | null;
};

export type ProjectionState = {
  /** Sequence of the last applied event (0 = none). */
  seq: number;
  /** Events applied (including ignored ones). */
  applied: number;
  agents: Map<string, AgentView>;
  tasks: Map<string, TaskView>;
  /** Messages per type. */
  byType: Map<string, number>;
};

const STATUSES: ReadonlySet<string> = new Set(AGENT_STATUSES);
const EVENTS: ReadonlySet<string> = new Set(TASK_EVENTS);
const TERMINAL: ReadonlySet<TaskState> = new Set(['completed', 'failed']);

/** An empty projection. */
export function emptyState(): ProjectionState {
  return { seq: 0, applied: 0, agents: new Map(), tasks: new Map(), byType: new Map() };
}

/** A copy that later `applyEvent` calls on either side cannot affect (values are shared). */
export function cloneState(s: ProjectionState): ProjectionState {
  return {
    seq: s.seq,
    applied: s.applied,
    agents: new Map(s.agents),
    tasks: new Map(s.tasks),
    byType: new Map(s.byType),
  };
}

function agentOf(
  s: ProjectionState,
  id: string,
  role: string | null,
  name: string | null,
): AgentView {
  const a = s.agents.get(id);
  if (a) return a.role === null && role !== null ? { ...a, role, name: a.name ?? name } : a;
  return {
    id,
    role,
    name,
    status: null,
    since: null,
    sinceSeq: null,
    reason: null,
    task: null,
    sent: 0,
    received: 0,
  };
}

function nextTaskState(cur: TaskState | null, event: string): TaskState | null {
  switch (event) {
    case 'created':
      return cur ?? 'created';
    case 'progress':
      return cur === null || cur === 'created' || cur === 'assigned' ? 'started' : null;
    case 'assigned':
    case 'started':
    case 'blocked':
    case 'completed':
    case 'failed':
      return event;
    default:
      return null;
  }
}

/**
 * Applies one event in place (maps only; values are replaced, never mutated). Unknown kinds,
 * statuses and task events are ignored; an event whose created_at is older than the last
 * change it would override (out of order) fills in missing fields but does not roll state back.
 */
export function applyEvent(s: ProjectionState, e: EventMeta): void {
  s.seq = e.seq;
  s.applied++;
  const t = eventTime(e);
  if (e.kind === 'message') {
    const from = agentOf(s, e.from, e.fromRole, e.fromName);
    s.agents.set(e.from, { ...from, sent: from.sent + 1 });
    if (e.to !== null) {
      const to = agentOf(s, e.to, e.toRole, e.toName);
      s.agents.set(e.to, { ...to, received: to.received + 1 });
    }
    s.byType.set(e.type, (s.byType.get(e.type) ?? 0) + 1);
    return;
  }
  if (e.kind === 'status') {
    if (!STATUSES.has(e.status)) return;
    const a = agentOf(s, e.agent, e.role, e.name);
    if (a.since !== null && t < a.since) {
      if (a.role === null) s.agents.set(e.agent, { ...a, role: e.role, name: a.name ?? e.name });
      return;
    }
    s.agents.set(e.agent, {
      ...a,
      role: e.role ?? a.role,
      name: e.name ?? a.name,
      status: e.status,
      since: t,
      sinceSeq: e.seq,
      reason: e.reason,
      task: e.task,
    });
    return;
  }
  if (e.kind === 'task') {
    if (!EVENTS.has(e.event)) return;
    const cur = s.tasks.get(e.task);
    const retries = Math.max(cur?.retries ?? 0, e.retries ?? 0);
    if (cur && t < cur.since) {
      s.tasks.set(e.task, { ...cur, title: cur.title ?? e.title, retries });
      return;
    }
    const next = nextTaskState(cur?.state ?? null, e.event);
    // A late non-terminal event after a terminal one (other than a retry's re-assignment) is noise.
    const keep =
      next === null ||
      (cur && TERMINAL.has(cur.state) && next !== 'assigned' && !TERMINAL.has(next));
    const state: TaskState = keep ? (cur?.state ?? 'created') : next;
    const changed = !cur || state !== cur.state;
    s.tasks.set(e.task, {
      id: e.task,
      title: e.title ?? cur?.title ?? null,
      state,
      assignee: e.assignee ?? cur?.assignee ?? null,
      assigneeRole: e.assigneeRole ?? cur?.assigneeRole ?? null,
      retries,
      progress: e.progress ?? cur?.progress ?? null,
      since: changed ? t : (cur?.since ?? t),
      sinceSeq: changed ? e.seq : (cur?.sinceSeq ?? e.seq),
      reason: e.reason ?? (changed ? null : (cur?.reason ?? null)),
    });
  }
}

/** Folds `events[from..to)` (an array or the columns) into `state` (in place) and returns it. */
export function foldInto(
  state: ProjectionState,
  events: readonly EventMeta[] | MetaList,
  from: number,
  to: number,
): ProjectionState {
  if (Array.isArray(events)) {
    const arr = events as readonly EventMeta[];
    for (let i = from; i < to; i++) applyEvent(state, arr[i] as EventMeta);
  } else {
    const list = events as MetaList;
    for (let i = from; i < to; i++) applyEvent(state, list.meta(i));
  }
  return state;
}

/** The state after every event of `events` (a fresh fold from empty). */
export function fold(events: readonly EventMeta[] | MetaList): ProjectionState {
  return foldInto(emptyState(), events, 0, events.length);
}
