/**
 * The replay's compact event record and its cheap decoder. Loading must keep up with a bare
 * ordered consumer, so this decodes with one JSON.parse and hand-written field checks (no
 * schema library per message) and keeps only what the views and the projection need.
 * The exact bytes stay on the record (`data`, `headers`) so NDJSON export never alters them.
 */
import type { StreamMessage } from '@/lib/stream/reader';

export type EventKind = 'message' | 'status' | 'task' | 'generic';

type Base = {
  seq: number;
  subject: string;
  /** Stream time, epoch ms. */
  timeMs: number;
  /** Stream time as RFC 3339 (nanoseconds when known). */
  time: string;
  /** created_at from the payload, epoch ms, or null. */
  createdMs: number | null;
  headers: [string, string][];
  data: Uint8Array;
};

export type MessageEvent = Base & {
  kind: 'message';
  id: string;
  from: string;
  fromRole: string | null;
  fromName: string | null;
  /** null = broadcast. */
  to: string | null;
  toRole: string | null;
  toName: string | null;
  type: string;
  task: string | null;
  content: string;
};
export type StatusEvent = Base & {
  kind: 'status';
  agent: string;
  role: string | null;
  name: string | null;
  status: string;
  previous: string | null;
  reason: string | null;
  task: string | null;
};
export type TaskEvent = Base & {
  kind: 'task';
  task: string;
  event: string;
  title: string | null;
  assignee: string | null;
  assigneeRole: string | null;
  retries: number | null;
  progress: number | null;
  reason: string | null;
};
export type GenericEvent = Base & { kind: 'generic' };

export type ReplayEvent = MessageEvent | StatusEvent | TaskEvent | GenericEvent;

const utf8 = new TextDecoder('utf-8', { fatal: false });

const s = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const meta = (v: unknown, k: string): string | null =>
  typeof v === 'object' && v !== null ? s((v as Record<string, unknown>)[k]) : null;

function parseTime(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/** Decodes one stored message into a replay event; anything off-contract becomes generic. */
export function toReplayEvent(m: Pick<StreamMessage, 'seq' | 'subject' | 'timeMs' | 'time' | 'headers' | 'data'>): ReplayEvent {
  const base: Base = { seq: m.seq, subject: m.subject, timeMs: m.timeMs, time: m.time, createdMs: null, headers: m.headers, data: m.data };
  const generic = (): ReplayEvent => ({ ...base, kind: 'generic' });
  const d = m.data;
  // Only JSON objects can be contract events; skip the parse for anything else.
  if (d.length < 2 || d[0] !== 0x7b || !m.subject.startsWith('agent.')) return generic();
  let v: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(utf8.decode(d));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return generic();
    v = parsed as Record<string, unknown>;
  } catch {
    return generic();
  }
  base.createdMs = parseTime(v.created_at);
  const kindToken = m.subject.slice(6, m.subject.indexOf('.', 6));
  if (kindToken === 'message') {
    const from = s(v.sender_id);
    const type = s(v.message_type);
    if (from === null || type === null || !('recipient_id' in v)) return generic();
    return {
      ...base,
      kind: 'message',
      id: s(v.id) ?? '',
      from,
      fromRole: meta(v.metadata, 'sender_role'),
      fromName: meta(v.metadata, 'sender_name'),
      to: s(v.recipient_id),
      toRole: meta(v.metadata, 'recipient_role'),
      toName: meta(v.metadata, 'recipient_name'),
      type,
      task: s(v.task_execution_id),
      content: s(v.content) ?? '',
    };
  }
  if (kindToken === 'status') {
    const agent = s(v.agent_id);
    const status = s(v.status);
    if (agent === null || status === null) return generic();
    return {
      ...base,
      kind: 'status',
      agent,
      role: s(v.agent_role),
      name: s(v.agent_name),
      status,
      previous: s(v.previous_status),
      reason: s(v.reason),
      task: s(v.task_execution_id),
    };
  }
  if (kindToken === 'task') {
    const task = s(v.task_id);
    const event = s(v.event);
    if (task === null || event === null) return generic();
    return {
      ...base,
      kind: 'task',
      task,
      event,
      title: s(v.title),
      assignee: s(v.assignee_id),
      assigneeRole: s(v.assignee_role),
      retries: n(v.retries),
      progress: n(v.progress),
      reason: s(v.reason),
    };
  }
  return generic();
}

/** The time the replay clock uses for an event: created_at when known, else stream time. */
export function eventTime(e: ReplayEvent): number {
  return e.createdMs ?? e.timeMs;
}

/** The task an event belongs to, if any. */
export function eventTask(e: ReplayEvent): string | null {
  return e.kind === 'generic' ? null : e.task;
}
