/**
 * Payload builders and encoding for the three Agent Squad event kinds. Each builder writes its
 * keys in one fixed order (the order of the types in lib/agents/schema.ts), so the same inputs
 * always produce the same JSON bytes.
 */
import {
  messageSubject,
  statusSubject,
  taskSubject,
  type AgentMessage,
  type AgentStatusEvent,
  type AgentTaskEvent,
} from '../../lib/agents/schema';

/** One event ready to publish. */
export type SimEvent = {
  subject: string;
  msgId: string;
  headers: Record<string, string>;
  payload: Uint8Array;
  createdAtMs: number;
  kind: 'message' | 'status' | 'task';
};

export type Actor = { id: string; role: string; name: string };

const encoder = new TextEncoder();

function encode(
  kind: SimEvent['kind'],
  subject: string,
  id: string,
  createdAtMs: number,
  body: object,
): SimEvent {
  return {
    subject,
    msgId: id,
    // Nats-Msg-Id = payload id: JetStream drops a re-published copy inside the 2-minute window.
    headers: { 'Nats-Msg-Id': id },
    payload: encoder.encode(JSON.stringify(body)),
    createdAtMs,
    kind,
  };
}

/** Extra metadata keys, written after the sender/recipient keys in the order given. */
export type MetaExtra = ReadonlyArray<readonly [string, string | number | boolean | null]>;

/** An AgentMessage on agent.message.<sender_role>.<message_type>; `to` null = broadcast. */
export function messageEvent(a: {
  id: string;
  from: Actor;
  to: Actor | null;
  type: string;
  content: string;
  taskId: string | null;
  atMs: number;
  extra?: MetaExtra;
}): SimEvent {
  const metadata: NonNullable<AgentMessage['metadata']> = {
    sender_role: a.from.role,
    sender_name: a.from.name,
    recipient_role: a.to ? a.to.role : null,
    recipient_name: a.to ? a.to.name : null,
  };
  for (const [k, v] of a.extra ?? []) metadata[k] = v;
  const body: AgentMessage = {
    id: a.id,
    sender_id: a.from.id,
    recipient_id: a.to ? a.to.id : null,
    content: a.content,
    message_type: a.type,
    task_execution_id: a.taskId,
    metadata,
    created_at: new Date(a.atMs).toISOString(),
  };
  return encode('message', messageSubject(a.from.role, a.type), a.id, a.atMs, body);
}

/** An AgentStatusEvent on agent.status.<agent_id>.<status>. */
export function statusEvent(a: {
  id: string;
  agent: Actor;
  status: string;
  previous: string | null;
  reason: string | null;
  taskId: string | null;
  atMs: number;
}): SimEvent {
  const body: AgentStatusEvent = {
    id: a.id,
    agent_id: a.agent.id,
    agent_role: a.agent.role,
    agent_name: a.agent.name,
    status: a.status,
    previous_status: a.previous,
    reason: a.reason,
    task_execution_id: a.taskId,
    created_at: new Date(a.atMs).toISOString(),
  };
  return encode('status', statusSubject(a.agent.id, a.status), a.id, a.atMs, body);
}

/** An AgentTaskEvent on agent.task.<task_id>.<event>. */
export function taskEvent(a: {
  id: string;
  taskId: string;
  event: string;
  title: string;
  assignee: Actor | null;
  createdBy: string | null;
  retries: number;
  progress: number | null;
  reason: string | null;
  atMs: number;
}): SimEvent {
  const body: AgentTaskEvent = {
    id: a.id,
    task_id: a.taskId,
    event: a.event,
    title: a.title,
    assignee_id: a.assignee ? a.assignee.id : null,
    assignee_role: a.assignee ? a.assignee.role : null,
    created_by: a.createdBy,
    retries: a.retries,
    progress: a.progress,
    reason: a.reason,
    created_at: new Date(a.atMs).toISOString(),
  };
  return encode('task', taskSubject(a.taskId, a.event), a.id, a.atMs, body);
}
