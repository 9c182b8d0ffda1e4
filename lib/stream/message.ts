/**
 * One stored message as the views use it (`StreamMessage`: the exact payload bytes, headers in
 * wire order, stream time), built from what nats.js delivers or gets, with the header and time
 * parsing that needs. Pure apart from nats.js's message types.
 */
import type { JsMsg, StoredMsg } from '@nats-io/jetstream';
import { ackSubject, decodeHeaderBlock, rawBytes, rawHeaderLength } from '../nats/internals';

/** One stored message, as the views use it. `data` is the exact payload bytes. */
export type StreamMessage = {
  seq: number;
  subject: string;
  /**
   * Stream timestamp (set by the server at ingest), epoch ms with the sub-ms fraction a double
   * holds; its floor is the exact millisecond (msOf).
   */
  timeMs: number;
  /** Stream timestamp as RFC 3339 with the server's nanoseconds, exact, when known. */
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
 * A stream time, exact: epoch seconds and the nanoseconds within that second. The parsers
 * below set it (no object per message); read it right after.
 *
 * Why not one number of nanoseconds: epoch nanos are above 2^53, so a double holds them only
 * to 256 ns (nats.js's `info.timestampNanos` is such a parseInt), and the ninth fraction
 * digits of a time shown would not be the server's.
 */
export const stamp = { sec: 0, sub: 0 };

/**
 * Epoch ms as a double from an exact stream time: the sub-millisecond fraction kept as far as
 * a double holds it, and never rounded up into the next millisecond, so `Math.floor` of it is
 * the time's exact millisecond (comparisons with a whole-ms bound are exact).
 */
export function msOf(sec: number, sub: number): number {
  const whole = sec * 1000 + Math.floor(sub / 1_000_000);
  const ms = whole + (sub % 1_000_000) / 1_000_000;
  return ms < whole + 1 ? ms : whole + 0.999;
}

/**
 * Sets `stamp` from the decimal digits of epoch nanoseconds, s[from, to) (the ack subject's
 * timestamp token). False when that is not 10 to 19 digits.
 */
export function stampFromDigits(s: string, from: number, to: number): boolean {
  const n = to - from;
  if (n < 10 || n > 19) return false;
  let sec = 0;
  let sub = 0;
  const cut = to - 9;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (i < cut) sec = sec * 10 + d;
    else sub = sub * 10 + d;
  }
  stamp.sec = sec;
  stamp.sub = sub;
  return true;
}

/** Sets `stamp` from epoch nanoseconds: exact for a bigint; a number is as exact as it is. */
export function stampFromNanos(nanos: bigint | number): void {
  if (typeof nanos === 'bigint') {
    stamp.sec = Number(nanos / 1_000_000_000n);
    stamp.sub = Number(nanos % 1_000_000_000n);
  } else {
    const sub = Math.floor(nanos) % 1_000_000_000;
    stamp.sec = Math.round((Math.floor(nanos) - sub) / 1_000_000_000);
    stamp.sub = sub;
  }
}

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/;
let stampSecondText = '';
let stampSecond = Number.NaN;

/**
 * Sets `stamp` from the server's RFC 3339 stream time ("…T15:04:05.42698288Z": Go drops the
 * fraction's trailing zeros). False when it is not in that form.
 */
export function stampFromIso(t: string): boolean {
  const p = RFC3339.exec(t);
  if (!p) return false;
  if (p[1] !== stampSecondText) {
    const ms = Date.parse(`${p[1] as string}Z`);
    if (Number.isNaN(ms)) return false;
    stampSecondText = p[1] as string;
    stampSecond = Math.floor(ms / 1000);
  }
  stamp.sec = stampSecond;
  stamp.sub = p[2] ? Number(p[2].padEnd(9, '0')) : 0;
  return true;
}

/**
 * An RFC 3339 time with up to nanoseconds in ms: the server's UTC form (a stream's `first_ts`,
 * a message's time, an exported line's) as the readers give a message's `timeMs` (msOf), equal
 * for the same message; another zone through Date.parse (which wants at most ms). NaN when
 * it is not a time.
 */
export function isoMs(t: string): number {
  return stampFromIso(t) ? msOf(stamp.sec, stamp.sub) : Date.parse(t.replace(/(\.\d{3})\d+/, '$1'));
}

// Dot positions in an ack subject (it has 9 or 12 tokens; room for a few more).
const dots = new Int32Array(16);

/**
 * Sets `stamp` from a consumer-delivered message's stream time, exact: read from the digits of
 * its ack subject ("$JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.<nanos>.<pending>",
 * or with domain and account hash before the stream and a token after pending: the layouts
 * nats.js's parseInfo reads), not from `info.timestampNanos`, the double nats.js parses them
 * into (internals.ts ackSubject). Falls back to the public bigint `timestampNanos`, then to `info`.
 */
export function stampOfJsMsg(m: {
  info: { timestampNanos: number | bigint };
  reply?: unknown;
  timestampNanos?: unknown;
}): void {
  const reply = ackSubject(m);
  if (reply !== null) {
    let n = 0;
    for (let i = 0; i < reply.length && n < dots.length; i++)
      if (reply.charCodeAt(i) === 46) dots[n++] = i;
    // Tokens = dots + 1; the time is token 7 of 9, else token 9 (nats.js parseInfo).
    const k = n === 8 ? 7 : n >= 10 ? 9 : -1;
    if (k > 0) {
      const from = (dots[k - 1] as number) + 1;
      const to = k < n ? (dots[k] as number) : reply.length;
      if (stampFromDigits(reply, from, to)) return;
    }
  }
  const big = (m as { timestampNanos?: unknown }).timestampNanos;
  stampFromNanos(typeof big === 'bigint' ? big : m.info.timestampNanos);
}

/** RFC 3339 with nanoseconds from a time in ms (msOf) and the nanoseconds within its second. */
export function isoTime(ms: number, sub: number): string {
  const second = Math.floor(Math.floor(ms) / 1000);
  if (second !== isoSecond) {
    isoSecond = second;
    isoPrefix = new Date(second * 1000).toISOString().slice(0, 19); // …SS
  }
  return `${isoPrefix}.${String(sub).padStart(9, '0')}Z`;
}

/** Converts a consumer-delivered message. */
export function fromJsMsg(m: JsMsg): StreamMessage {
  stampOfJsMsg(m);
  const timeMs = msOf(stamp.sec, stamp.sub);
  return {
    seq: m.seq,
    subject: m.subject,
    timeMs,
    time: isoTime(timeMs, stamp.sub),
    headers: headersOf(m),
    data: m.data,
    size: m.data.length,
  };
}

/**
 * Converts a message read with direct get / stream get: its time from the server's RFC 3339
 * (`timestamp`; nats.js's `time` is a Date, whole ms), as exact as a consumer read's.
 */
export function fromStoredMsg(m: StoredMsg): StreamMessage {
  const raw = (m as unknown as { timestamp?: string }).timestamp;
  let timeMs: number;
  let time: string;
  if (typeof raw === 'string' && stampFromIso(raw)) {
    timeMs = msOf(stamp.sec, stamp.sub);
    time = isoTime(timeMs, stamp.sub);
  } else {
    timeMs = m.time.getTime();
    time = typeof raw === 'string' && raw ? raw : new Date(timeMs).toISOString();
  }
  return {
    seq: m.seq,
    subject: m.subject,
    timeMs,
    time,
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
