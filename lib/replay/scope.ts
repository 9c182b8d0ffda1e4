/**
 * What a replay reads: the range (`from`/`to` as a sequence or an ISO time, `at`) and the
 * scope (one task, one agent, a subject filter, or everything), parsed from URL values,
 * plus the client-side match for scopes no single nats-server 2.9 filter can express.
 */
import { parseAgentTime } from '@/lib/agents/contract';
import { validateSubjectFilter } from '@/lib/nats/subjects';
import type { ReplayEvent } from './event';

/** With only `at`, the range starts this many sequences earlier (context before the moment). */
export const AT_CONTEXT = 2_000;
/** A task scope reads this far past the task's last lifecycle event (its trailing status events). */
export const TASK_TAIL = 500;

export type Bound = { kind: 'seq'; seq: number } | { kind: 'time'; ms: number; iso: string };

export type ReplaySpec = {
  from: Bound | null;
  to: Bound | null;
  at: number | null;
  task: string | null;
  agent: string | null;
  filter: string | null;
};

export type ParsedSpec = { spec: ReplaySpec; errors: string[] };

/** Parses a range bound: a positive integer is a sequence, anything else must be an ISO time (UTC without a zone). */
export function parseBound(
  v: string | null | undefined,
  name: string,
): { bound: Bound | null; error?: string } {
  const t = (v ?? '').trim();
  if (!t) return { bound: null };
  if (/^\d+$/.test(t)) {
    const seq = Number(t);
    if (seq < 1 || !Number.isSafeInteger(seq))
      return { bound: null, error: `"${name}" must be a sequence ≥ 1 or an ISO time.` };
    return { bound: { kind: 'seq', seq } };
  }
  // A time without a zone is UTC (as the agents' naive created_at): a link means one range for
  // everyone, whatever zone the browser that opens it is in.
  const ms = parseAgentTime(t)?.ms ?? Date.parse(t);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}/.test(t)) {
    return {
      bound: null,
      error: `"${name}=${t}" is neither a sequence number nor an ISO time like 2026-01-01T12:00:00Z.`,
    };
  }
  return { bound: { kind: 'time', ms, iso: new Date(ms).toISOString() } };
}

/**
 * Whether a range may hold more than `n` messages, known before reading it: only a sequence
 * range shorter than that and a task's scope (the span of its lifecycle events) are short.
 */
export function mayExceed(spec: ReplaySpec, n: number): boolean {
  if (spec.task) return false;
  if (spec.from?.kind === 'seq' && spec.to?.kind === 'seq')
    return spec.to.seq - spec.from.seq + 1 > n;
  return true;
}

const token = (v: string | null | undefined) => (v ?? '').trim() || null;

/** Parses the replay's URL values; errors are sentences a user can act on. */
export function parseSpec(p: {
  from?: string | null;
  to?: string | null;
  at?: string | number | null;
  task?: string | null;
  agent?: string | null;
  filter?: string | null;
}): ParsedSpec {
  const errors: string[] = [];
  const from = parseBound(p.from, 'from');
  const to = parseBound(p.to, 'to');
  if (from.error) errors.push(from.error);
  if (to.error) errors.push(to.error);
  let at: number | null = null;
  if (p.at !== null && p.at !== undefined && String(p.at).trim() !== '') {
    const n = Number(p.at);
    if (Number.isSafeInteger(n) && n >= 1) at = n;
    else errors.push(`"at=${p.at}" must be a sequence number ≥ 1.`);
  }
  const filter = token(p.filter);
  if (filter) {
    const c = validateSubjectFilter(filter);
    if (!c.ok) errors.push(`Subject filter "${filter}": ${c.error}`);
  }
  const f = from.bound;
  const t = to.bound;
  if (
    f &&
    t &&
    f.kind === t.kind &&
    (f.kind === 'seq' ? f.seq > (t as { seq: number }).seq : f.ms > (t as { ms: number }).ms)
  ) {
    errors.push('"from" is after "to": swap them.');
  }
  return {
    spec: { from: f, to: t, at, task: token(p.task), agent: token(p.agent), filter },
    errors,
  };
}

/** True when `v` can be one subject token (so `agent.task.<v>.>` is a valid filter). */
export function isSubjectToken(v: string): boolean {
  return /^[^\s.*>]+$/.test(v);
}

/** The client-side match of a task/agent scope (null = keep everything the read returns). */
export function scopeMatcher(
  spec: Pick<ReplaySpec, 'task' | 'agent'>,
): ((e: ReplayEvent) => boolean) | null {
  const { task, agent } = spec;
  if (!task && !agent) return null;
  return (e) => {
    if (e.kind === 'generic') return false;
    if (task && e.task !== task) return false;
    if (!agent) return true;
    switch (e.kind) {
      case 'message':
        return e.from === agent || e.to === agent || e.to === null;
      case 'status':
        return e.agent === agent;
      case 'task':
        return e.assignee === agent;
    }
  };
}

/** One-line description of a scope for headings and file names. */
export function describeScope(spec: ReplaySpec): string {
  const parts: string[] = [];
  if (spec.task) parts.push(`task ${spec.task}`);
  if (spec.agent) parts.push(`agent ${spec.agent}`);
  if (spec.filter) parts.push(`subjects ${spec.filter}`);
  return parts.length ? parts.join(' · ') : 'whole stream';
}

/**
 * Whether the resting playhead `seq` should be written to the URL's `at`. `at` is the URL's
 * value now, `armedAt` its value when the playhead came to rest, `written` our last write.
 * `at` changed meanwhile to something we did not write means a link or back/forward: that
 * `at` wins (the seek follows it; writing our older position would overwrite the history
 * entry just navigated to). A change to our own write is not one: the URL's `at` reaches
 * React a render late, so a playhead moved just after a write arms with the `at` before it.
 */
export function shouldWriteAt(
  seq: number,
  at: number | null,
  armedAt: number | null,
  written: number | null,
): boolean {
  if (seq === at) return false;
  return at === armedAt || at === written;
}
