/**
 * Latencies of a task: each request to its reply (a question to its answer, a review request
 * to its review), assignment to start, and each agent's busy time on the task. Pure.
 */
import { eventTime, type MessageEvent } from '@/lib/replay/event';
import type { TaskStory } from './story';

/** Request type → the reply type that answers it. */
export const REPLY_TO: Readonly<Record<string, string>> = {
  question: 'answer',
  code_review_request: 'code_review',
};
const REPLY_TYPES: ReadonlySet<string> = new Set(Object.values(REPLY_TO));

export type Pair = {
  ask: MessageEvent;
  /** null: never answered (within what was read). */
  reply: MessageEvent | null;
  /** Reply time − ask time, ms (null when unanswered). */
  ms: number | null;
};

export type Pairing = {
  pairs: Pair[];
  /** Replies that answer no earlier request. */ orphans: MessageEvent[];
};

/**
 * Pairs requests with replies as messages arrive (stream order): a reply is the next message
 * of the reply type from the asked agent back to the asker in the same task. Several open
 * requests to the same asker are answered first-in first-out; a broadcast request (no
 * recipient) takes the first reply of its type to the asker.
 */
export class Pairer {
  // Open requests per "task, reply type, asker": replies look them up in order.
  private open = new Map<string, Pair[]>();

  /** Takes one message: a new open request (returned), the request it answers (returned, now closed), an orphan reply, or null. */
  push(m: MessageEvent): { opened?: Pair; closed?: Pair; orphan?: MessageEvent } | null {
    const want = REPLY_TO[m.type];
    if (want !== undefined) {
      const p: Pair = { ask: m, reply: null, ms: null };
      const k = keyOf(m.task, want, m.from);
      const q = this.open.get(k);
      if (q) q.push(p);
      else this.open.set(k, [p]);
      return { opened: p };
    }
    if (!REPLY_TYPES.has(m.type)) return null;
    const q = m.to === null ? undefined : this.open.get(keyOf(m.task, m.type, m.to));
    const i = q ? q.findIndex((p) => p.ask.to === m.from || p.ask.to === null) : -1;
    if (!q || i < 0) return { orphan: m };
    const p = q[i] as Pair;
    q.splice(i, 1);
    if (q.length === 0) this.open.delete(keyOf(m.task, m.type, m.to as string));
    p.reply = m;
    p.ms = eventTime(m) - eventTime(p.ask);
    return { closed: p };
  }
}

const keyOf = (task: string | null, type: string, asker: string) =>
  `${task ?? ''}\u0000${type}\u0000${asker}`;

/** Pairs the requests and replies of `messages` (stream order); see Pairer. */
export function pairRequests(messages: readonly MessageEvent[]): Pairing {
  const pairs: Pair[] = [];
  const orphans: MessageEvent[] = [];
  const pairer = new Pairer();
  for (const m of messages) {
    const r = pairer.push(m);
    if (r?.opened) pairs.push(r.opened);
    if (r?.orphan) orphans.push(r.orphan);
  }
  return { pairs, orphans };
}

export type BusySpan = { agent: string; fromMs: number; toMs: number };

/**
 * Each agent's busy spans on the task: from a `busy` status naming the task to that agent's
 * next status change, else the end of the attempt it was working on, else the task's end.
 */
export function busySpans(story: TaskStory): BusySpan[] {
  const out: BusySpan[] = [];
  const openAt = new Map<string, number>();
  const close = (agent: string, t: number) => {
    const from = openAt.get(agent);
    if (from === undefined) return;
    openAt.delete(agent);
    out.push({ agent, fromMs: from, toMs: Math.max(from, t) });
  };
  for (const s of story.statuses) {
    const t = eventTime(s);
    close(s.agent, t);
    if (s.status === 'busy') openAt.set(s.agent, t);
  }
  for (const [agent, from] of [...openAt]) {
    const a = story.attempts.find(
      (x) => x.assignee === agent && x.endMs !== null && x.endMs >= from,
    );
    close(agent, a?.endMs ?? story.endMs);
  }
  return out.sort((a, b) => a.fromMs - b.fromMs);
}

/** Total busy ms per agent. */
export function busyTotals(spans: readonly BusySpan[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of spans) m.set(s.agent, (m.get(s.agent) ?? 0) + s.toMs - s.fromMs);
  return m;
}

/** Assignment → start per attempt (null when it never started). */
export function assignToStart(story: TaskStory): { attempt: number; ms: number | null }[] {
  return story.attempts.map((a) => ({
    attempt: a.n,
    ms: a.assignedMs !== null && a.startedMs !== null ? a.startedMs - a.assignedMs : null,
  }));
}
