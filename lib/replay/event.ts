/**
 * The replay's compact event record and its cheap decoder. Loading must keep up with a bare
 * ordered consumer, so this decodes with one JSON.parse and hand-written field checks (no
 * schema library per message) and keeps only what the views and the projection need.
 * The exact bytes stay on the record (`data`, `headers`) so NDJSON export never alters them.
 */
import { mayBeJsonObject, parseAgentTime, subjectToken } from '@/lib/agents/contract';
import { headersFromBlock, isoTime, type StreamMessage } from '@/lib/stream/reader';
import type { RawBatch } from '@/lib/stream/pack';
import type { EventMeta } from './columns';

export type EventKind = 'message' | 'status' | 'task' | 'generic';

type Base = {
  seq: number;
  subject: string;
  /** Stream time, epoch ms. */
  timeMs: number;
  /**
   * Stream time as RFC 3339 as it was read (a file, a read on the tab's connection), or null:
   * then it is formatted from timeMs and `nanos` when wanted (eventIsoTime), not per event read.
   */
  time: string | null;
  /** Nanoseconds within the second of the stream time (used when `time` is null). */
  nanos: number;
  /** created_at from the payload, epoch ms, or null. */
  createdMs: number | null;
  /**
   * Header pairs, or null: then they are parsed when wanted (eventHeaders) from the raw header
   * block, the `hdrLen` bytes just before `data` in its buffer (0: no headers).
   */
  headers: [string, string][] | null;
  hdrLen: number;
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

// Fatal: bytes that are not UTF-8 are not JSON, so such a payload is off-contract (as in browse).
const utf8 = new TextDecoder('utf-8', { fatal: true });

// The contract's rules (lib/agents/contract.ts), written out for the hot loop; the corpus test
// (lib/agents/contract.corpus.test.ts) holds this decoder to readContract event by event.
/** A non-empty string, else null (optional fields, and required ones before their fallback). */
const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const meta = (v: unknown, k: string): string | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? s((v as Record<string, unknown>)[k])
    : null;

function parseTime(v: unknown): number | null {
  return parseAgentTime(v)?.ms ?? null;
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
  if (hi - lo > size * 2 + 1024) return null;
  return spanText(new Uint8Array(buf, lo, hi - lo));
}

/** Decodes `span` once; the text of a view into it is then a slice (null: see batchText). */
function spanText(span: Uint8Array): TextOf | null {
  if (span.length > BATCH_TEXT_MAX) return null;
  let whole: string;
  try {
    whole = utf8.decode(span);
  } catch {
    return null;
  }
  if (whole.length !== span.length) return null;
  const lo = span.byteOffset;
  return (d) => whole.slice(d.byteOffset - lo, d.byteOffset - lo + d.length);
}

/** The kind token of an `agent.<kind>.…` subject, else null. */
function kindOf(subject: string): string | null {
  return subject.startsWith('agent.') ? subject.slice(6, subject.indexOf('.', 6)) : null;
}

/** Where an event's fields come from: a StreamMessage, or one message of a RawBatch. */
type Fields = {
  seq: number;
  subject: string;
  timeMs: number;
  time: string | null;
  nanos: number;
  headers: [string, string][] | null;
  hdrLen: number;
  data: Uint8Array;
};

function generic(m: Fields, createdMs: number | null): GenericEvent {
  return {
    seq: m.seq,
    subject: m.subject,
    timeMs: m.timeMs,
    time: m.time,
    nanos: m.nanos,
    createdMs,
    headers: m.headers,
    hdrLen: m.hdrLen,
    data: m.data,
    kind: 'generic',
  };
}

/** Decodes one stored message into a replay event; anything off-contract becomes generic. */
export function toReplayEvent(m: Source): ReplayEvent {
  return toReplayEventIn(m, null);
}

/**
 * toReplayEvent for a message of a batch: `text` gives the payload's text when the batch was
 * decoded at once (batchText).
 */
export function toReplayEventIn(m: Source, text: TextOf | null): ReplayEvent {
  return decode(
    {
      seq: m.seq,
      subject: m.subject,
      timeMs: m.timeMs,
      time: m.time,
      nanos: 0,
      headers: m.headers,
      hdrLen: 0,
      data: m.data,
    },
    kindOf(m.subject),
    text,
  );
}

/**
 * Decodes the messages of a RawBatch (from the reader worker) into replay events, as
 * toReplayEvent decodes a StreamMessage. The whole buffer (payloads and header blocks) is
 * decoded at once when it is all single-byte text (see batchText), and each distinct
 * subject's kind is worked out once per batch, not per message. Returns `at(i)`, the event of
 * message i (call each once: it builds the event).
 */
export function rawBatchEvents(b: RawBatch): (i: number) => ReplayEvent {
  const bytes = b.bytes;
  const text = spanText(bytes);
  const kinds = b.subjects.map(kindOf);
  // One reused record: decode copies what it keeps into the event.
  const f: Fields = {
    seq: 0,
    subject: '',
    timeMs: 0,
    time: null,
    nanos: 0,
    headers: null,
    hdrLen: 0,
    data: bytes,
  };
  return (i) => {
    const lo = b.offsets[i] as number;
    const hdr = b.hdrLen[i] as number;
    const ix = b.subjectIx[i] as number;
    f.seq = b.seq[i] as number;
    f.subject = b.subjects[ix] as string;
    f.timeMs = b.timeMs[i] as number;
    f.nanos = b.nanos[i] as number;
    f.headers = hdr === 0 ? NO_HEADERS : null;
    f.hdrLen = hdr;
    f.data = bytes.subarray(lo + hdr, b.offsets[i + 1] as number);
    return decode(f, kinds[ix] as string | null, text);
  };
}

const NO_HEADERS: [string, string][] = [];

/**
 * The event of one message kept as bytes (its raw header block of `hdrLen` bytes, then its
 * payload, in `block`) and its stream fields: what rawBatchEvents gives for it, decoded when
 * wanted (the replay's payload cache keeps bytes, not events).
 */
export function eventFromBytes(
  m: { seq: number; subject: string; timeMs: number; nanos: number },
  block: Uint8Array,
  hdrLen: number,
): ReplayEvent {
  return decode(
    {
      seq: m.seq,
      subject: m.subject,
      timeMs: m.timeMs,
      time: null,
      nanos: m.nanos,
      headers: hdrLen === 0 ? NO_HEADERS : null,
      hdrLen,
      data: block.subarray(hdrLen),
    },
    kindOf(m.subject),
    null,
  );
}

/**
 * Builds the event. Each kind is one object literal (no spreads, no closures), so the shared
 * fields are written out in each: this runs for every message read, and building from a
 * spread `base` instead took 2.7–3.6 s against 0.3–0.6 s for 100,000 messages in a Node 20
 * micro-benchmark. `kind` = the subject's second token for an `agent.` subject, else null.
 */
function decode(m: Fields, kind: string | null, text: TextOf | null): ReplayEvent {
  const d = m.data;
  // Only JSON objects on agent subjects can be contract events; skip the parse for anything else.
  if (kind === null || !mayBeJsonObject(d)) return generic(m, null);
  let v: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text ? text(d) : utf8.decode(d));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return generic(m, null);
    v = parsed as Record<string, unknown>;
  } catch {
    return generic(m, null);
  }
  const createdMs = parseTime(v.created_at);
  if (kind === 'message') {
    const from = s(v.sender_id);
    const type = s(v.message_type) ?? subjectToken(m.subject, 3);
    const content = v.content;
    if (from === null || type === null || typeof content !== 'string') return generic(m, createdMs);
    const md = v.metadata;
    return {
      seq: m.seq,
      subject: m.subject,
      timeMs: m.timeMs,
      time: m.time,
      nanos: m.nanos,
      createdMs,
      headers: m.headers,
      hdrLen: m.hdrLen,
      data: d,
      kind: 'message',
      id: s(v.id) ?? '',
      from,
      fromRole: meta(md, 'sender_role') ?? subjectToken(m.subject, 2),
      fromName: meta(md, 'sender_name'),
      to: s(v.recipient_id),
      toRole: meta(md, 'recipient_role'),
      toName: meta(md, 'recipient_name'),
      type,
      task: s(v.task_execution_id),
      content,
    };
  }
  if (kind === 'status') {
    const agent = s(v.agent_id) ?? subjectToken(m.subject, 2);
    const status = s(v.status) ?? subjectToken(m.subject, 3);
    if (agent === null || status === null) return generic(m, createdMs);
    return {
      seq: m.seq,
      subject: m.subject,
      timeMs: m.timeMs,
      time: m.time,
      nanos: m.nanos,
      createdMs,
      headers: m.headers,
      hdrLen: m.hdrLen,
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
  if (kind === 'task') {
    const task = s(v.task_id) ?? subjectToken(m.subject, 2);
    const event = s(v.event) ?? subjectToken(m.subject, 3);
    if (task === null || event === null) return generic(m, createdMs);
    return {
      seq: m.seq,
      subject: m.subject,
      timeMs: m.timeMs,
      time: m.time,
      nanos: m.nanos,
      createdMs,
      headers: m.headers,
      hdrLen: m.hdrLen,
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

/** The event's stream time as RFC 3339 (as read, else formatted from its parts). */
export function eventIsoTime(e: ReplayEvent): string {
  return e.time ?? isoTime(e.timeMs, e.nanos);
}

/** The event's header pairs in wire order (as read, else parsed from its raw block). */
export function eventHeaders(
  e: Pick<ReplayEvent, 'headers' | 'hdrLen' | 'data'>,
): [string, string][] {
  if (e.headers) return e.headers;
  if (e.hdrLen === 0) return NO_HEADERS;
  return headersFromBlock(new Uint8Array(e.data.buffer, e.data.byteOffset - e.hdrLen, e.hdrLen));
}

/** The time the replay clock uses for an event: created_at when known, else stream time. */
export function eventTime(e: Pick<ReplayEvent, 'createdMs' | 'timeMs'>): number {
  return e.createdMs ?? e.timeMs;
}

/** The task an event belongs to, if any. */
export function eventTask(e: ReplayEvent | EventMeta): string | null {
  return e.kind === 'generic' ? null : e.task;
}
