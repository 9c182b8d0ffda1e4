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
import * as z from 'zod/mini';

// zod's mini build (about 16 KB gzipped on a route's first load; the classic API was about
// 30 KB): the contract is read on every page's first row, so its code sits on a cold page's
// critical path. No JIT: zod would probe for eval with `new Function("")` on the first parse,
// which the app's CSP (no 'unsafe-eval') reports as a violation in every page and worker.
z.config({ jitless: true });

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
const optStr = z.pipe(
  z.catch(z.nullish(z.string()), null),
  z.transform((v) => (v ? v : null)),
);
const optNum = z.pipe(
  z.catch(z.nullish(z.number().check(z.refine(Number.isFinite))), null),
  z.transform((v) => v ?? null),
);
const optObj = z.pipe(
  z.catch(
    z.nullish(
      z.custom<Record<string, unknown>>(
        (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
      ),
    ),
    null,
  ),
  z.transform((v) => v ?? null),
);
const reqStr = z.string().check(z.minLength(1));

// Only the contract's keys are looked at (a looseObject would walk a million extra keys).
const messageSchema = z.object({
  id: optStr,
  sender_id: reqStr,
  recipient_id: optStr,
  content: z.string(),
  message_type: reqStr,
  task_execution_id: optStr,
  metadata: optObj,
  created_at: optStr,
});
const statusSchema = z.object({
  id: optStr,
  agent_id: reqStr,
  status: reqStr,
  agent_role: optStr,
  agent_name: optStr,
  previous_status: optStr,
  reason: optStr,
  task_execution_id: optStr,
  created_at: optStr,
});
const taskSchema = z.object({
  id: optStr,
  task_id: reqStr,
  event: reqStr,
  title: optStr,
  assignee_id: optStr,
  assignee_role: optStr,
  created_by: optStr,
  retries: optNum,
  progress: optNum,
  reason: optStr,
  created_at: optStr,
});

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
  const fast = fastAgentTime(v);
  if (fast !== undefined) return fast;
  return regexAgentTime(v);
}

/** True when v[from..to) are ASCII digits. */
function digits(v: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
const num2 = (v: string, i: number) => (v.charCodeAt(i) - 48) * 10 + v.charCodeAt(i + 1) - 48;

// The start of the hour of the last time parsed (its first 13 characters and Date.parse of them):
// times in a stream come in order, so most share the previous one's hour.
let hourKey = '';
let hourMs = NaN;

/**
 * parseAgentTime for the shape nearly every producer writes (`YYYY-MM-DD[T ]hh:mm:ss.fff…`,
 * three or more fraction digits, naive or `Z`), without a regex, string building or a
 * Date.parse per call: the hour's start is parsed once (Date.parse validates the date and
 * the hour) and the minutes, seconds and milliseconds added, which is what Date.parse
 * computes. Undefined for any other shape (or a field out of range): the regex path decides.
 * A unit test holds it to regexAgentTime on generated times.
 */
function fastAgentTime(v: string): { ms: number; naive: boolean } | null | undefined {
  const len = v.length;
  if (len < 23) return undefined;
  const sep = v.charCodeAt(10);
  if (
    v.charCodeAt(4) !== 45 ||
    v.charCodeAt(7) !== 45 ||
    (sep !== 84 && sep !== 32) ||
    v.charCodeAt(13) !== 58 ||
    v.charCodeAt(16) !== 58 ||
    v.charCodeAt(19) !== 46
  )
    return undefined;
  const last = v.charCodeAt(len - 1);
  const zoned = last === 90 || last === 122; // Z or z
  const end = zoned ? len - 1 : len;
  if (end - 20 < 3) return undefined;
  if (
    !digits(v, 0, 4) ||
    !digits(v, 5, 7) ||
    !digits(v, 8, 10) ||
    !digits(v, 11, 13) ||
    !digits(v, 14, 16) ||
    !digits(v, 17, 19) ||
    !digits(v, 20, end)
  )
    return undefined;
  const hh = num2(v, 11);
  const mm = num2(v, 14);
  const ss = num2(v, 17);
  if (hh > 23 || mm > 59 || ss > 59) return undefined;
  if (!(v.startsWith(hourKey) && hourKey.length === 13)) {
    hourKey = v.slice(0, 13);
    hourMs = Date.parse(`${v.slice(0, 10)}T${v.slice(11, 13)}:00:00Z`);
  }
  if (!Number.isFinite(hourMs)) return null;
  const frac = (v.charCodeAt(20) - 48) * 100 + (v.charCodeAt(21) - 48) * 10 + v.charCodeAt(22) - 48;
  return { ms: hourMs + mm * 60_000 + ss * 1000 + frac, naive: !zoned };
}

/** parseAgentTime by the regexes (every shape the contract accepts). */
export function regexAgentTime(v: string): { ms: number; naive: boolean } | null {
  if (v.length > 64) return null;
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

/** Only the keys the contract reads, with the subject's tokens where a field may fall back to one. */
function fields(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.hasOwn(value, k)) out[k] = value[k];
  return out;
}
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Reads a decoded JSON payload on `subject` as an Agent Squad event, or null when it is
 * off-contract (then views show it as a generic message).
 */
export function readContract(subject: string, value: unknown): ContractEvent | null {
  const kind = subjectKind(subject);
  if (!kind || typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (kind === 'message') {
    const f = fields(v, Object.keys(messageSchema.shape));
    f.message_type = str(f.message_type) ?? subjectToken(subject, 3);
    const r = messageSchema.safeParse(f);
    if (!r.success) return null;
    const m = r.data;
    return {
      kind: 'message',
      id: m.id ?? '',
      senderId: m.sender_id,
      senderRole: metaStr(m.metadata, 'sender_role') ?? subjectToken(subject, 2),
      senderName: metaStr(m.metadata, 'sender_name'),
      recipientId: m.recipient_id,
      recipientRole: metaStr(m.metadata, 'recipient_role'),
      recipientName: metaStr(m.metadata, 'recipient_name'),
      type: m.message_type,
      task: m.task_execution_id,
      content: m.content,
      metadata: m.metadata,
      ...agentTime(m.created_at),
    };
  }
  if (kind === 'status') {
    const f = fields(v, Object.keys(statusSchema.shape));
    f.agent_id = str(f.agent_id) ?? subjectToken(subject, 2);
    f.status = str(f.status) ?? subjectToken(subject, 3);
    const r = statusSchema.safeParse(f);
    if (!r.success) return null;
    const s = r.data;
    return {
      kind: 'status',
      id: s.id ?? '',
      agent: s.agent_id,
      role: s.agent_role,
      name: s.agent_name,
      status: s.status,
      previous: s.previous_status,
      reason: s.reason,
      task: s.task_execution_id,
      ...agentTime(s.created_at),
    };
  }
  const f = fields(v, Object.keys(taskSchema.shape));
  f.task_id = str(f.task_id) ?? subjectToken(subject, 2);
  f.event = str(f.event) ?? subjectToken(subject, 3);
  const r = taskSchema.safeParse(f);
  if (!r.success) return null;
  const t = r.data;
  return {
    kind: 'task',
    id: t.id ?? '',
    task: t.task_id,
    event: t.event,
    title: t.title,
    assignee: t.assignee_id,
    assigneeRole: t.assignee_role,
    createdBy: t.created_by,
    retries: t.retries,
    progress: t.progress,
    reason: t.reason,
    ...agentTime(t.created_at),
  };
}
