/**
 * The compact form a batch of stream messages crosses a thread boundary in (the reader
 * worker's protocol is wire.ts). A StreamMessage's `data` is a view
 * into nats.js's receive buffer: posted as is, structured clone would copy that whole buffer
 * per message. So a batch travels as columns (sequences and times in typed arrays) and one
 * byte buffer holding every payload back to back, transferred, not copied; the page gets views
 * into it. The bytes are the exact payload bytes (NDJSON export stays byte-exact). Subjects
 * repeat (a few dozen distinct ones in a batch of thousands): each distinct one crosses once
 * and the page's messages share it, so neither side clones nor keeps a string per message.
 */
import {
  msOf,
  rawBytes,
  rawHeaderLength,
  stamp,
  stampOfJsMsg,
  type StreamMessage,
} from './message';

/** A batch of stream messages as columns plus one payload buffer. */
export type PackedBatch = {
  seq: Float64Array;
  timeMs: Float64Array;
  time: string[];
  /** The batch's distinct subjects; message i's is subjects[subjectIx[i]]. */
  subjects: string[];
  subjectIx: Uint32Array;
  /** Header pairs, or null when no message of the batch has any. */
  headers: PackedHeaders | null;
  /** Payload i is bytes[offsets[i] .. offsets[i + 1]). */
  offsets: Uint32Array;
  bytes: Uint8Array;
};

/**
 * Every header pair of a batch in message order: message i has counts[i] pairs; pair p is
 * names[nameIx[p]]: values[p]. Names repeat (every message carries Nats-Msg-Id), so like
 * subjects each crosses once; no per-message arrays are cloned.
 */
export type PackedHeaders = {
  counts: Uint32Array;
  names: string[];
  nameIx: Uint32Array;
  values: string[];
};

/** Interns strings into a table: each distinct one gets the next index. */
function interner(): { table: string[]; ix(s: string): number } {
  const table: string[] = [];
  const known = new Map<string, number>();
  return {
    table,
    ix(s) {
      let i = known.get(s);
      if (i === undefined) {
        i = table.length;
        table.push(s);
        known.set(s, i);
      }
      return i;
    },
  };
}

function packHeaders(msgs: readonly StreamMessage[]): PackedHeaders | null {
  const n = msgs.length;
  let pairs = 0;
  for (let i = 0; i < n; i++) pairs += (msgs[i] as StreamMessage).headers.length;
  if (pairs === 0) return null;
  const counts = new Uint32Array(n);
  const nameIx = new Uint32Array(pairs);
  const values: string[] = new Array<string>(pairs);
  const names = interner();
  let p = 0;
  for (let i = 0; i < n; i++) {
    const h = (msgs[i] as StreamMessage).headers;
    counts[i] = h.length;
    for (const [k, v] of h) {
      nameIx[p] = names.ix(k);
      values[p++] = v;
    }
  }
  return { counts, names: names.table, nameIx, values };
}

/** Packs a batch (payloads copied once into one buffer). */
export function packBatch(msgs: readonly StreamMessage[]): PackedBatch {
  const n = msgs.length;
  const seq = new Float64Array(n);
  const timeMs = new Float64Array(n);
  const time: string[] = new Array<string>(n);
  const subjects = interner();
  const subjectIx = new Uint32Array(n);
  const offsets = new Uint32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const m = msgs[i] as StreamMessage;
    seq[i] = m.seq;
    timeMs[i] = m.timeMs;
    time[i] = m.time;
    subjectIx[i] = subjects.ix(m.subject);
    offsets[i] = total;
    total += m.data.length;
  }
  offsets[n] = total;
  const bytes = new Uint8Array(total);
  for (let i = 0; i < n; i++) bytes.set((msgs[i] as StreamMessage).data, offsets[i] as number);
  return {
    seq,
    timeMs,
    time,
    subjects: subjects.table,
    subjectIx,
    headers: packHeaders(msgs),
    offsets,
    bytes,
  };
}

/** What to transfer (not copy) when posting a packed batch. */
export function transferables(b: PackedBatch): ArrayBuffer[] {
  const out = [
    b.seq.buffer,
    b.timeMs.buffer,
    b.subjectIx.buffer,
    b.offsets.buffer,
    b.bytes.buffer,
  ] as ArrayBuffer[];
  if (b.headers)
    out.push(b.headers.counts.buffer as ArrayBuffer, b.headers.nameIx.buffer as ArrayBuffer);
  return out;
}

const NO_HEADERS: [string, string][] = [];

/** Unpacks a batch into stream messages whose `data` are views into the batch's buffer. */
export function unpackBatch(b: PackedBatch): StreamMessage[] {
  const n = b.seq.length;
  const out: StreamMessage[] = new Array<StreamMessage>(n);
  const h = b.headers;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const lo = b.offsets[i] as number;
    const hi = b.offsets[i + 1] as number;
    // A fresh empty array per message would be garbage; nobody mutates headers.
    let headers = NO_HEADERS;
    const c = h ? (h.counts[i] as number) : 0;
    if (h && c > 0) {
      headers = new Array<[string, string]>(c);
      for (let k = 0; k < c; k++, p++)
        headers[k] = [h.names[h.nameIx[p] as number] as string, h.values[p] as string];
    }
    out[i] = {
      seq: b.seq[i] as number,
      subject: b.subjects[b.subjectIx[i] as number] as string,
      timeMs: b.timeMs[i] as number,
      time: b.time[i] as string,
      headers,
      data: b.bytes.subarray(lo, hi),
      size: hi - lo,
    };
  }
  return out;
}

/**
 * A batch as read, for a reader that decodes on the page (the replay): like PackedBatch, but
 * built straight from nats.js's messages with no string or array per message on either side.
 * Each message's raw header block travels in the byte buffer just before its payload (parsed
 * only if the pairs are wanted: headersFromBlock), and the stream time as ms plus the
 * nanoseconds within its second (the RFC 3339 text is formatted only if wanted: isoTime).
 */
export type RawBatch = {
  seq: Float64Array;
  timeMs: Float64Array;
  /** Nanoseconds within the second of the stream time. */
  nanos: Uint32Array;
  /** The batch's distinct subjects; message i's is subjects[subjectIx[i]]. */
  subjects: string[];
  subjectIx: Uint32Array;
  /**
   * Message i is bytes[offsets[i] .. offsets[i + 1]): its header block (hdrLen[i] bytes, 0 when
   * it has none), then its payload.
   */
  offsets: Uint32Array;
  hdrLen: Uint32Array;
  bytes: Uint8Array;
};

/** What to transfer (not copy) when posting a raw batch. */
export function rawTransferables(b: RawBatch): ArrayBuffer[] {
  return [
    b.seq.buffer,
    b.timeMs.buffer,
    b.nanos.buffer,
    b.subjectIx.buffer,
    b.offsets.buffer,
    b.hdrLen.buffer,
    b.bytes.buffer,
  ] as ArrayBuffer[];
}

const enc = new TextEncoder();

/**
 * Packs consumer-delivered messages into RawBatches (a RangeSink's add/size/flush): the
 * columns grow with spare room and are cut to size per batch, each message's received bytes
 * (header block + payload, already back to back in nats.js's buffer) are copied once.
 */
export class RawPacker {
  private n = 0;
  private cap: number;
  private seq: Float64Array;
  private timeMs: Float64Array;
  private nanos: Uint32Array;
  private subjectIx: Uint32Array;
  private offsets: Uint32Array;
  private hdrLen: Uint32Array;
  private bytes: Uint8Array;
  private used = 0;
  private subjects: string[] = [];
  private subjectMap = new Map<string, number>();

  constructor(capacity = 1024) {
    this.cap = Math.max(1, capacity);
    this.seq = new Float64Array(this.cap);
    this.timeMs = new Float64Array(this.cap);
    this.nanos = new Uint32Array(this.cap);
    this.subjectIx = new Uint32Array(this.cap);
    this.offsets = new Uint32Array(this.cap + 1);
    this.hdrLen = new Uint32Array(this.cap);
    this.bytes = new Uint8Array(this.cap * 512);
  }

  size(): number {
    return this.n;
  }

  /** Adds one message (seq, stream time in nanos, subject, raw header block and payload). */
  add(m: {
    seq: number;
    subject: string;
    info: { timestampNanos: number | bigint };
    reply?: unknown;
    data: Uint8Array;
    headers?: unknown;
  }): void {
    if (this.n === this.cap) this.growRows();
    const i = this.n++;
    // As fromJsMsg: ms (msOf) and the nanoseconds within the second, exact.
    stampOfJsMsg(m);
    this.seq[i] = m.seq;
    this.timeMs[i] = msOf(stamp.sec, stamp.sub);
    this.nanos[i] = stamp.sub;
    let ix = this.subjectMap.get(m.subject);
    if (ix === undefined) {
      ix = this.subjects.length;
      this.subjects.push(m.subject);
      this.subjectMap.set(m.subject, ix);
    }
    this.subjectIx[i] = ix;
    const hdr = rawHeaderLength(m);
    let block: Uint8Array | null = null;
    let body: Uint8Array;
    if (hdr !== null) {
      // The received bytes are header block + payload already: one copy.
      body = rawBytes(m);
      this.hdrLen[i] = hdr;
    } else {
      // Another nats.js: the block from the parsed headers (headersFromBlock reads it back).
      block = encodeHeaders(m.headers);
      body = m.data;
      this.hdrLen[i] = block.length;
    }
    const need = this.used + (block ? block.length : 0) + body.length;
    if (need > this.bytes.length) this.growBytes(need);
    this.offsets[i] = this.used;
    if (block) {
      this.bytes.set(block, this.used);
      this.used += block.length;
    }
    this.bytes.set(body, this.used);
    this.used += body.length;
  }

  /** The messages added since the last take, as a batch of their own buffers (transferable). */
  take(): RawBatch {
    const n = this.n;
    this.offsets[n] = this.used;
    const batch: RawBatch = {
      seq: this.seq.slice(0, n),
      timeMs: this.timeMs.slice(0, n),
      nanos: this.nanos.slice(0, n),
      subjects: this.subjects,
      subjectIx: this.subjectIx.slice(0, n),
      offsets: this.offsets.slice(0, n + 1),
      hdrLen: this.hdrLen.slice(0, n),
      bytes: this.bytes.slice(0, this.used),
    };
    this.n = 0;
    this.used = 0;
    this.subjects = [];
    this.subjectMap = new Map();
    return batch;
  }

  private growRows() {
    const cap = this.cap * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const u32 = (a: Uint32Array, extra = 0) => {
      const b = new Uint32Array(cap + extra);
      b.set(a);
      return b;
    };
    this.seq = f64(this.seq);
    this.timeMs = f64(this.timeMs);
    this.nanos = u32(this.nanos);
    this.subjectIx = u32(this.subjectIx);
    this.offsets = u32(this.offsets, 1);
    this.hdrLen = u32(this.hdrLen);
    this.cap = cap;
  }

  private growBytes(need: number) {
    const b = new Uint8Array(Math.max(need, this.bytes.length * 2));
    b.set(this.bytes.subarray(0, this.used));
    this.bytes = b;
  }
}

/** A header block ("NATS/1.0\r\nName: value\r\n…\r\n") from nats.js's parsed headers, or none. */
function encodeHeaders(h: unknown): Uint8Array {
  const hs = h as { keys(): string[]; values(k: string): string[] } | undefined;
  if (!hs) return new Uint8Array(0);
  let t = 'NATS/1.0\r\n';
  for (const k of hs.keys()) for (const v of hs.values(k)) t += `${k}: ${v}\r\n`;
  return enc.encode(`${t}\r\n`);
}
