/**
 * The timeline's compact event: what the lanes, markers and counters need from one stream
 * message, without the payload bytes (the ring buffer holds up to ~100k of these). Decoding is
 * hand-rolled (JSON.parse + field picks) because it runs for every live message.
 */
import type { StreamMessage } from '@/lib/stream/reader';

export type TimelineKind = 'message' | 'status' | 'task' | 'generic';

export type TimelineEvent = {
  seq: number;
  /** Stream (ingest) time, epoch ms: the time axis. */
  timeMs: number;
  kind: TimelineKind;
  subject: string;
  /** Lane owner: the status agent, the task assignee, or the message sender. */
  agentId: string | null;
  agentRole: string | null;
  agentName: string | null;
  /** status: the new status; task: the lifecycle event; message: the message type. */
  what: string | null;
  taskId: string | null;
  /** task title, status reason, or message recipient name. */
  detail: string | null;
  retries: number;
};

const utf8 = new TextDecoder('utf-8');

const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The subject token at `i` (agent.status.<id>.<status> → i=2 is the id). */
function token(subject: string, i: number): string | null {
  return subject.split('.')[i] ?? null;
}

function parse(data: Uint8Array): Record<string, unknown> | null {
  if (data.length === 0 || (data[0] !== 0x7b && data[0] !== 0x20 && data[0] !== 0x0a)) return null;
  try {
    const v: unknown = JSON.parse(utf8.decode(data));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Builds the timeline's view of one stream message; off-contract payloads become `generic`. */
export function toTimelineEvent(
  m: Pick<StreamMessage, 'seq' | 'timeMs' | 'subject' | 'data'>,
): TimelineEvent {
  const base: TimelineEvent = {
    seq: m.seq,
    timeMs: m.timeMs,
    kind: 'generic',
    subject: m.subject,
    agentId: null,
    agentRole: null,
    agentName: null,
    what: null,
    taskId: null,
    detail: null,
    retries: 0,
  };
  const p = parse(m.data);
  if (m.subject.startsWith('agent.status.')) {
    const agentId = s(p?.agent_id) ?? token(m.subject, 2);
    const status = s(p?.status) ?? token(m.subject, 3);
    if (!agentId || !status) return base;
    return {
      ...base,
      kind: 'status',
      agentId,
      agentRole: s(p?.agent_role),
      agentName: s(p?.agent_name),
      what: status,
      taskId: s(p?.task_execution_id),
      detail: s(p?.reason),
    };
  }
  if (m.subject.startsWith('agent.task.')) {
    const taskId = s(p?.task_id) ?? token(m.subject, 2);
    const ev = s(p?.event) ?? token(m.subject, 3);
    if (!taskId || !ev) return base;
    return {
      ...base,
      kind: 'task',
      agentId: s(p?.assignee_id),
      agentRole: s(p?.assignee_role),
      what: ev,
      taskId,
      detail: s(p?.title) ?? s(p?.reason),
      retries: typeof p?.retries === 'number' ? p.retries : 0,
    };
  }
  if (m.subject.startsWith('agent.message.')) {
    const meta = (p?.metadata && typeof p.metadata === 'object' ? p.metadata : {}) as Record<
      string,
      unknown
    >;
    return {
      ...base,
      kind: 'message',
      agentId: s(p?.sender_id),
      agentRole: s(meta.sender_role) ?? token(m.subject, 2),
      agentName: s(meta.sender_name),
      what: s(p?.message_type) ?? token(m.subject, 3),
      taskId: s(p?.task_execution_id),
      detail: s(meta.recipient_name),
    };
  }
  return base;
}
