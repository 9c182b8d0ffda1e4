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

type Source = Pick<StreamMessage, 'seq' | 'subject' | 'timeMs' | 'time' | 'headers' | 'data'>;

/** A payload's text: a slice of its batch's text when the batch was decoded at once. */
export type TextOf = (data: Uint8Array) => string;

/** Largest span of bytes decoded at once (a batch is a few MB; a stray huge buffer is not). */
const BATCH_TEXT_MAX = 64 << 20;

/**
 * When every payload of a batch is a view into one buffer (a batch from the reader worker),
 * decodes the span they cover once; each payload's text is then a slice of it. One decode per
 * batch instead of one per message took about a third off decoding a batch. Sound only when
 * every byte decoded to exactly one UTF-16 unit (ASCII, or a stray byte's U+FFFD, which a
 * decode of the payload alone gives too); any multi-byte character, BOM or sequence spanning
 * two payloads decodes to fewer units than bytes, and then this is null (decode each).
 */
export function batchText(msgs: readonly Pick<StreamMessage, 'data'>[]): TextOf | null {
  const first = msgs[0]?.data;
  if (!first) return null;
  const buf = first.buffer;
  let lo = first.byteOffset;
  let hi = lo + first.length;
  let size = 0;
  for (const m of msgs) {
    const d = m.data;
    if (d.buffer !== buf) return null;
    if (d.byteOffset < lo) lo = d.byteOffset;
    if (d.byteOffset + d.length > hi) hi = d.byteOffset + d.length;
    size += d.length;
  }
  // Only a span that is (nearly) all payload: never decode a big buffer for a few messages.
  if (hi - lo > BATCH_TEXT_MAX || hi - lo > size * 2 + 1024) return null;
  const whole = utf8.decode(new Uint8Array(buf, lo, hi - lo));
  if (whole.length !== hi - lo) return null;
  return (d) => whole.slice(d.byteOffset - lo, d.byteOffset - lo + d.length);
}

function generic(m: Source, createdMs: number | null): GenericEvent {
  return { seq: m.seq, subject: m.subject, timeMs: m.timeMs, time: m.time, createdMs, headers: m.headers, data: m.data, kind: 'generic' };
}

/** Decodes one stored message into a replay event; anything off-contract becomes generic. */
export function toReplayEvent(m: Source): ReplayEvent {
  return toReplayEventIn(m, null);
}

/**
 * toReplayEvent for a message of a batch: `text` gives the payload's text when the batch was
 * decoded at once (batchText). Each kind is built as one object literal (no spreads, no
 * closures), so the seven shared fields are written out in each: this runs for every message
 * read, and building from a spread `base` instead took 2.7–3.6 s against 0.3–0.6 s for
 * 100,000 messages in a Node 20 micro-benchmark.
 */
export function toReplayEventIn(m: Source, text: TextOf | null): ReplayEvent {
  const d = m.data;
  // Only JSON objects can be contract events; skip the parse for anything else.
  if (d.length < 2 || d[0] !== 0x7b || !m.subject.startsWith('agent.')) return generic(m, null);
  let v: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text ? text(d) : utf8.decode(d));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return generic(m, null);
    v = parsed as Record<string, unknown>;
  } catch {
    return generic(m, null);
  }
  const createdMs = parseTime(v.created_at);
  const kindToken = m.subject.slice(6, m.subject.indexOf('.', 6));
  if (kindToken === 'message') {
    const from = s(v.sender_id);
    const type = s(v.message_type);
    if (from === null || type === null || !('recipient_id' in v)) return generic(m, createdMs);
    const md = v.metadata;
    return {
      seq: m.seq,
      subject: m.subject,
      timeMs: m.timeMs,
      time: m.time,
      createdMs,
      headers: m.headers,
      data: d,
      kind: 'message',
      id: s(v.id) ?? '',
      from,
      fromRole: meta(md, 'sender_role'),
      fromName: meta(md, 'sender_name'),
      to: s(v.recipient_id),
      toRole: meta(md, 'recipient_role'),
      toName: meta(md, 'recipient_name'),
      type,
      task: s(v.task_execution_id),
      content: s(v.content) ?? '',
    };
  }
  if (kindToken === 'status') {
    const agent = s(v.agent_id);
    const status = s(v.status);
    if (agent === null || status === null) return generic(m, createdMs);
    return {
      seq: m.seq,
      subject: m.subject,
      timeMs: m.timeMs,
      time: m.time,
      createdMs,
      headers: m.headers,
      data: d,
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
    if (task === null || event === null) return generic(m, createdMs);
    return {
      seq: m.seq,
      subject: m.subject,
      timeMs: m.timeMs,
      time: m.time,
      createdMs,
      headers: m.headers,
      data: d,
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
  return generic(m, createdMs);
}

/** The time the replay clock uses for an event: created_at when known, else stream time. */
export function eventTime(e: ReplayEvent): number {
  return e.createdMs ?? e.timeMs;
}

/** The task an event belongs to, if any. */
export function eventTask(e: ReplayEvent): string | null {
  return e.kind === 'generic' ? null : e.task;
}
