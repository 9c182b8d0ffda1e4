/**
 * Tolerant decoding of stream payloads: bytes → JSON / text / binary, then JSON + subject →
 * an Agent Squad event when it fits the contract (lib/agents/contract.ts), else a generic message. Never throws;
 * never alters the bytes (views keep the original `Uint8Array`).
 */
import {
  readContract,
  type ContractMessage,
  type ContractStatus,
  type ContractTask,
} from './contract';
import type { AgentMessage, AgentStatusEvent, AgentTaskEvent } from './schema';

export type Payload =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'binary' };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes raw payload bytes: JSON when it parses, text when valid UTF-8, else binary. */
export function decodePayload(data: Uint8Array): Payload {
  if (data.length === 0) return { kind: 'empty' };
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return { kind: 'binary' };
  }
  // Control characters other than whitespace mean "binary" for display purposes.
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.length > 4096 ? text.slice(0, 4096) : text)) {
    return { kind: 'binary' };
  }
  const first = text.trimStart().charAt(0);
  if (first === '{' || first === '[') {
    try {
      return { kind: 'json', value: JSON.parse(text), text };
    } catch {
      return { kind: 'text', text };
    }
  }
  return { kind: 'text', text };
}

export type DecodedEvent =
  | { kind: 'message'; message: AgentMessage; contract: ContractMessage }
  | { kind: 'status'; status: AgentStatusEvent; contract: ContractStatus }
  | { kind: 'task'; task: AgentTaskEvent; contract: ContractTask }
  | { kind: 'generic' };

/**
 * Classifies a decoded payload by its subject and shape (the rules are lib/agents/contract.ts);
 * anything off-contract is generic. The seed-shaped record carries display defaults.
 */
export function classify(subject: string, payload: Payload): DecodedEvent {
  if (payload.kind !== 'json') return { kind: 'generic' };
  const c = readContract(subject, payload.value);
  if (!c) return { kind: 'generic' };
  const created_at = c.createdAt ?? '';
  if (c.kind === 'message') {
    return {
      kind: 'message',
      contract: c,
      message: {
        id: c.id,
        sender_id: c.senderId,
        recipient_id: c.recipientId,
        content: c.content,
        message_type: c.type,
        task_execution_id: c.task,
        metadata: c.metadata as AgentMessage['metadata'],
        created_at,
      },
    };
  }
  if (c.kind === 'status') {
    return {
      kind: 'status',
      contract: c,
      status: {
        id: c.id,
        agent_id: c.agent,
        agent_role: c.role ?? 'unknown',
        agent_name: c.name ?? c.agent,
        status: c.status,
        previous_status: c.previous,
        reason: c.reason,
        task_execution_id: c.task,
        created_at,
      },
    };
  }
  return {
    kind: 'task',
    contract: c,
    task: {
      id: c.id,
      task_id: c.task,
      event: c.event,
      title: c.title ?? c.task,
      assignee_id: c.assignee,
      assignee_role: c.assigneeRole,
      created_by: c.createdBy,
      retries: c.retries ?? 0,
      progress: c.progress,
      reason: c.reason,
      created_at,
    },
  };
}

/** Decodes and classifies in one step. */
export function decodeEvent(
  subject: string,
  data: Uint8Array,
): { payload: Payload; event: DecodedEvent } {
  const payload = decodePayload(data);
  return { payload, event: classify(subject, payload) };
}

/** The task (conversation) an event belongs to: a message's or status's `task_execution_id`, a task event's `task_id`. */
export function taskOf(event: DecodedEvent): string | null {
  if (event.kind === 'message') return event.message.task_execution_id || null;
  if (event.kind === 'status') return event.status.task_execution_id || null;
  if (event.kind === 'task') return event.task.task_id || null;
  return null;
}

/** The `created_at` of an Agent Squad event as epoch ms (a time without an offset read as UTC), or null. */
export function createdAtMs(event: DecodedEvent): number | null {
  return event.kind === 'generic' ? null : event.contract.createdMs;
}
