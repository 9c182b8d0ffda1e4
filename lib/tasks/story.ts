/**
 * One task's story: its attempts (created → assigned → started → progress → completed/failed,
 * a retry is a new attempt), its messages and the status changes of the agents in it, from
 * the replay's decoded events (lib/replay/event.ts). Pure.
 */
import {
  eventTime,
  type MessageEvent,
  type ReplayEvent,
  type StatusEvent,
  type TaskEvent,
} from '@/lib/replay/event';

export type Outcome = 'completed' | 'failed' | 'open';

export type Attempt = {
  /** 1-based. */
  n: number;
  assignee: string | null;
  assigneeRole: string | null;
  /** When the wait for this attempt began: task creation (first) or the previous failure. */
  waitFromMs: number;
  assignedMs: number | null;
  startedMs: number | null;
  endMs: number | null;
  outcome: Outcome;
  reason: string | null;
  /** Lifecycle events of the attempt, in stream order. */
  events: TaskEvent[];
  /** First and last stream sequence of the attempt (its lifecycle and its messages). */
  firstSeq: number;
  lastSeq: number;
};

export type TaskStory = {
  id: string;
  title: string | null;
  createdMs: number | null;
  /** Start of the task's time axis: creation, else its first event. */
  startMs: number;
  /** End: the last attempt's completion/failure, else the last event seen. */
  endMs: number;
  outcome: Outcome;
  attempts: Attempt[];
  messages: MessageEvent[];
  statuses: StatusEvent[];
  /** Agent id → display name (name from metadata or status, else role, else id). */
  names: Map<string, string>;
  /** Agents in it, in order of first appearance. */
  agents: string[];
};

/** The display name of an agent as the events name it. */
function learnNames(
  names: Map<string, string>,
  id: string | null,
  name: string | null,
  role: string | null,
): void {
  if (!id) return;
  const had = names.get(id);
  if (name) names.set(id, name);
  else if (!had) names.set(id, role ?? id);
}

/** Builds the story of task `id` from events (any order of kinds, stream order); others are ignored. */
export function buildStory(id: string, events: readonly ReplayEvent[]): TaskStory {
  const attempts: Attempt[] = [];
  const messages: MessageEvent[] = [];
  const statuses: StatusEvent[] = [];
  const names = new Map<string, string>();
  const agents: string[] = [];
  const seen = new Set<string>();
  const meet = (a: string | null) => {
    if (a && !seen.has(a)) {
      seen.add(a);
      agents.push(a);
    }
  };
  let title: string | null = null;
  let createdMs: number | null = null;
  let firstMs = Infinity;
  let lastMs = -Infinity;
  let cur: Attempt | null = null;
  let waitFrom: number | null = null;

  const open = (e: TaskEvent, t: number): Attempt => {
    const a: Attempt = {
      n: attempts.length + 1,
      assignee: null,
      assigneeRole: null,
      waitFromMs: waitFrom ?? createdMs ?? t,
      assignedMs: null,
      startedMs: null,
      endMs: null,
      outcome: 'open',
      reason: null,
      events: [],
      firstSeq: e.seq,
      lastSeq: e.seq,
    };
    attempts.push(a);
    return a;
  };

  for (const e of events) {
    if (e.kind === 'generic' || e.task !== id) continue;
    const t = eventTime(e);
    if (t < firstMs) firstMs = t;
    if (t > lastMs) lastMs = t;
    if (e.kind === 'task') {
      if (e.title) title = e.title;
      if (e.event === 'created') {
        createdMs ??= t;
        continue;
      }
      // An assignment after an ended attempt (or the first one) opens a new attempt.
      if (e.event === 'assigned' && (!cur || cur.outcome !== 'open' || cur.assignedMs !== null))
        cur = open(e, t);
      cur ??= open(e, t);
      cur.events.push(e);
      cur.lastSeq = e.seq;
      if (e.assignee) {
        cur.assignee = e.assignee;
        cur.assigneeRole = e.assigneeRole;
        learnNames(names, e.assignee, null, e.assigneeRole);
        meet(e.assignee);
      }
      if (e.event === 'assigned') cur.assignedMs ??= t;
      else if (e.event === 'started') cur.startedMs ??= t;
      else if (e.event === 'completed' || e.event === 'failed') {
        cur.endMs = t;
        cur.outcome = e.event;
        cur.reason = e.reason;
        waitFrom = t;
      }
    } else if (e.kind === 'message') {
      messages.push(e);
      learnNames(names, e.from, e.fromName, e.fromRole);
      learnNames(names, e.to, e.toName, e.toRole);
      meet(e.from);
      meet(e.to);
      if (cur && cur.outcome === 'open') cur.lastSeq = e.seq;
    } else {
      statuses.push(e);
      learnNames(names, e.agent, e.name, e.role);
      meet(e.agent);
    }
  }
  const last = attempts[attempts.length - 1];
  const startMs = createdMs ?? (Number.isFinite(firstMs) ? firstMs : 0);
  const endMs = last?.endMs ?? (Number.isFinite(lastMs) ? lastMs : startMs);
  return {
    id,
    title,
    createdMs,
    startMs,
    endMs: Math.max(endMs, startMs),
    outcome: last?.outcome ?? 'open',
    attempts,
    messages,
    statuses,
    names,
    agents,
  };
}

/** The attempt a time belongs to (the last one that began waiting at or before it). */
export function attemptAt(story: TaskStory, t: number): Attempt | null {
  let found: Attempt | null = null;
  for (const a of story.attempts) if (a.waitFromMs <= t) found = a;
  return found ?? story.attempts[0] ?? null;
}
