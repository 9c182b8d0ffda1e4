/**
 * Range reads: one ordered (ephemeral, ack-none) consumer from a start to the end of what is
 * stored, or to a bound, handed over in batches; checked before anything is sent, resumed
 * after failovers, deleted when done. Nothing here acks, deletes or publishes.
 */
import { narrowing, validateSubjectFilter } from '../nats/subjects';
import { DeliverPolicy, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { followOrdered } from './follow';
import { getStored } from './get';
import { fromJsMsg, type StreamMessage } from './message';

/** Where a read starts. */
export type StartAt =
  | { kind: 'first' }
  | { kind: 'seq'; seq: number }
  | { kind: 'time'; time: string | Date }
  | { kind: 'new' }
  | { kind: 'last' };

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
    throw new InvalidReadError(
      `Sequence ${String(start.seq)} is not a whole number from 1 to ${Number.MAX_SAFE_INTEGER}.`,
    );
  }
  if (start.kind === 'time' && Number.isNaN(new Date(start.time).getTime())) {
    throw new InvalidReadError(
      `"${String(start.time)}" is not a time (use ISO 8601, e.g. 2026-01-01T12:00:00Z).`,
    );
  }
}

export function orderedOptions(start: StartAt, filter: string | undefined, filters?: string[]) {
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
  /**
   * Called once the read's consumer exists, before any message is handled: how many messages
   * it has pending (to the end of the stream) and its position (the sequence before its first
   * delivery). May return a sequence to end the read after instead of `endSeq` (only a lower
   * one counts): the handoff splits a long range there (handoff.ts). Not sent to a worker.
   */
  onStart?: (s: { pending: number; position: number }) => number | void;
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
export function readRange(
  js: JetStreamClient,
  stream: string,
  opts: ReadOptions,
): Promise<ReadResult> {
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
 * A bulk reader packs straight from the message here (lib/workers/reader.worker.ts) instead of building
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
export async function readRangeInto(
  js: JetStreamClient,
  stream: string,
  opts: Omit<ReadOptions, 'onBatch'>,
  sink: RangeSink,
): Promise<ReadResult> {
  const result: ReadResult = { count: 0, lastSeq: 0, reason: 'end' };
  if (opts.signal?.aborted) return { ...result, reason: 'aborted' };
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 1000, 10_000));
  let lastPending = 0;
  let vanished = 0;
  const unfiltered = narrowing(opts.filter) === undefined;
  // The read's last sequence: opts.endSeq, or the lower one onStart gave.
  let endSeq = opts.endSeq;
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
    configFor: (at) =>
      orderedOptions(
        at === null ? opts.start : { kind: 'seq', seq: at },
        opts.filter,
        opts.filters,
      ),
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
      if (endSeq !== undefined && seq > endSeq) return finish('endSeq');
      sink.add(m);
      result.count++;
      result.lastSeq = seq;
      lastPending = m.info.pending;
      if (endSeq !== undefined && seq >= endSeq) return finish('endSeq');
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
  // Before any delivery is handled (those come as socket events, after this continuation).
  const cut = opts.onStart?.({ pending: startPending, position: follow.lastSeq() });
  if (typeof cut === 'number' && (endSeq === undefined || cut < endSeq)) endSeq = cut;
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
      const next = opts.filters?.length
        ? await nextStoredSeqOfAny(js, stream, at, opts.filters)
        : await nextStoredSeq(js, stream, at, opts.filter);
      // Something was delivered meanwhile, or the answer is unknown: keep reading.
      if (done || next === undefined || follow.lastSeq() + 1 !== at) return;
      if (next === null) {
        stallEnded = true;
        finish('end');
      } else if (endSeq !== undefined && next > endSeq) {
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
  const end = endSeq ?? Infinity;
  const ranOut = result.reason === 'end' || result.reason === 'endSeq';
  const short = ranOut && (stallEnded || (result.reason === 'endSeq' && at < end));
  if (ranOut && (short || jumps.length > 0)) {
    const { firstSeq, gone } = await streamFirstSeq(js, stream);
    if (gone) throw gone;
    if (firstSeq !== null) {
      let gone = 0;
      for (const [a, b] of jumps) gone += Math.max(0, Math.min(b, firstSeq - 1, end) - a + 1);
      // The tail, unless the last jump (to a message past endSeq) already covers it.
      if (short && jumps[jumps.length - 1]?.[0] !== at + 1)
        gone += Math.max(0, Math.min(firstSeq - 1, end) - at);
      // Filtered, sequences are not messages: no more than were pending and did not come.
      vanished = Math.max(
        vanished,
        unfiltered ? gone : Math.min(gone, Math.max(0, startPending - result.count)),
      );
    }
  }
  if (vanished > 0) result.vanished = vanished;
  return result;
}

/** The stream's first sequence now (null when it could not be read), or the error saying it is gone. */
async function streamFirstSeq(
  js: JetStreamClient,
  stream: string,
): Promise<{ firstSeq: number | null; gone?: unknown }> {
  try {
    const jsm = await js.jetstreamManager(false);
    return { firstSeq: (await jsm.streams.info(stream)).state.first_seq };
  } catch (e) {
    return /stream not found|10059/i.test(String((e as Error)?.message ?? e))
      ? { firstSeq: null, gone: e }
      : { firstSeq: null };
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
    const m = await getStored(jsm, stream, query, false).catch(() =>
      getStored(jsm, stream, query, true),
    );
    return m ? m.seq : null;
  } catch {
    return undefined;
  }
}

/** nextStoredSeq over several filters: the first match of any (undefined when one can't say). */
async function nextStoredSeqOfAny(
  js: JetStreamClient,
  stream: string,
  seq: number,
  filters: string[],
): Promise<number | null | undefined> {
  const ns = await Promise.all(filters.map((f) => nextStoredSeq(js, stream, seq, f)));
  if (ns.some((n) => n === undefined)) return undefined;
  const found = ns.filter((n): n is number => typeof n === 'number');
  return found.length ? Math.min(...found) : null;
}
