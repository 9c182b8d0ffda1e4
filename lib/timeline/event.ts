/**
 * The timeline's compact event: what the lanes, markers and counters need from one stream
 * message, without the payload bytes (the ring buffer holds up to ~100k of these).
 *
 * Decoding runs for every live message, so it is as lazy as the page allows: status and task
 * payloads are parsed (lanes, segments and bars need their fields), but message payloads are
 * not — the density lane needs only seq and time. A message keeps a copy of its bytes while it
 * is among the newest few (see RawRetainer) and is decoded only if the log or a tooltip
 * describes it (`hydrateMessage`); older ones are described from their subject.
 */
import { mayBeJsonObject } from '@/lib/agents/contract';
import type { StreamMessage } from '@/lib/stream/reader';
import { Interner } from './intern';

export type TimelineKind = 'message' | 'status' | 'task' | 'generic';

/** Kind codes of the ring's kind column (ring-buffer.ts): messages and generic first. */
export const KIND_CODE = { message: 0, generic: 1, status: 2, task: 3 } as const;

/** The kind column's code of `ev`. */
export const kindCode = (ev: { kind: TimelineKind }): number => KIND_CODE[ev.kind];

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
  /** A message's payload until it is decoded or leaves the newest few (then null). */
  raw: Uint8Array | null;
};

/** What decoding needs from a stream message. */
export type RawMessage = Pick<StreamMessage, 'seq' | 'timeMs' | 'subject' | 'data'>;

// Fatal: bytes that are not UTF-8 are not JSON (off-contract, as in browse and replay).
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Repeated strings (agent ids, roles, names, task ids and titles) are shared rather than held
 * once per event: JSON.parse makes a fresh copy every time, and the ring keeps 100k events.
 * Bounded (intern.ts): task ids and titles are new for every task, and a table that only
 * emptied itself at 50,000 strings grew for minutes at a time in every thread that decodes.
 */
const strings = new Interner();
const intern = (v: string): string => strings.intern(v);

/** How many strings this thread's intern table holds (at most 2 × INTERN_GENERATION). */
export const internedCount = (): number => strings.size;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? intern(v) : null);

/** The subject token at `i` (agent.status.<id>.<status> → i=2 is the id). */
function token(subject: string, i: number): string | null {
  let start = 0;
  for (let k = 0; k < i; k++) {
    const dot = subject.indexOf('.', start);
    if (dot < 0) return null;
    start = dot + 1;
  }
  const end = subject.indexOf('.', start);
  const t = end < 0 ? subject.slice(start) : subject.slice(start, end);
  return t === '' ? null : intern(t);
}

function parse(data: Uint8Array): Record<string, unknown> | null {
  if (!mayBeJsonObject(data)) return null;
  try {
    const v: unknown = JSON.parse(utf8.decode(data));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function blank(m: RawMessage, kind: TimelineKind): TimelineEvent {
  // One shape for every event (same fields, same order) keeps property access monomorphic.
  return {
    seq: m.seq,
    timeMs: m.timeMs,
    kind,
    subject: m.subject,
    agentId: null,
    agentRole: null,
    agentName: null,
    what: null,
    taskId: null,
    detail: null,
    retries: 0,
    raw: null,
  };
}

/** Builds the timeline's view of one stream message; off-contract payloads become `generic`. */
export function toTimelineEvent(m: RawMessage): TimelineEvent {
  const subject = m.subject;
  if (subject.startsWith('agent.message.')) {
    const ev = blank(m, 'message');
    // Kept until the event leaves the newest few; a copy, so the socket's buffer is not pinned.
    ev.raw = m.data.length ? m.data.slice() : null;
    return ev;
  }
  const isStatus = subject.startsWith('agent.status.');
  if (!isStatus && !subject.startsWith('agent.task.')) return blank(m, 'generic');
  // The contract's rules (lib/agents/contract.ts), written out for the live loop; the corpus
  // test (lib/agents/contract.corpus.test.ts) holds this to readContract event by event.
  const p = parse(m.data);
  if (!p) return blank(m, 'generic');
  const ev = blank(m, isStatus ? 'status' : 'task');
  if (isStatus) {
    ev.agentId = str(p.agent_id) ?? token(subject, 2);
    ev.what = str(p.status) ?? token(subject, 3);
    if (!ev.agentId || !ev.what) return blank(m, 'generic');
    ev.agentRole = str(p.agent_role);
    ev.agentName = str(p.agent_name);
    ev.taskId = str(p.task_execution_id);
    ev.detail = str(p.reason);
    return ev;
  }
  ev.taskId = str(p.task_id) ?? token(subject, 2);
  ev.what = str(p.event) ?? token(subject, 3);
  if (!ev.taskId || !ev.what) return blank(m, 'generic');
  ev.agentId = str(p.assignee_id);
  ev.agentRole = str(p.assignee_role);
  ev.detail = str(p.title) ?? str(p.reason);
  ev.retries = typeof p.retries === 'number' && Number.isFinite(p.retries) ? p.retries : 0;
  return ev;
}

/**
 * Shares the repeated strings of an event that crossed from the reader worker (a structured
 * clone copies every string) with this thread's own table (the page's, the painter's);
 * returns the same event.
 */
export function shareStrings(ev: TimelineEvent): TimelineEvent {
  if (ev.agentId) ev.agentId = intern(ev.agentId);
  if (ev.agentRole) ev.agentRole = intern(ev.agentRole);
  if (ev.agentName) ev.agentName = intern(ev.agentName);
  if (ev.what) ev.what = intern(ev.what);
  if (ev.taskId) ev.taskId = intern(ev.taskId);
  if (ev.detail) ev.detail = intern(ev.detail);
  return ev;
}

/**
 * Fills a message event's sender, type and recipient: from its payload while the bytes are
 * held (then drops them), else from the subject (`agent.message.<role>.<type>`). A held payload
 * that is off-contract (lib/agents/contract.ts) turns the event generic. Idempotent.
 */
export function hydrateMessage(ev: TimelineEvent): TimelineEvent {
  if (ev.kind !== 'message') return ev;
  if (ev.raw) {
    const p = parse(ev.raw);
    ev.raw = null;
    const type = p ? (str(p.message_type) ?? token(ev.subject, 3)) : null;
    if (!p || !str(p.sender_id) || typeof p.content !== 'string' || !type) {
      ev.kind = 'generic';
      return ev;
    }
    const md = p.metadata;
    const meta = (md && typeof md === 'object' && !Array.isArray(md) ? md : {}) as Record<
      string,
      unknown
    >;
    ev.agentId = str(p?.sender_id);
    ev.agentName = str(meta.sender_name);
    ev.agentRole = str(meta.sender_role);
    ev.what = type;
    ev.taskId = str(p?.task_execution_id);
    ev.detail = str(meta.recipient_name);
  }
  ev.agentRole ??= token(ev.subject, 2);
  ev.what ??= token(ev.subject, 3);
  return ev;
}

/**
 * Keeps the payload bytes of only the newest `capacity` message events: each one pushed out
 * releases its bytes (it is then described from its subject).
 */
export class RawRetainer {
  private slots: (TimelineEvent | undefined)[];
  private next = 0;

  constructor(readonly capacity = 2000) {
    this.slots = new Array<TimelineEvent | undefined>(capacity);
  }

  /** Notes a message event that holds bytes. */
  keep(ev: TimelineEvent) {
    const old = this.slots[this.next];
    if (old) old.raw = null;
    this.slots[this.next] = ev;
    this.next = (this.next + 1) % this.capacity;
  }
}
