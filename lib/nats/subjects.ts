/**
 * NATS subject filters: validation with a human message, matching with `*` and `>`.
 * Pure; used by every view that takes a filter.
 */

export type SubjectCheck = { ok: true } | { ok: false; error: string };

/** The filter when it narrows the subjects read; undefined for none (null, '') or `>`. */
export function narrowing(filter: string | null | undefined): string | undefined {
  return filter && filter !== '>' ? filter : undefined;
}

/** Validates a subject filter as nats-server does (tokens, `*`, `>` last), with a clear reason. */
export function validateSubjectFilter(filter: string): SubjectCheck {
  if (filter.length === 0)
    return { ok: false, error: 'The filter is empty. Use ">" for every subject.' };
  if (/\s/.test(filter))
    return { ok: false, error: 'Subjects cannot contain spaces or other white space.' };
  if (filter.length > 4096)
    return { ok: false, error: 'The filter is longer than 4,096 characters.' };
  const tokens = filter.split('.');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t === '') {
      const where =
        i === 0
          ? 'at the start'
          : i === tokens.length - 1
            ? 'at the end'
            : `after "${tokens.slice(0, i).join('.')}"`;
      return {
        ok: false,
        error: `Empty token ${where}: two dots in a row or a leading/trailing dot.`,
      };
    }
    if (t === '>' && i !== tokens.length - 1) {
      return {
        ok: false,
        error: '">" matches the rest of a subject, so it must be the last token.',
      };
    }
    if (t !== '>' && t !== '*' && (t.includes('*') || t.includes('>'))) {
      return {
        ok: false,
        error: `"${t}": wildcards "*" and ">" must stand alone as a whole token.`,
      };
    }
  }
  return { ok: true };
}

/** True when a concrete subject is valid to publish on (no wildcards, no empty tokens). */
export function isLiteralSubject(subject: string): boolean {
  return (
    validateSubjectFilter(subject).ok && !subject.split('.').some((t) => t === '*' || t === '>')
  );
}

/** True when `subject` (literal) matches `filter` (may contain `*` and a trailing `>`). */
export function subjectMatches(filter: string, subject: string): boolean {
  if (filter === '>') return subject.length > 0;
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    const ft = f[i];
    if (ft === '>') return s.length > i;
    const st = s[i];
    if (st === undefined) return false;
    if (ft !== '*' && ft !== st) return false;
  }
  return f.length === s.length;
}

/** True when every subject matched by `inner` is matched by `outer`. */
export function filterCovers(outer: string, inner: string): boolean {
  const o = outer.split('.');
  const n = inner.split('.');
  for (let i = 0; i < o.length; i++) {
    const ot = o[i];
    const nt = n[i];
    if (ot === '>') return nt !== undefined;
    if (nt === undefined) return false;
    if (nt === '>') return false;
    if (ot === '*') continue;
    if (nt === '*' || ot !== nt) return false;
  }
  return o.length === n.length;
}

/** True when some literal subject is matched by both filters (`a.*` and `*.b` overlap on `a.b`). */
export function filtersOverlap(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const xt = x[i];
    const yt = y[i];
    // `>` needs at least one token, which the other side has at this position.
    if (xt === '>') return yt !== undefined;
    if (yt === '>') return xt !== undefined;
    if (xt === undefined || yt === undefined) return false;
    if (xt !== '*' && yt !== '*' && xt !== yt) return false;
  }
  return true;
}

/**
 * How a read filter fits a stream's subjects, which decides how the stream can be read:
 * - `all`: no filter (or `>`), or a stream without subjects of its own (a mirror or sourced
 *   stream: the server puts no subset rule on consumer filters there);
 * - `subset`: every subject it matches is within one stream subject: a consumer can filter
 *   with it (nats-server 2.9 refuses any other consumer filter: "consumer filter subject is
 *   not a valid subset of the interest subjects");
 * - `partial`: it overlaps the stream's subjects but is not within one of them (`agent.*.*.*`
 *   on `agent.message.>`, `agent.status.>`): read by message get with next_by_subj, or
 *   unfiltered with the subject matched here;
 * - `disjoint`: it overlaps none of them, so nothing stored can match (an empty read).
 */
export type FilterFit = 'all' | 'subset' | 'partial' | 'disjoint';

export function filterFit(
  streamSubjects: readonly string[] | undefined,
  filter?: string,
): FilterFit {
  const f = narrowing(filter);
  if (!f || !streamSubjects || streamSubjects.length === 0) return 'all';
  if (streamSubjects.some((s) => filterCovers(s, f))) return 'subset';
  return streamSubjects.some((s) => filtersOverlap(s, f)) ? 'partial' : 'disjoint';
}
