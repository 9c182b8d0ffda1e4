/**
 * Tolerant decoding of stream payloads: bytes → JSON / text / binary, then JSON + subject →
 * an Agent Squad event when it fits the contract, else a generic message. Never throws;
 * never alters the bytes (views keep the original `Uint8Array`).
 */
import { z } from 'zod';
import type { AgentMessage, AgentStatusEvent, AgentTaskEvent } from './schema';

// No JIT: zod would probe for eval with `new Function("")` on the first parse, which the app's
// CSP (no 'unsafe-eval') reports as a violation in every page and worker that decodes. This
// module is the app's only user of zod, so setting it here covers every bundle.
z.config({ jitless: true });

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

const str = z.string();
const nstr = z.string().nullable().optional();

const messageSchema = z.looseObject({
  id: str,
  sender_id: str,
  recipient_id: z.string().nullable(),
  content: str,
  message_type: str,
  task_execution_id: nstr,
  // Not z.record: that walks every key, seconds for a 200k-key object (checked in the property tests).
  metadata: z.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x)).nullable().optional(),
  created_at: str,
});

const statusSchema = z.looseObject({
  agent_id: str,
  status: str,
  agent_role: nstr,
  agent_name: nstr,
  previous_status: nstr,
  created_at: str,
});

const taskSchema = z.looseObject({
  task_id: str,
  event: str,
  title: nstr,
  assignee_id: nstr,
  assignee_role: nstr,
  created_by: nstr,
  retries: z.number().optional(),
  created_at: str,
});

export type DecodedEvent =
  | { kind: 'message'; message: AgentMessage }
  | { kind: 'status'; status: AgentStatusEvent }
  | { kind: 'task'; task: AgentTaskEvent }
  | { kind: 'generic' };

// The contract's fields (required and optional). Only these are validated and copied, so a
// payload with a million extra keys costs no more than a small one (zod's looseObject and a
// spread would walk every key). The raw payload keeps everything.
const MESSAGE_KEYS = ['id', 'sender_id', 'recipient_id', 'content', 'message_type', 'task_execution_id', 'metadata', 'created_at'];
const STATUS_KEYS = ['id', 'agent_id', 'status', 'agent_role', 'agent_name', 'previous_status', 'reason', 'task_execution_id', 'created_at'];
const TASK_KEYS = ['id', 'task_id', 'event', 'title', 'assignee_id', 'assignee_role', 'created_by', 'retries', 'progress', 'reason', 'created_at'];

function pick(v: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(v)) return out;
  for (const k of keys) if (Object.hasOwn(v, k)) out[k] = (v as Record<string, unknown>)[k];
  return out;
}

/** Classifies a decoded payload by its subject and shape; anything off-contract is generic. */
export function classify(subject: string, payload: Payload): DecodedEvent {
  if (payload.kind !== 'json' || typeof payload.value !== 'object' || payload.value === null) {
    return { kind: 'generic' };
  }
  const raw = payload.value;
  const keys = subject.startsWith('agent.message.')
    ? MESSAGE_KEYS
    : subject.startsWith('agent.status.')
      ? STATUS_KEYS
      : subject.startsWith('agent.task.')
        ? TASK_KEYS
        : null;
  if (!keys) return { kind: 'generic' };
  const v = pick(raw, keys);
  if (subject.startsWith('agent.message.')) {
    const r = messageSchema.safeParse(v);
    if (!r.success) return { kind: 'generic' };
    const m = r.data;
    return {
      kind: 'message',
      message: {
        ...m,
        task_execution_id: m.task_execution_id ?? null,
        metadata: (m.metadata as AgentMessage['metadata']) ?? null,
      } as AgentMessage,
    };
  }
  if (subject.startsWith('agent.status.')) {
    const r = statusSchema.safeParse(v);
    if (!r.success) return { kind: 'generic' };
    const s = r.data;
    return {
      kind: 'status',
      status: {
        ...s,
        id: typeof s.id === 'string' ? s.id : '',
        agent_role: s.agent_role ?? 'unknown',
        agent_name: s.agent_name ?? s.agent_id,
        previous_status: s.previous_status ?? null,
      } as AgentStatusEvent,
    };
  }
  if (subject.startsWith('agent.task.')) {
    const r = taskSchema.safeParse(v);
    if (!r.success) return { kind: 'generic' };
    const t = r.data;
    return {
      kind: 'task',
      task: {
        ...t,
        id: typeof t.id === 'string' ? t.id : '',
        title: t.title ?? t.task_id,
        assignee_id: t.assignee_id ?? null,
        assignee_role: t.assignee_role ?? null,
        created_by: t.created_by ?? null,
        retries: t.retries ?? 0,
      } as AgentTaskEvent,
    };
  }
  return { kind: 'generic' };
}

/** Decodes and classifies in one step. */
export function decodeEvent(subject: string, data: Uint8Array): { payload: Payload; event: DecodedEvent } {
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

/** The `created_at` of an Agent Squad event as epoch ms, or null. */
export function createdAtMs(event: DecodedEvent): number | null {
  const iso =
    event.kind === 'message'
      ? event.message.created_at
      : event.kind === 'status'
        ? event.status.created_at
        : event.kind === 'task'
          ? event.task.created_at
          : null;
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}
