/**
 * NDJSON export/import of a replayed range: one message a line with seq, subject, stream
 * time, headers and payload. The payload is UTF-8 text when the bytes are valid UTF-8 (BOM
 * kept), else base64 with `"encoding":"base64"`, so a round trip never alters a byte.
 */
import { isoMs, type StreamMessage } from '@/lib/stream/reader';
import { eventHeaders, eventIsoTime, type ReplayEvent } from './event';
import type { ReplayEvents } from './events';

export type NdjsonLine = {
  seq: number;
  subject: string;
  time: string;
  headers: [string, string][];
  payload: string;
  encoding?: 'base64';
  /** A message from before the range: part of the state when it began (seed.ts), not replayed. */
  before_range?: true;
};

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const enc = new TextEncoder();

/** Bytes → base64 (chunked, no stack blow-up on large payloads). */
export function toBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

/** base64 → bytes. */
export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** One message as one NDJSON line (no trailing newline). */
export function toNdjsonLine(
  m: Pick<StreamMessage, 'seq' | 'subject' | 'time' | 'headers' | 'data'>,
): string {
  let payload: string;
  let encoding: 'base64' | undefined;
  try {
    payload = strict.decode(m.data);
  } catch {
    payload = toBase64(m.data);
    encoding = 'base64';
  }
  const line: NdjsonLine = {
    seq: m.seq,
    subject: m.subject,
    time: m.time,
    headers: m.headers,
    payload,
  };
  if (encoding) line.encoding = encoding;
  return JSON.stringify(line);
}

/** Many messages as an NDJSON document (newline-terminated). */
export function toNdjson(
  msgs: Iterable<Pick<StreamMessage, 'seq' | 'subject' | 'time' | 'headers' | 'data'>>,
): string {
  const parts: string[] = [];
  for (const m of msgs) parts.push(toNdjsonLine(m));
  return parts.length ? parts.join('\n') + '\n' : '';
}

/**
 * Replay events as an NDJSON document: each one's stream time and headers as read. `before`
 * (the state before the range, seed.ts) comes first, each line marked `"before_range":true`,
 * so an import starts from the same state; a file without such lines has none.
 */
export function eventsToNdjson(
  events: readonly ReplayEvent[],
  before: readonly ReplayEvent[] = [],
): string {
  const parts: string[] = [];
  const line = (e: ReplayEvent) =>
    toNdjsonLine({
      seq: e.seq,
      subject: e.subject,
      time: eventIsoTime(e),
      headers: eventHeaders(e),
      data: e.data,
    });
  for (const e of before) parts.push(`${line(e).slice(0, -1)},"before_range":true}`);
  for (const e of events) parts.push(line(e));
  return parts.length ? parts.join('\n') + '\n' : '';
}

/** Lines per chunk of a long export (one string per chunk, handed to a Blob). */
const EXPORT_CHUNK = 10_000;

/**
 * A loaded replay's events as NDJSON chunks (eventsToNdjson's lines): from memory when every
 * payload is kept, else by reading the range again (exact bytes, nothing altered).
 */
export async function replayToNdjson(
  events: ReplayEvents,
  before: readonly ReplayEvent[] = [],
  signal?: AbortSignal,
): Promise<string[]> {
  const chunks: string[] = [];
  if (before.length) chunks.push(eventsToNdjson([], before));
  let lines: string[] = [];
  await events.eachFull(
    0,
    events.length - 1,
    (_, e) => {
      lines.push(eventsToNdjson([e]));
      if (lines.length >= EXPORT_CHUNK) {
        chunks.push(lines.join(''));
        lines = [];
      }
    },
    signal,
  );
  if (lines.length) chunks.push(lines.join(''));
  return chunks;
}

export type ParseResult = {
  messages: StreamMessage[];
  errors: string[];
  /** Lines marked before_range (the state when the range began), in stream order. */
  before: StreamMessage[];
};

function lineError(n: number, why: string) {
  return `Line ${n}: ${why}`;
}

/** Parses an NDJSON export; bad lines are reported by number (first 20) and skipped. */
export function parseNdjson(text: string): ParseResult {
  const messages: StreamMessage[] = [];
  const before: StreamMessage[] = [];
  const errors: string[] = [];
  const lines = text.split('\n');
  let errorCount = 0;
  const fail = (n: number, why: string) => {
    errorCount++;
    if (errors.length < 20) errors.push(lineError(n, why));
  };
  let lastSeq = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\r$/, '');
    if (raw.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      fail(i + 1, 'not valid JSON.');
      continue;
    }
    const o = v as Partial<NdjsonLine> | null;
    if (!o || typeof o !== 'object') {
      fail(i + 1, 'expected a JSON object.');
      continue;
    }
    if (!Number.isSafeInteger(o.seq) || (o.seq as number) < 1) {
      fail(i + 1, '"seq" must be a positive integer.');
      continue;
    }
    if (typeof o.subject !== 'string' || !o.subject) {
      fail(i + 1, '"subject" is missing.');
      continue;
    }
    if (typeof o.payload !== 'string') {
      fail(i + 1, '"payload" must be a string.');
      continue;
    }
    const time = typeof o.time === 'string' ? o.time : '';
    const timeMs = time ? isoMs(time) : NaN;
    if (!Number.isFinite(timeMs)) {
      fail(i + 1, '"time" must be an RFC 3339 time.');
      continue;
    }
    if ((o.seq as number) <= lastSeq) {
      fail(i + 1, `sequence ${o.seq} is not after ${lastSeq}; lines must be in stream order.`);
      continue;
    }
    let data: Uint8Array;
    if (o.encoding === 'base64') {
      try {
        data = fromBase64(o.payload);
      } catch {
        fail(i + 1, '"payload" is not valid base64.');
        continue;
      }
    } else if (o.encoding === undefined) data = enc.encode(o.payload);
    else {
      fail(i + 1, `unknown encoding "${String(o.encoding)}".`);
      continue;
    }
    const headers = Array.isArray(o.headers)
      ? o.headers.filter(
          (h): h is [string, string] =>
            Array.isArray(h) && typeof h[0] === 'string' && typeof h[1] === 'string',
        )
      : [];
    if (o.before_range === true && messages.length > 0) {
      fail(i + 1, 'a "before_range" line after the range began; those lines come first.');
      continue;
    }
    lastSeq = o.seq as number;
    (o.before_range === true ? before : messages).push({
      seq: lastSeq,
      subject: o.subject,
      timeMs,
      time,
      headers,
      data,
      size: data.length,
    });
  }
  if (errorCount > errors.length) errors.push(`…and ${errorCount - errors.length} more bad lines.`);
  return { messages, errors, before };
}
