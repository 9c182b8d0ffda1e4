/**
 * Per-subject counts (STREAM.INFO subjects_filter) grouped the ways an operator asks about
 * the Agent Squad: by kind (message/status/task), sender role, message type and agent.
 * Subjects outside the contract fall into an "other" group instead of being dropped.
 */

export type SubjectRow = { subject: string; count: number };
export type GroupBy = 'kind' | 'role' | 'type' | 'agent';
export type GroupRow = { key: string; count: number; subjects: number };

/** The parts of an agent subject: agent.message.<role>.<type>, agent.status.<agent>.<status>, agent.task.<task>.<event>. */
export function parseAgentSubject(subject: string): {
  kind: string;
  role?: string;
  type?: string;
  agent?: string;
} {
  const t = subject.split('.');
  if (t[0] !== 'agent' || t.length < 4) return { kind: 'other' };
  if (t[1] === 'message') return { kind: 'message', role: t[2], type: t[3] };
  if (t[1] === 'status') return { kind: 'status', agent: t[2], type: t[3] };
  if (t[1] === 'task') return { kind: 'task', type: t[3] };
  return { kind: 'other' };
}

/** Key of a subject under `by`, or null when the subject has no such part. */
export function groupKey(subject: string, by: GroupBy): string | null {
  const p = parseAgentSubject(subject);
  switch (by) {
    case 'kind':
      return p.kind;
    case 'role':
      return p.role ?? null;
    case 'type':
      // Status subjects end in a status and task subjects in an event; prefix them apart.
      return p.type ? (p.kind === 'message' ? p.type : `${p.kind}:${p.type}`) : null;
    case 'agent':
      return p.agent ?? null;
  }
}

/** Sums counts per group, largest first (ties by key). Subjects without the part are skipped. */
export function groupSubjects(rows: readonly SubjectRow[], by: GroupBy): GroupRow[] {
  const m = new Map<string, GroupRow>();
  for (const r of rows) {
    const k = groupKey(r.subject, by);
    if (k === null) continue;
    const g = m.get(k) ?? { key: k, count: 0, subjects: 0 };
    g.count += r.count;
    g.subjects += 1;
    m.set(k, g);
  }
  return [...m.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** STREAM.INFO's subjects map as rows. */
export function subjectRows(subjects: Record<string, number> | undefined): SubjectRow[] {
  return Object.entries(subjects ?? {}).map(([subject, count]) => ({ subject, count }));
}

export type SubjectSort = 'count-desc' | 'count-asc' | 'subject-asc' | 'subject-desc';

/** Sorted copy of the rows. */
export function sortSubjects(rows: readonly SubjectRow[], sort: SubjectSort): SubjectRow[] {
  const out = rows.slice();
  const bySubject = (a: SubjectRow, b: SubjectRow) =>
    a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0;
  switch (sort) {
    case 'count-desc':
      return out.sort((a, b) => b.count - a.count || bySubject(a, b));
    case 'count-asc':
      return out.sort((a, b) => a.count - b.count || bySubject(a, b));
    case 'subject-asc':
      return out.sort(bySubject);
    case 'subject-desc':
      return out.sort((a, b) => bySubject(b, a));
  }
}

/** The `n` busiest subjects with their share of all messages. */
export function topTalkers(
  rows: readonly SubjectRow[],
  n: number,
): (SubjectRow & { share: number })[] {
  const total = rows.reduce((s, r) => s + r.count, 0);
  return sortSubjects(rows, 'count-desc')
    .slice(0, n)
    .map((r) => ({ ...r, share: total > 0 ? r.count / total : 0 }));
}
