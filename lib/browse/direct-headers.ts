/**
 * The header block of a batch direct get answer read straight from its bytes. Each answer
 * carries six server headers (Nats-Stream, -Subject, -Sequence, -Time-Stamp, -Num-Pending,
 * -Last-Sequence) that a consumer delivery does not; decoding the block to a string and
 * splitting it was most of a 100,000-message batch read's client CPU. Here the four fields
 * used are parsed from bytes and only the producer's own headers become strings (through the
 * same parser as consumer reads, so the pairs are identical). Anything unexpected: null, and
 * the caller takes the string path.
 */
import { isoTime, msOf, parseHeaderBlock, stamp } from '@/lib/stream/reader';

export type DirectFields = {
  seq: number;
  subject: string;
  timeMs: number;
  time: string;
  /** Nats-Num-Pending as sent (-1: absent). */
  pending: number;
  /** The producer's headers, as a consumer read gives them. */
  headers: [string, string][];
};

const enc = new TextEncoder();
const SEQUENCE = enc.encode('Nats-Sequence');
const SUBJECT = enc.encode('Nats-Subject');
const TIME = enc.encode('Nats-Time-Stamp');
const PENDING = enc.encode('Nats-Num-Pending');
/** Prefixes of the headers a direct get adds (dropped, as fromStoredMsg drops them). */
const DROPPED = [
  'Nats-Stream',
  'Nats-Sequence',
  'Nats-Time-Stamp',
  'Nats-Subject',
  'Nats-Last-Sequence',
  'Nats-Num-Pending',
  'Nats-UpTo-Sequence',
].map((s) => enc.encode(s));
const STATUS = enc.encode('NATS/1.0\r\n');
const NO_PAIRS: [string, string][] = [];

/** bytes[from, to) equals `name` exactly (exact) or starts with it. */
function same(b: Uint8Array, from: number, to: number, name: Uint8Array, exact: boolean): boolean {
  if (exact ? to - from !== name.length : to - from < name.length) return false;
  for (let i = 0; i < name.length; i++) if (b[from + i] !== name[i]) return false;
  return true;
}

/** A decimal integer in bytes[from, to), or -1 when it is not one. */
function int(b: Uint8Array, from: number, to: number): number {
  if (from >= to || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = (b[i] as number) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Printable ASCII bytes[from, to) as a string, or null (then the string path decodes it). */
function ascii(b: Uint8Array, from: number, to: number): string | null {
  for (let i = from; i < to; i++) {
    const c = b[i] as number;
    if (c < 32 || c > 126) return null;
  }
  return String.fromCharCode.apply(null, b.subarray(from, to) as unknown as number[]);
}

// The second of the last timestamp parsed (bytes and epoch s): consecutive messages share it.
const lastSecond = new Uint8Array(19);
let lastSecondS = Number.NaN;

/**
 * Sets `stamp` (exact seconds and nanoseconds) from a stream timestamp
 * "YYYY-MM-DDTHH:MM:SS[.fraction]Z" in bytes[from, to); false when it is not in that form.
 */
function readStamp(b: Uint8Array, from: number, to: number): boolean {
  if (to - from < 20 || b[to - 1] !== 90 /* Z */) return false;
  let fresh = Number.isNaN(lastSecondS);
  if (!fresh)
    for (let i = 0; i < 19; i++)
      if (b[from + i] !== lastSecond[i]) {
        fresh = true;
        break;
      }
  if (fresh) {
    const s = ascii(b, from, from + 19);
    const ms = s === null ? Number.NaN : Date.parse(`${s}Z`);
    if (Number.isNaN(ms) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(s as string)) return false;
    lastSecond.set(b.subarray(from, from + 19));
    lastSecondS = Math.floor(ms / 1000);
  }
  let frac = 0;
  const end = to - 1;
  if (end > from + 19) {
    const digits = end - from - 20;
    if (b[from + 19] !== 46 /* . */ || digits < 1 || digits > 9) return false;
    frac = int(b, from + 20, end);
    if (frac < 0) return false;
    for (let k = digits; k < 9; k++) frac *= 10;
  }
  stamp.sec = lastSecondS;
  stamp.sub = frac;
  return true;
}

/** A server header name at bytes[pos] followed by ':' (exact) or a longer name (prefix). */
function nameAt(b: Uint8Array, pos: number, colon: number, name: Uint8Array, exact: boolean) {
  return same(b, pos, colon, name, exact);
}

/**
 * The fields of a direct get answer's header block, bytes[0, end) of `b` (the block is not
 * sliced: a Buffer subarray per message showed in profiles), or null (see the module comment).
 */
export function directFields(b: Uint8Array, end: number = b.length): DirectFields | null {
  if (end > b.length || !same(b, 0, end, STATUS, false)) return null;
  let seq = -1;
  let subject: string | null = null;
  let timed = false;
  let pending = -1;
  // The producer's header lines, kept as one block for parseHeaderBlock.
  let own = '';
  let pos = STATUS.length;
  while (pos < end) {
    let colon = pos;
    while (colon < end && b[colon] !== 58 && b[colon] !== 13) colon++;
    if (colon === pos && b[pos] === 13) break; // the empty line that ends the block
    if (colon >= end || b[colon] !== 58) return null;
    let eol = colon + 1;
    while (eol < end && b[eol] !== 13) eol++;
    if (eol + 1 >= end || b[eol + 1] !== 10) return null;
    let v = colon + 1;
    while (v < eol && b[v] === 32) v++;
    // Server headers all start "Nats-" and differ at their sixth byte (or length).
    const server = colon - pos > 5 && b[pos] === 78 && b[pos + 4] === 45;
    if (server && nameAt(b, pos, colon, SEQUENCE, true)) seq = int(b, v, eol);
    else if (server && nameAt(b, pos, colon, SUBJECT, true)) subject = ascii(b, v, eol);
    else if (server && nameAt(b, pos, colon, TIME, true)) timed = readStamp(b, v, eol);
    else if (server && nameAt(b, pos, colon, PENDING, true)) pending = int(b, v, eol);
    else if (!server || !dropped(b, pos, colon)) {
      const line = ascii(b, pos, eol);
      if (line === null) return null;
      own += `\r\n${line}`;
    }
    pos = eol + 2;
  }
  if (seq < 0 || subject === null || !timed) return null;
  const headers = own ? parseHeaderBlock(`NATS/1.0${own}\r\n\r\n`) : NO_PAIRS;
  if (headers === null) return null;
  const timeMs = msOf(stamp.sec, stamp.sub);
  return { seq, subject, timeMs, time: isoTime(timeMs, stamp.sub), pending, headers };
}

/** The name at bytes[pos, colon) starts with one of the server's direct get headers. */
function dropped(b: Uint8Array, pos: number, colon: number): boolean {
  for (let i = 0; i < DROPPED.length; i++)
    if (same(b, pos, colon, DROPPED[i] as Uint8Array, false)) return true;
  return false;
}
