/**
 * Search pushed down to the server: the subjects a structured search can match, from the
 * subject naming convention (agent.message.<sender_role>.<message_type>,
 * agent.status.<agent_id>.<status>, agent.task.<task_id>.<event>), so that a scan reads only
 * those (a consumer with `filter_subjects` on 2.10+, one filter on 2.9) instead of the whole
 * stream. The scan still checks every field on what it reads: the list only has to hold every
 * message that could match (a superset), so results equal a full scan's. Pure.
 *
 * Only fields whose value is a subject token by the contract narrow the read:
 * - `type:X`  → agent.message.*.X, agent.status.*.X, agent.task.*.X (message_type / status / event)
 * - `agent:X` → agent.status.X.* plus every message and task event (sender, recipient and
 *   assignee ids are only in the payload)
 * - `task:X`  → agent.task.X.* plus every message and status event (task_execution_id)
 * - `role:X`  → agent.message.X.* (the sender role token of the subject, matched as such)
 * - `status:X` → agent.status.*.X; `event:X` → agent.task.*.X
 * `from:` and `to:` also match ids and names that no subject carries, `header:` and free text
 * are in no subject: they never narrow.
 */
import { filterCovers, filtersOverlap, narrowing } from '@/lib/nats/subjects';
import { formatCount } from '@/lib/format';
import type { SearchQuery } from './search';

/** The convention's three subject spaces; a stream with others is scanned whole. */
export const CONVENTION_ROOTS = ['agent.message.>', 'agent.status.>', 'agent.task.>'] as const;

/** The filter matching exactly the subjects both match, or null when they share none. */
export function intersectFilters(a: string, b: string): string | null {
  if (!filtersOverlap(a, b)) return null;
  const x = a.split('.');
  const y = b.split('.');
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const xt = x[i];
    const yt = y[i];
    if (xt === '>') return [...out, ...y.slice(i)].join('.');
    if (yt === '>') return [...out, ...x.slice(i)].join('.');
    if (xt === undefined || yt === undefined) return out.join('.');
    out.push(xt === '*' ? yt : xt);
  }
}

/** A value usable as one literal subject token (no dot, wildcard or white space). */
function token(v: string | undefined): string | null {
  if (!v) return null;
  return /^[^\s.*>]+$/.test(v) ? v : null;
}

/** Subjects (disjoint filters) each field allows, null when it does not narrow. */
function fieldSubjects(q: SearchQuery): string[][] {
  const lists: string[][] = [];
  // The contract's message types, statuses and events are lower case; the matcher ignores case.
  const type = token(q.type?.toLowerCase());
  if (type)
    lists.push([`agent.message.*.${type}`, `agent.status.*.${type}`, `agent.task.*.${type}`]);
  const agent = token(q.agent);
  if (agent) lists.push(['agent.message.>', `agent.status.${agent}.*`, 'agent.task.>']);
  const task = token(q.task);
  if (task) lists.push(['agent.message.>', 'agent.status.>', `agent.task.${task}.*`]);
  const role = token(q.role);
  if (role) lists.push([`agent.message.${role}.*`]);
  // status:/event: match only status / task events; their subject's last token is the value.
  const status = token(q.status?.toLowerCase());
  if (status) lists.push([`agent.status.*.${status}`]);
  const event = token(q.event?.toLowerCase());
  if (event) lists.push([`agent.task.*.${event}`]);
  return lists;
}

/** Drops filters covered by another of the list (and repeats), keeping the order. */
function withoutCovered(fs: string[]): string[] {
  return fs.filter(
    (f, i) => !fs.some((g, j) => j !== i && filterCovers(g, f) && (f !== g || j < i)),
  );
}

/** Pairwise intersections of two lists of filters (disjoint lists stay disjoint). */
function intersectLists(a: string[], b: string[]): string[] {
  const out: string[] = [];
  for (const x of a)
    for (const y of b) {
      const z = intersectFilters(x, y);
      if (z) out.push(z);
    }
  return withoutCovered(out);
}

/**
 * The subject filters a scan of `q` needs to read on a stream with `streamSubjects`, within
 * the view's own `filter`; null when nothing narrows the read (read as before). An empty list
 * means nothing stored can match. Each filter lies within one stream subject (so a 2.9
 * consumer may take one alone), and no two overlap (as `filter_subjects` requires).
 */
export function pushdownFilters(
  q: SearchQuery,
  filter: string | undefined,
  streamSubjects: readonly string[] | undefined,
): string[] | null {
  const lists = fieldSubjects(q);
  if (lists.length === 0) return null;
  const subjects = streamSubjects ?? [];
  // A stream holding subjects outside the convention (or none of its own: a mirror): the
  // fields say nothing about those messages, so the whole stream is read.
  if (
    subjects.length === 0 ||
    !subjects.every((s) => CONVENTION_ROOTS.some((r) => filterCovers(r, s)))
  )
    return null;
  let fs = lists.reduce((acc, l) => intersectLists(acc, l));
  const f = narrowing(filter);
  if (f) fs = intersectLists(fs, [f]);
  return intersectLists(fs, [...subjects]);
}

/** What the server filtered, for the progress line: "agent.message.*.question" or "3 subjects". */
export function describeFilters(fs: readonly string[]): string {
  if (fs.length === 0) return 'nothing can match';
  if (fs.length <= 3) return fs.join(', ');
  return `${fs.slice(0, 2).join(', ')} and ${fs.length - 2} more subjects`;
}

/**
 * A filter spanning several stream subjects as one filter per subject it overlaps
 * (`agent.*.*.*` on agent.message.>, agent.status.> → agent.message.*.*, agent.status.*.*):
 * each within one subject, none overlapping, for a 2.10+ consumer's `filter_subjects`.
 */
export function splitAcross(streamSubjects: readonly string[], filter: string): string[] {
  return intersectLists([filter], [...streamSubjects]);
}

/**
 * The progress line's word on what the server filtered: "reading 61,204 of 1,000,000
 * messages: only agent.message.*.question" (forward scans know the filtered total from the
 * consumer's or the batch's pending count); null when the server sent every subject.
 */
export function pushdownNote(
  p: { total: number; serverFilters?: readonly string[]; streamMessages?: number },
  direction: 'forward' | 'backward',
): string | null {
  if (!p.serverFilters) return null;
  const only = `only ${describeFilters(p.serverFilters)}`;
  if (direction === 'backward' || p.streamMessages === undefined) return `the server sends ${only}`;
  return `reading ${formatCount(p.total)} of ${formatCount(p.streamMessages)} messages: ${only}`;
}
