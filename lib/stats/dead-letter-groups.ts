/**
 * Dead letters grouped by why they died (max deliveries, or terminated with the worker's
 * reason), the original's subject and its message type, with counts: what a user triages
 * first ("40 terminated `agent.message.coder.review` messages"). Pure; the originals' rows
 * (lib/browse/rows.ts, the message table's decoding) come from the page's reads.
 */
import { agentLabel, type Row } from '../browse/rows';
import type { DeadLetter } from './advisories';

export type DeadLetterGroup = {
  key: string;
  /** "max deliveries", "terminated: <reason>" or "terminated (no reason given)". */
  reason: string;
  /**
   * The original's subject with its per-agent or per-task token as `*` (`agent.status.*.busy`):
   * one group per kind of message, not per agent; null while unknown (not read yet, or gone).
   */
  subject: string | null;
  /** Its message type (status, task event) from the decoded original, or null. */
  type: string | null;
  count: number;
  latestMs: number;
  /** The newest dead letter of the group's original sequence (a link target). */
  latestSeq: number;
};

/** Why `d` is a dead letter, in words, with the advisory's reason when the server gives one. */
export function deadLetterReason(d: Pick<DeadLetter, 'kind' | 'reason'>): string {
  if (d.kind === 'max-deliveries')
    return d.reason ? `max deliveries: ${d.reason}` : 'max deliveries';
  return d.reason ? `terminated: ${d.reason}` : 'terminated (no reason given)';
}

/**
 * Groups `items` by reason, subject and type, largest first. `originals` maps a stream
 * sequence to its row (null: gone from the stream; absent: not read yet).
 */
export function groupDeadLetters(
  items: readonly DeadLetter[],
  originals: ReadonlyMap<number, Row | null>,
): DeadLetterGroup[] {
  const groups = new Map<string, DeadLetterGroup>();
  for (const d of items) {
    const row = originals.get(d.streamSeq) ?? null;
    const reason = deadLetterReason(d);
    const subject = row ? subjectPattern(row.subject) : null;
    const type = row && row.type !== '' ? row.type : null;
    const key = `${reason}\u0000${subject ?? ''}\u0000${type ?? ''}`;
    const g = groups.get(key);
    if (g) {
      g.count++;
      if (d.timeMs > g.latestMs) {
        g.latestMs = d.timeMs;
        g.latestSeq = d.streamSeq;
      }
    } else
      groups.set(key, {
        key,
        reason,
        subject,
        type,
        count: 1,
        latestMs: d.timeMs,
        latestSeq: d.streamSeq,
      });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.latestMs - a.latestMs);
}

/**
 * `subject` with the id token of a status or task subject as `*` (`agent.status.<id>.<status>`,
 * `agent.task.<id>.<event>`); message subjects (`agent.message.<role>.<type>`) and others as is.
 */
export function subjectPattern(subject: string): string {
  const t = subject.split('.');
  if (t.length === 4 && t[0] === 'agent' && (t[1] === 'status' || t[1] === 'task'))
    return `agent.${t[1]}.*.${t[3]}`;
  return subject;
}

/** The message table's one-line description of a row: type, sender → recipient, preview. */
export function rowSummary(r: Row): string {
  const from = r.from ? agentLabel(r.from) : '';
  const who = from || r.to ? `${from || '?'}${r.to ? ` → ${agentLabel(r.to)}` : ''}` : '';
  return [r.type, who, r.preview].filter(Boolean).join(' · ');
}
