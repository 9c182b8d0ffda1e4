/**
 * Read-only access to a stream: ordered (ephemeral, ack-none) consumers for ranges and live
 * tails, direct/stream get for single messages. Nothing here acks, deletes messages or
 * publishes; every consumer made here is deleted when done (and has a short inactivity
 * threshold as a backstop). Messages reach callers in batches, never one callback per message.
 */
import { narrowing, validateSubjectFilter } from '../nats/subjects';
import { DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg, type StoredMsg } from '@nats-io/jetstream';
import { decodeHeaderBlock, rawBytes, rawHeaderLength } from '../nats/internals';
import { isNoMessageError } from '../nats/errors';
import { followOrdered } from './follow';

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

/** Where a read starts. */
export type StartAt =
  | { kind: 'first' }
  | { kind: 'seq'; seq: number }
  | { kind: 'time'; time: string | Date }
  | { kind: 'new' }
  | { kind: 'last' };

function headerPairs(h: { keys(): string[]; values(k: string): string[] } | undefined): [string, string][] {
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
    if (grouped && out.length > 0 && (out[out.length - 1] as [string, string])[0] !== k && out.some((p) => p[0] === k)) grouped = false;
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
  return typeof nanos === 'bigint' ? Number(nanos % 1_000_000_000n) : Math.floor(nanos) % 1_000_000_000;
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
    headers: headerPairs(m.header as unknown as { keys(): string[]; values(k: string): string[] }).filter(
      ([k]) => !k.startsWith('Nats-Stream') && !k.startsWith('Nats-Sequence') && !k.startsWith('Nats-Time-Stamp') && !k.startsWith('Nats-Subject') && !k.startsWith('Nats-Last-Sequence') && !k.startsWith('Nats-Num-Pending'),
    ),
    data: m.data,
    size: m.data.length,
  };
}

/** A read asked for something no stream can answer (bad sequence, time or filter). */
export class InvalidReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReadError';
  }
}

/** Checks a read's start and filter before anything is sent to the server. */
export function validateRead(start: StartAt, filter?: string): void {
  if (filter !== undefined) {
    const f = validateSubjectFilter(filter);
    if (!f.ok) throw new InvalidReadError(`Invalid subject filter "${filter}": ${f.error}`);
  }
  if (start.kind === 'seq' && !(Number.isSafeInteger(start.seq) && start.seq >= 1)) {
    throw new InvalidReadError(`Sequence ${String(start.seq)} is not a whole number from 1 to ${Number.MAX_SAFE_INTEGER}.`);
  }
  if (start.kind === 'time' && Number.isNaN(new Date(start.time).getTime())) {
    throw new InvalidReadError(`"${String(start.time)}" is not a time (use ISO 8601, e.g. 2026-01-01T12:00:00Z).`);
  }
}

function orderedOptions(start: StartAt, filter: string | undefined, filters?: string[]) {
  validateRead(start, filter);
  const base: Record<string, unknown> = {};
  // Several filter subjects on one consumer: nats-server 2.10+ only (capabilities.ts).
  if (filters && filters.length > 0) base.filter_subjects = filters;
  else if (narrowing(filter)) base.filter_subject = filter;
  switch (start.kind) {
    case 'first':
      base.deliver_policy = DeliverPolicy.All;
      break;
    case 'seq':
      base.deliver_policy = DeliverPolicy.StartSequence;
      base.opt_start_seq = Math.max(1, Math.floor(start.seq));
      break;
    case 'time':
      base.deliver_policy = DeliverPolicy.StartTime;
      base.opt_start_time = new Date(start.time).toISOString();
      break;
    case 'new':
      base.deliver_policy = DeliverPolicy.New;
      break;
    case 'last':
      base.deliver_policy = DeliverPolicy.Last;
      break;
  }
  return base;
}

export type ReadOptions = {
  start: StartAt;
  /** One subject filter (nats-server 2.9 allows one per consumer). */
  filter?: string;
  /** Several subject filters, none overlapping (nats-server 2.10+); instead of `filter`. */
  filters?: string[];
  /** Stop after the message with this sequence (inclusive). */
  endSeq?: number;
  /** Stop after this many messages. */
  limit?: number;
  /** Messages per pull request; larger is faster for bulk reads. */
  batchSize?: number;
  signal?: AbortSignal;
  /** Receives messages in stream order, in batches. `pending` = messages left after the batch. */
  onBatch: (msgs: StreamMessage[], pending: number) => void;
};

export type ReadResult = {
  count: number;
  lastSeq: number;
  reason: 'end' | 'limit' | 'endSeq' | 'aborted';
  /**
   * Messages the read should have delivered but that left the stream before it got to them
   * (a purge, a delete, limits): at least this many. Absent or 0 when none did.
   */
  vanished?: number;
};

/**
 * Reads a range in stream order with an ordered consumer, until the end of the stream as it
 * was when the read caught up (pending 0), `endSeq`, `limit` or abort. Survives reconnects:
 * the ordered consumer resumes after the last sequence it delivered.
 */
export function readRange(js: JetStreamClient, stream: string, opts: ReadOptions): Promise<ReadResult> {
  let buf: StreamMessage[] = [];
  return readRangeInto(js, stream, opts, {
    add: (m) => void buf.push(fromJsMsg(m)),
    size: () => buf.length,
    flush: (pending) => {
      const out = buf;
      buf = [];
      opts.onBatch(out, pending);
    },
  });
}

/**
 * Where readRangeInto puts the messages it reads: each delivered message is `add`ed (stream
 * order) as nats.js hands it over, and `flush` hands over what was added since the last one.
 * A bulk reader packs straight from the message here (reader.worker.ts) instead of building
 * a StreamMessage per message that it then only copies out of again.
 */
export type RangeSink = {
  add(m: JsMsg): void;
  /** Messages added since the last flush. */
  size(): number;
  /** Called only when size() > 0. `pending` = messages left after them. */
  flush(pending: number): void;
};

/** readRange into a sink (same stops, batching, flush timer, failover and abort). */
export async function readRangeInto(js: JetStreamClient, stream: string, opts: Omit<ReadOptions, 'onBatch'>, sink: RangeSink): Promise<ReadResult> {
  const result: ReadResult = { count: 0, lastSeq: 0, reason: 'end' };
  if (opts.signal?.aborted) return { ...result, reason: 'aborted' };
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 1000, 10_000));
  let lastPending = 0;
  let vanished = 0;
  const unfiltered = narrowing(opts.filter) === undefined;
  /** Sequence ranges an unfiltered read jumped over (deleted before or during the read). */
  const jumps: [number, number][] = [];
  let done = false;
  let resolveDone!: () => void;
  const finished = new Promise<void>((r) => (resolveDone = r));

  const flush = () => {
    if (sink.size() === 0) return;
    sink.flush(lastPending);
  };
  const finish = (reason: ReadResult['reason']) => {
    if (done) return;
    done = true;
    result.reason = reason;
    flush();
    resolveDone();
  };

  // Survives the loss of the consumer's server (follow.ts): each sequence exactly once.
  const follow = await followOrdered(js, stream, {
    configFor: (at) => orderedOptions(at === null ? opts.start : { kind: 'seq', seq: at }, opts.filter, opts.filters),
    maxMessages: batchSize,
    endOnApiError: true,
    onMessage: (m) => {
      if (done) return;
      const seq = m.seq;
      // The stream only grows unless messages are removed: read + this one + pending below what
      // was pending at the start means some left before this read got to them (a purge).
      const short = startPending - (result.count + 1 + m.info.pending);
      if (short > vanished) vanished = short;
      // Unfiltered, every stored sequence comes: a jump is deleted messages (a purge moves the
      // consumer past what it removed; nats-server 2.9 leaves the pending count as it was).
      const prev = result.count ? result.lastSeq : follow.lastSeq();
      if (unfiltered && seq > prev + 1 && jumps.length < MAX_JUMPS) jumps.push([prev + 1, seq - 1]);
      if (opts.endSeq !== undefined && seq > opts.endSeq) return finish('endSeq');
      sink.add(m);
      result.count++;
      result.lastSeq = seq;
      lastPending = m.info.pending;
      if (opts.endSeq !== undefined && seq >= opts.endSeq) return finish('endSeq');
      if (opts.limit !== undefined && result.count >= opts.limit) return finish('limit');
      if (m.info.pending === 0) return finish('end');
      if (sink.size() >= batchSize) flush();
    },
  });
  lastPending = follow.initial.num_pending;
  const startPending = follow.initial.num_pending;
  if (follow.initial.num_pending === 0 || (opts.limit !== undefined && opts.limit <= 0)) {
    done = true;
    await follow.close();
    return { count: 0, lastSeq: 0, reason: 'end' };
  }
  const onAbort = () => finish('aborted');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // The end of the read is the delivery whose pending count is 0. nats-server 2.9 over-counts a
  // wildcard-filtered consumer's pending (seen: 9 pending after the last `agent.task.>` message,
  // the stream ending in other subjects), so that delivery never comes and the read would wait
  // for ever. When nothing arrived for a while, ask the stream where the next match is: none,
  // or one past endSeq, ends the read as "caught up" would have.
  let quietSince = Date.now();
  let nextCheck = STALL_FIRST_CHECK_MS;
  let checking = false;
  let stallEnded = false;
  let seenCount = result.count;
  const checkStall = async () => {
    checking = true;
    try {
      const at = follow.lastSeq() + 1;
      const next = opts.filters?.length ? await nextStoredSeqOfAny(js, stream, at, opts.filters) : await nextStoredSeq(js, stream, at, opts.filter);
      // Something was delivered meanwhile, or the answer is unknown: keep reading.
      if (done || next === undefined || follow.lastSeq() + 1 !== at) return;
      if (next === null) {
        stallEnded = true;
        finish('end');
      } else if (opts.endSeq !== undefined && next > opts.endSeq) {
        stallEnded = true;
        finish('endSeq');
      }
    } finally {
      checking = false;
      quietSince = Date.now();
      nextCheck = STALL_RECHECK_MS;
    }
  };
  // A partially filled batch is flushed on a short timer so slow trickles still show up.
  const timer = setInterval(() => {
    flush();
    if (result.count !== seenCount) {
      seenCount = result.count;
      quietSince = Date.now();
      nextCheck = STALL_FIRST_CHECK_MS;
    } else if (!done && !checking && Date.now() - quietSince >= nextCheck) void checkStall();
  }, 100);
  void follow.ended.then(() => finish(done ? result.reason : 'aborted'));
  try {
    await finished;
  } finally {
    clearInterval(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    await follow.close();
  }
  // The stream went away under the read (deleted): an error, not a quietly shorter read.
  if (follow.failure()) throw follow.failure();
  // The jumps, and the range's tail when the read ended short of it, are what a purge during
  // the read removed if the stream's head is now past them; else they were gone before.
  const at = result.count ? result.lastSeq : follow.lastSeq();
  const end = opts.endSeq ?? Infinity;
  const ranOut = result.reason === 'end' || result.reason === 'endSeq';
  const short = ranOut && (stallEnded || (result.reason === 'endSeq' && at < end));
  if (ranOut && (short || jumps.length > 0)) {
    const { firstSeq, gone } = await streamFirstSeq(js, stream);
    if (gone) throw gone;
    if (firstSeq !== null) {
      let gone = 0;
      for (const [a, b] of jumps) gone += Math.max(0, Math.min(b, firstSeq - 1, end) - a + 1);
      // The tail, unless the last jump (to a message past endSeq) already covers it.
      if (short && jumps[jumps.length - 1]?.[0] !== at + 1) gone += Math.max(0, Math.min(firstSeq - 1, end) - at);
      // Filtered, sequences are not messages: no more than were pending and did not come.
      vanished = Math.max(vanished, unfiltered ? gone : Math.min(gone, Math.max(0, startPending - result.count)));
    }
  }
  if (vanished > 0) result.vanished = vanished;
  return result;
}

/** The stream's first sequence now (null when it could not be read), or the error saying it is gone. */
async function streamFirstSeq(js: JetStreamClient, stream: string): Promise<{ firstSeq: number | null; gone?: unknown }> {
  try {
    const jsm = await js.jetstreamManager(false);
    return { firstSeq: (await jsm.streams.info(stream)).state.first_seq };
  } catch (e) {
    return /stream not found|10059/i.test(String((e as Error)?.message ?? e)) ? { firstSeq: null, gone: e } : { firstSeq: null };
  }
}

/** Jumps kept per read for the purge check (an unfiltered read of a stream full of holes stops counting). */
const MAX_JUMPS = 10_000;

/** A read quiet this long (ms) asks the stream whether anything is left to deliver. */
const STALL_FIRST_CHECK_MS = 100;
/** …and again this often while it stays quiet. */
const STALL_RECHECK_MS = 1000;

/**
 * Sequence of the first stored message at or after `seq` matching `filter` (any subject when
 * none); null when there is none; undefined when the server could not say (no permission for
 * either get API, a timeout). STREAM.MSG.GET first: it answers on every stream, while a direct
 * get on a stream without allow_direct only times out; direct get where MSG.GET is not allowed.
 */
export async function nextStoredSeq(
  js: JetStreamClient,
  stream: string,
  seq: number,
  filter: string | undefined,
): Promise<number | null | undefined> {
  const query = { seq, next_by_subj: narrowing(filter) ?? '>' };
  try {
    const jsm = await js.jetstreamManager(false);
    const m = await getStored(jsm, stream, query, false).catch(() => getStored(jsm, stream, query, true));
    return m ? m.seq : null;
  } catch {
    return undefined;
  }
}

/** nextStoredSeq over several filters: the first match of any (undefined when one can't say). */
async function nextStoredSeqOfAny(js: JetStreamClient, stream: string, seq: number, filters: string[]): Promise<number | null | undefined> {
  const ns = await Promise.all(filters.map((f) => nextStoredSeq(js, stream, seq, f)));
  if (ns.some((n) => n === undefined)) return undefined;
  const found = ns.filter((n): n is number => typeof n === 'number');
  return found.length ? Math.min(...found) : null;
}

export type Tail = { stop(): Promise<void>; lastSeq(): number };

/**
 * Follows a stream from `start` (usually `new`, or a sequence to resume from) and hands
 * messages over in batches at most every `flushMs`. Runs until stopped; reconnects resume
 * after the last delivered sequence (ordered consumer semantics): no gap, no duplicate.
 * `map` turns each delivered message into what the caller keeps (default: a StreamMessage);
 * hot live views pass a leaner one.
 */
export async function tailStream<T = StreamMessage>(
  js: JetStreamClient,
  stream: string,
  opts: {
    start: StartAt;
    filter?: string;
    flushMs?: number;
    map?: (m: JsMsg) => T;
    onBatch: (msgs: T[]) => void;
  },
): Promise<Tail> {
  const map = opts.map ?? (fromJsMsg as unknown as (m: JsMsg) => T);
  // "new" is resolved against the stream leader's last sequence: a consumer placed on a
  // replica that lags by a message would otherwise start before it (seen on a 3-node cluster).
  const start: StartAt =
    opts.start.kind === 'new'
      ? { kind: 'seq', seq: (await (await js.streams.get(stream)).info()).state.last_seq + 1 }
      : opts.start;
  let buf: T[] = [];
  let last = 0;
  const flush = () => {
    if (buf.length === 0) return;
    const out = buf;
    buf = [];
    opts.onBatch(out);
  };
  const follow = await followOrdered(js, stream, {
    configFor: (at) => orderedOptions(at === null ? start : { kind: 'seq', seq: at }, opts.filter),
    maxMessages: 1000,
    onMessage: (m) => {
      last = m.seq;
      buf.push(map(m));
    },
  });
  const timer = setInterval(flush, opts.flushMs ?? 50);
  return {
    lastSeq: () => last,
    stop: async () => {
      clearInterval(timer);
      flush();
      await follow.close();
    },
  };
}

/** True for the get APIs' answer "no message there" (deleted, expired, or no match). */
export function isNoMessage(e: unknown): boolean {
  return isNoMessageError(e);
}

/**
 * One stored message by a get query, without a consumer: direct get when `direct` (the stream's
 * allow_direct), else STREAM.MSG.GET, which takes `next_by_subj` too on nats-server 2.9 (nats.js
 * types it only on direct get). Null when the query matches no message.
 */
export async function getStored(
  jsm: JetStreamManager,
  stream: string,
  query: { seq: number; next_by_subj?: string },
  direct: boolean,
): Promise<StreamMessage | null> {
  try {
    const m = direct ? await jsm.direct.getMessage(stream, query) : await jsm.streams.getMessage(stream, query as { seq: number });
    return m ? fromStoredMsg(m) : null;
  } catch (e) {
    if (isNoMessage(e)) return null;
    throw e;
  }
}

/**
 * Reads one message by sequence: direct get when the stream allows it (no consumer at all),
 * else the STREAM.MSG.GET API. Returns null when the sequence holds no message.
 */
export function getMessage(jsm: JetStreamManager, stream: string, seq: number, opts: { direct?: boolean } = {}): Promise<StreamMessage | null> {
  return getStored(jsm, stream, { seq }, opts.direct === true);
}

/**
 * Reads the next message at or after `seq` matching `filter` with direct get (next_by_subj),
 * without creating a consumer. Null when none.
 */
export function getNextMessage(jsm: JetStreamManager, stream: string, seq: number, filter: string): Promise<StreamMessage | null> {
  return getStored(jsm, stream, { seq, next_by_subj: filter }, true);
}
