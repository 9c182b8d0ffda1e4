/**
 * The Agent Squad event contract: one reader per kind (message, status, task) with one set of
 * rules for what is required and what is tolerated. Browse decodes through it; replay's and the
 * timeline's hot-loop decoders are tested against it (contract.corpus.test.ts), event by event.
 *
 * Rules, for a payload on `agent.<kind>.<a>.<b>`:
 * - The payload is a JSON object in UTF-8, else the message is off-contract (generic). Extra fields are
 *   ignored; the stored bytes are never altered.
 * - message: `sender_id` (a non-empty string) and `content` (a string) are required, as in the
 *   seed's `send_message`. `message_type` falls back to the subject's last token, the sender's
 *   role (`metadata.sender_role`) to the subject's third. A missing `recipient_id` is a broadcast.
 * - status: `agent_id` and `status` from the payload, else the subject's tokens.
 * - task: `task_id` and `event` from the payload, else the subject's tokens.
 * - Optional fields of the wrong type are treated as absent; empty optional strings as absent.
 * - `created_at`: RFC 3339, or a naive ISO time without an offset (Python's
 *   `datetime.utcnow().isoformat()`), read as UTC and flagged `createdNaive`; microseconds and
 *   a space for the `T` are accepted. Missing or unreadable: null (views use stream time).
 */
// Plain checks, not a schema library: the contract is read on every page's first row, and
// zod (~110 KB of script, the app's only use of it) sat on each cold page's critical path.
// No eval either, so nothing probes the CSP.

export type AgentTime = {
  createdAt: string | null;
  createdMs: number | null;
  createdNaive: boolean;
};

export type ContractMessage = AgentTime & {
  kind: 'message';
  id: string;
  senderId: string;
  senderRole: string | null;
  senderName: string | null;
  /** null = broadcast to the squad. */
  recipientId: string | null;
  recipientRole: string | null;
  recipientName: string | null;
  type: string;
  task: string | null;
  content: string;
  metadata: Record<string, unknown> | null;
};

export type ContractStatus = AgentTime & {
  kind: 'status';
  id: string;
  agent: string;
  role: string | null;
  name: string | null;
  status: string;
  previous: string | null;
  reason: string | null;
  task: string | null;
};

export type ContractTask = AgentTime & {
  kind: 'task';
  id: string;
  task: string;
  event: string;
  title: string | null;
  assignee: string | null;
  assigneeRole: string | null;
  createdBy: string | null;
  retries: number | null;
  progress: number | null;
  reason: string | null;
};

export type ContractEvent = ContractMessage | ContractStatus | ContractTask;

// Optional fields: a value of the wrong type (or an empty string) reads as absent (null).
const optStr = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const optNum = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;
const optObj = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const reqStr = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * Whether payload bytes can hold a JSON object: `{` after JSON whitespace (and a UTF-8 BOM,
 * which decoding drops). The hot-loop decoders skip the parse for anything else.
 */
export function mayBeJsonObject(d: Uint8Array): boolean {
  let i = d[0] === 0xef && d[1] === 0xbb && d[2] === 0xbf ? 3 : 0;
  while (i < d.length && (d[i] === 0x20 || d[i] === 0x0a || d[i] === 0x0d || d[i] === 0x09)) i++;
  return d[i] === 0x7b;
}

/** The event kind an `agent.<kind>.…` subject carries by the naming convention, else null. */
export function subjectKind(subject: string): ContractEvent['kind'] | null {
  if (subject.startsWith('agent.message.')) return 'message';
  if (subject.startsWith('agent.status.')) return 'status';
  if (subject.startsWith('agent.task.')) return 'task';
  return null;
}

/** The subject token at `i` (agent.status.<id>.<status>: 2 is the id), or null when absent or empty. */
export function subjectToken(subject: string, i: number): string | null {
  const t = subject.split('.')[i];
  return t ? t : null;
}

const NAIVE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
const OFFSET = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An agent's `created_at` as epoch ms. A time without an offset is read as UTC (`naive`), not
 * as the browser's local time, which is what `Date.parse` would do.
 */
export function parseAgentTime(v: unknown): { ms: number; naive: boolean } | null {
  if (typeof v !== 'string' || v.length > 64) return null;
  const naive = NAIVE.exec(v);
  const m = naive ?? OFFSET.exec(v);
  if (!m) return null;
  let off = naive ? 'Z' : (m[3] as string).toUpperCase();
  if (off.length === 5) off = `${off.slice(0, 3)}:${off.slice(3)}`;
  // Date.parse keeps milliseconds only: trim longer fractions (microseconds) first.
  const time = (m[2] as string).replace(/(\.\d{3})\d+$/, '$1');
  const ms = Date.parse(`${m[1]}T${time}${off}`);
  return Number.isFinite(ms) ? { ms, naive: naive !== null } : null;
}

function agentTime(v: string | null): AgentTime {
  const t = parseAgentTime(v);
  return { createdAt: v, createdMs: t ? t.ms : null, createdNaive: t ? t.naive : false };
}

const metaStr = (md: Record<string, unknown> | null, k: string): string | null => {
  const v = md?.[k];
  return typeof v === 'string' && v !== '' ? v : null;
};

/**
 * Reads a decoded JSON payload on `subject` as an Agent Squad event, or null when it is
 * off-contract (then views show it as a generic message).
 */
export function readContract(subject: string, value: unknown): ContractEvent | null {
  const kind = subjectKind(subject);
  if (!kind || typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  // Only the contract's keys are looked at (never a walk over every key of the payload).
  const v = value as Record<string, unknown>;
  const own = (k: string): unknown => (Object.hasOwn(v, k) ? v[k] : undefined);
  if (kind === 'message') {
    const senderId = own('sender_id');
    const content = own('content');
    const type = optStr(own('message_type')) ?? subjectToken(subject, 3);
    if (!reqStr(senderId) || typeof content !== 'string' || !reqStr(type)) return null;
    const metadata = optObj(own('metadata'));
    return {
      kind: 'message',
      id: optStr(own('id')) ?? '',
      senderId,
      senderRole: metaStr(metadata, 'sender_role') ?? subjectToken(subject, 2),
      senderName: metaStr(metadata, 'sender_name'),
      recipientId: optStr(own('recipient_id')),
      recipientRole: metaStr(metadata, 'recipient_role'),
      recipientName: metaStr(metadata, 'recipient_name'),
      type,
      task: optStr(own('task_execution_id')),
      content,
      metadata,
      ...agentTime(optStr(own('created_at'))),
    };
  }
  if (kind === 'status') {
    const agent = optStr(own('agent_id')) ?? subjectToken(subject, 2);
    const status = optStr(own('status')) ?? subjectToken(subject, 3);
    if (!reqStr(agent) || !reqStr(status)) return null;
    return {
      kind: 'status',
      id: optStr(own('id')) ?? '',
      agent,
      role: optStr(own('agent_role')),
      name: optStr(own('agent_name')),
      status,
      previous: optStr(own('previous_status')),
      reason: optStr(own('reason')),
      task: optStr(own('task_execution_id')),
      ...agentTime(optStr(own('created_at'))),
    };
  }
  const task = optStr(own('task_id')) ?? subjectToken(subject, 2);
  const event = optStr(own('event')) ?? subjectToken(subject, 3);
  if (!reqStr(task) || !reqStr(event)) return null;
  return {
    kind: 'task',
    id: optStr(own('id')) ?? '',
    task,
    event,
    title: optStr(own('title')),
    assignee: optStr(own('assignee_id')),
    assigneeRole: optStr(own('assignee_role')),
    createdBy: optStr(own('created_by')),
    retries: optNum(own('retries')),
    progress: optNum(own('progress')),
    reason: optStr(own('reason')),
    ...agentTime(optStr(own('created_at'))),
  };
}
