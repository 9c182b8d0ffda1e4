/** Builders for timeline unit tests. */
import type { TimelineEvent } from './event';

let nextSeq = 1;

/** A TimelineEvent with defaults; `seq` auto-increments unless given. */
export function ev(p: Partial<TimelineEvent> & Pick<TimelineEvent, 'kind'>): TimelineEvent {
  return {
    seq: p.seq ?? nextSeq++,
    timeMs: p.timeMs ?? 0,
    subject: p.subject ?? `agent.${p.kind}.x`,
    agentId: null,
    agentRole: null,
    agentName: null,
    what: null,
    taskId: null,
    detail: null,
    retries: 0,
    raw: null,
    ...p,
  };
}
