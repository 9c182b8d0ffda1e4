/**
 * The timeline follows several subject filters but reads them with ONE ordered consumer: three
 * consumers (nats-server 2.9 allows one filter each) deliver at different speeds, so the page
 * had to hold events until the slowest filter caught up (a sequence watermark) — up to 150 ms
 * of added latency at 2,000 events/s, plus three pull loops. One consumer delivers in sequence
 * order by construction; it reads the narrowest single filter covering all of them and the
 * messages outside them are dropped here.
 */
import { subjectMatches } from '@/lib/nats/subjects';

/**
 * The narrowest single filter that covers every filter: their shared leading literal tokens
 * followed by `>`; undefined (the whole stream) when they share none.
 */
export function coveringFilter(filters: readonly string[]): string | undefined {
  if (filters.length === 0) return undefined;
  if (filters.length === 1) return filters[0];
  const split = filters.map((f) => f.split('.'));
  const shared: string[] = [];
  for (let i = 0; ; i++) {
    const t = split[0]![i];
    // A wildcard ends the literal prefix (and the last token of a filter is never shared
    // as a prefix: `a.b` and `a.b.>` share `a.` only).
    if (t === undefined || t === '*' || t === '>') break;
    if (!split.every((s) => s[i] === t && i < s.length - 1)) break;
    shared.push(t);
  }
  return shared.length ? `${shared.join('.')}.>` : undefined;
}

/** A predicate for the subjects the timeline shows; fast path for `prefix.>` filters. */
export function subjectFilter(filters: readonly string[]): (subject: string) => boolean {
  const prefixes: string[] = [];
  const others: string[] = [];
  for (const f of filters) {
    const literalPrefix = f.endsWith('.>') && !f.slice(0, -2).split('.').includes('*');
    if (literalPrefix) prefixes.push(f.slice(0, -1));
    else others.push(f);
  }
  return (subject) => {
    for (const p of prefixes) if (subject.length > p.length && subject.startsWith(p)) return true;
    for (const f of others) if (subjectMatches(f, subject)) return true;
    return false;
  };
}
