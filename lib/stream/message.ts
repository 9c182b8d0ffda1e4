/**
 * One stored message as the views use it (`StreamMessage`: the exact payload bytes, headers in
 * wire order, stream time), built from what nats.js delivers or gets, with the header and time
 * parsing that needs. Pure apart from nats.js's message types.
 */
import type { JsMsg, StoredMsg } from '@nats-io/jetstream';
import { decodeHeaderBlock, rawBytes, rawHeaderLength } from '../nats/internals';

/** One stored message, as the views use it. `data` is the exact payload bytes. */
export type StreamMessage = {
  seq: number;
  subject: string;
  /** Stream timestamp (set by the server at ingest), epoch ms. */
  timeMs: number;
  /** Stream timestamp as RFC 3339 with nanoseconds when known. */
  time: string;
  /** Header name/value pairs in wire order (a name may repeat). */
  headers: [string, string][];
  data: Uint8Array;
  /** Payload bytes. */
  size: number;
};

function headerPairs(
  h: { keys(): string[]; values(k: string): string[] } | undefined,
): [string, string][] {
  if (!h) return [];
  const out: [string, string][] = [];
  for (const k of h.keys()) for (const v of h.values(k)) out.push([k, v]);
  return out;
}

const NO_PAIRS: [string, string][] = [];
const utf8 = new TextDecoder();

/** A header name nats.js accepts (canonicalMIMEHeaderKey throws on anything else). */
function validName(k: string): boolean {
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c === 58 || c < 33 || c > 126) return false;
  }
  return true;
}

/**
 * Header pairs from a raw header block ("NATS/1.0…\r\nName: value\r\n…"), as headerPairs of
 * nats.js's MsgHdrsImpl.decode would give them: values trimmed, grouped by exact name in the
 * order names first appear. Null for what nats.js rejects (it throws; the caller lets it).
 */
export function parseHeaderBlock(text: string): [string, string][] | null {
  const lines = text.split('\r\n');
  let out: [string, string][] | null = null;
  let grouped = true;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const idx = line.indexOf(':');
    if (idx < 0) continue;
    const k = line.slice(0, idx);
    const v = line.slice(idx + 1).trim();
    if (!validName(k) || v.includes('\r') || v.includes('\n')) return null;
    out ??= [];
    // A name seen before, but not just before: the pairs need regrouping.
    if (
      grouped &&
      out.length > 0 &&
      (out[out.length - 1] as [string, string])[0] !== k &&
      out.some((p) => p[0] === k)
    )
      grouped = false;
    out.push([k, v]);
  }
  if (!out) return NO_PAIRS;
  if (grouped) return out;
  const byName = new Map<string, [string, string][]>();
  for (const p of out) {
    const g = byName.get(p[0]);
    if (g) g.push(p);
    else byName.set(p[0], [p]);
  }
  return [...byName.values()].flat();
}

/** ASCII bytes as a string without a TextDecoder call (short blocks only), else decoded. */
function text(bytes: Uint8Array): string {
  if (bytes.length <= 1024) {
    let any = 0;
    for (let i = 0; i < bytes.length; i++) any |= bytes[i] as number;
    if (any < 0x80) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  }
  return utf8.decode(bytes);
}

/**
 * The message's header pairs. nats.js parses a header block into a MsgHdrsImpl (a decode,
 * splits, a validation regex per value) that a bulk read then only flattens again: a tenth of
 * the reader worker's CPU. This parses the raw block (nats.js's internal MsgImpl fields) the
 * same way; without those fields (another nats.js version), or for a block nats.js would
 * reject, it is nats.js's own parse.
 */
export function headersOf(m: JsMsg): [string, string][] {
  const hdr = rawHeaderLength(m);
  if (hdr === null) return headerPairs(m.headers);
  if (hdr === 0) return NO_PAIRS;
  return parseHeaderBlock(text(rawBytes(m).subarray(0, hdr))) ?? headerPairs(m.headers);
}

// The raw-message reads live in lib/nats/internals.ts (the one module that touches nats.js
// private state); re-exported for the bulk readers that import them from here.
export { rawBytes, rawHeaderLength };

/**
 * Header pairs of a raw header block as headersOf gives them for a message carrying it (a
 * bulk reader can hand the block over as bytes and parse it only when the pairs are wanted).
 */
export function headersFromBlock(block: Uint8Array): [string, string][] {
  if (block.length === 0) return NO_PAIRS;
  return parseHeaderBlock(text(block)) ?? headerPairs(decodeHeaderBlock(block));
}

// The seconds part of the last time formatted: consecutive messages mostly share it, and
// Date#toISOString per message was a visible part of the reader worker's CPU.
let isoSecond = Number.NaN;
let isoPrefix = '';

/**
 * RFC 3339 with nanoseconds from a stream timestamp in nanos (nats.js hands a number, already
 * rounded to a double) and the same time in ms. Whole doubles above 2^53 are integers and
 * `%` on them is exact, so no BigInt is needed (it cost more than the rest of the conversion).
 */
export function nanosToIso(nanos: bigint | number, ms: number): string {
  return isoTime(ms, subSecondNanos(nanos));
}

/** The nanoseconds within the second of a stream timestamp in nanos (as nanosToIso takes it). */
export function subSecondNanos(nanos: bigint | number): number {
  return typeof nanos === 'bigint'
    ? Number(nanos % 1_000_000_000n)
    : Math.floor(nanos) % 1_000_000_000;
}

/** RFC 3339 with nanoseconds from a time in ms and the nanoseconds within its second. */
export function isoTime(ms: number, sub: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    isoSecond = second;
    isoPrefix = new Date(ms).toISOString().slice(0, 19); // …SS
  }
  return `${isoPrefix}.${String(sub).padStart(9, '0')}Z`;
}

/**
 * A stream timestamp in nanos as epoch ms, with its sub-millisecond fraction. nats.js types it
 * bigint but hands a number (parseInt); both are handled.
 */
export function nanosToMs(nanos: bigint | number): number {
  return Number(nanos) / 1_000_000;
}

/** Converts a consumer-delivered message. */
export function fromJsMsg(m: JsMsg): StreamMessage {
  const nanos = m.info.timestampNanos;
  const timeMs = nanosToMs(nanos);
  return {
    seq: m.seq,
    subject: m.subject,
    timeMs,
    time: nanosToIso(nanos, timeMs),
    headers: headersOf(m),
    data: m.data,
    size: m.data.length,
  };
}

/** Converts a message read with direct get / stream get. */
export function fromStoredMsg(m: StoredMsg): StreamMessage {
  const timeMs = m.time.getTime();
  const raw = (m as unknown as { timestamp?: string }).timestamp;
  return {
    seq: m.seq,
    subject: m.subject,
    timeMs,
    time: typeof raw === 'string' && raw ? raw : new Date(timeMs).toISOString(),
    headers: headerPairs(
      m.header as unknown as { keys(): string[]; values(k: string): string[] },
    ).filter(
      ([k]) =>
        !k.startsWith('Nats-Stream') &&
        !k.startsWith('Nats-Sequence') &&
        !k.startsWith('Nats-Time-Stamp') &&
        !k.startsWith('Nats-Subject') &&
        !k.startsWith('Nats-Last-Sequence') &&
        !k.startsWith('Nats-Num-Pending'),
    ),
    data: m.data,
    size: m.data.length,
  };
}
