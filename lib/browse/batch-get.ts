/**
 * Batch direct get (nats-server 2.11+, streams with allow_direct): one DIRECT.GET request
 * answered with up to `batch` messages (at most `max_bytes` of them), each carrying
 * `Nats-Num-Pending`, then an end-of-batch status. Where a consumer can't read (work-queue
 * streams, no permission to create consumers) this replaces one request per message.
 *
 * Sent as a plain request on an inbox rather than through nats.js's `direct.getBatch`: that
 * one (3.4) never unsubscribes its inbox after the end of a batch, and a 1,000,000-message read
 * is a thousand batches. Read-only: DIRECT.GET changes nothing on the server.
 */
import { createInbox, type Msg, type NatsConnection } from '@nats-io/nats-core';
import type { JetStreamClient } from '@nats-io/jetstream';
import {
  headersFromBlock,
  isoTime,
  msOf,
  rawBytes,
  rawHeaderLength,
  stamp,
  stampFromIso,
  type StreamMessage,
} from '@/lib/stream/reader';
import type { Capabilities } from '@/lib/nats/capabilities';
import { directFields } from './direct-headers';

/** Messages asked for per request (the server also stops at max_bytes). */
export const BATCH_MAX = 5_000;
/** Bytes asked for per request: big enough to amortise the round trip, small enough to stream. */
export const BATCH_BYTES = 4 * 1024 * 1024;

export type BatchProgress = {
  /** Matching messages still stored after the last one read (to the stream's end). */
  pending: number;
  /** Requests sent so far by this read. */
  requests: number;
};

export type BatchReadOptions = {
  start: number;
  /** Last sequence (inclusive). */
  end: number;
  /** Subject filter the server applies (`next_by_subj`, any wildcard, no subset rule). */
  filter?: string;
  /** Messages wanted at most (a page): sizes the requests. */
  limit?: number;
  signal?: AbortSignal;
  onProgress?: (p: BatchProgress) => void;
  /** Bytes per request (default BATCH_BYTES; tests make it small to cut batches short). */
  maxBytes?: number;
};

const aborted = () => new DOMException('aborted', 'AbortError');

/** The NatsConnection behind a JetStream client (nats.js keeps it as `nc`). */
function connectionOf(js: JetStreamClient): NatsConnection {
  const nc = (js as unknown as { nc?: NatsConnection }).nc;
  if (!nc) throw new Error('This JetStream client has no connection to send a batch get on.');
  return nc;
}

/** Headers the server adds to a direct get answer (fromStoredMsg drops them the same way). */
const DIRECT_HEADERS = [
  'Nats-Stream',
  'Nats-Sequence',
  'Nats-Time-Stamp',
  'Nats-Subject',
  'Nats-Last-Sequence',
  'Nats-Num-Pending',
  'Nats-UpTo-Sequence',
];
const isDirectHeader = (k: string) => DIRECT_HEADERS.some((p) => k.startsWith(p));

/**
 * A StreamMessage from one message of a batch answer, equal to what a consumer read gives
 * (fromJsMsg; as fromStoredMsg but in one pass: at 100,000 messages the
 * two Date parses and header copies per message were most of a batch read's client time).
 * The string path below is the fallback for a block directFields does not take.
 */
export function batchMessage(m: Msg): { msg: StreamMessage; pending: number } {
  // The raw header block read from its bytes (direct-headers.ts); nats.js's own decode of the
  // six headers a direct get adds was the largest client cost, a string parse the next one.
  const hl = rawHeaderLength({ msg: m });
  if (hl !== null && hl > 0) {
    const raw = rawBytes({ msg: m });
    const f = directFields(raw, hl);
    if (f) {
      const data = raw.subarray(hl);
      const { seq, subject, timeMs, time, headers, pending } = f;
      return { msg: { seq, subject, timeMs, time, headers, data, size: data.length }, pending };
    }
  }
  let pairs: [string, string][];
  if (hl !== null) pairs = headersFromBlock(rawBytes({ msg: m }).subarray(0, hl));
  else {
    pairs = [];
    const h = m.headers;
    if (h) for (const k of h.keys()) for (const v of h.values(k)) pairs.push([k, v]);
  }
  let seq = 0;
  let subject = '';
  let ts = '';
  let pending = -1;
  const headers: [string, string][] = [];
  for (const pair of pairs) {
    const k = pair[0];
    if (k === 'Nats-Sequence') seq = Number(pair[1]);
    else if (k === 'Nats-Subject') subject = pair[1];
    else if (k === 'Nats-Time-Stamp') ts = pair[1];
    else if (k === 'Nats-Num-Pending') pending = Number(pair[1]);
    else if (!isDirectHeader(k)) headers.push(pair);
  }
  let timeMs: number;
  let time: string;
  if (stampFromIso(ts)) {
    // Exact, as the consumer path reads it (stampOfJsMsg).
    timeMs = msOf(stamp.sec, stamp.sub);
    time = isoTime(timeMs, stamp.sub);
  } else {
    timeMs = Date.parse(ts);
    time = ts || new Date(timeMs).toISOString();
  }
  return {
    msg: { seq, subject, timeMs, time, headers, data: m.data, size: m.data.length },
    pending,
  };
}

/** One batch request's answer, filled as its messages arrive (converted on arrival). */
type Answer = {
  msgs: StreamMessage[];
  /** Num-Pending of the last message (adjusted for 2.11), -1 before any. */
  pending: number;
  /** Settles at the end of the batch (EOB or no results); rejects on an error status. */
  done: Promise<void>;
  cancel(): void;
};

/** Sends one batch DIRECT.GET; the answer collects its messages. */
function request(
  js: JetStreamClient,
  nc: NatsConnection,
  stream: string,
  caps: Capabilities,
  req: Record<string, unknown>,
): Answer {
  const prefix = js.getOptions().apiPrefix || '$JS.API';
  const inbox = createInbox(
    (nc as unknown as { options?: { inboxPrefix?: string } }).options?.inboxPrefix,
  );
  let settle!: (e?: Error) => void;
  const done = new Promise<void>(
    (resolve, reject) => (settle = (e) => (e ? reject(e) : resolve())),
  );
  done.catch(() => {});
  const a: Answer = {
    msgs: [],
    pending: -1,
    done,
    cancel: () => {
      sub.unsubscribe();
      settle();
    },
  };
  const sub = nc.subscribe(inbox, {
    timeout: 10_000,
    callback: (err, m) => {
      if (err) {
        sub.unsubscribe();
        return settle(err);
      }
      // A status (end of batch, no results, error) has no payload: only then decode its headers.
      const code = m.data.length === 0 ? (m.headers?.code ?? 0) : 0;
      if (code !== 0) {
        sub.unsubscribe();
        // 204 EOB ends the batch; 404 says nothing is stored (or matches) from `seq` on.
        if (code === 204 || code === 404) return settle();
        return settle(
          new Error(
            `Batch direct get on ${stream} failed: ${code} ${m.headers?.description ?? ''}`.trim(),
          ),
        );
      }
      const { msg, pending } = batchMessage(m);
      a.msgs.push(msg);
      // 2.11 counts one more (the end-of-batch marker).
      a.pending = caps.exactBatchPending ? pending : Math.max(0, pending - 1);
    },
  });
  // Only fields every 2.11+ server knows (2.12+ refuses unknown ones).
  nc.publish(`${prefix}.DIRECT.GET.${stream}`, JSON.stringify(req), { reply: inbox });
  return a;
}

/** Batch requests in flight at once for an unfiltered read (the next one is served while this one is handed over). */
const DEPTH = 2;

/**
 * Every stored message in [start, end] ascending (matching `filter` when given), by batch direct
 * gets, one array per answer (a caller that hands messages on in batches needs no per-message
 * step). Unfiltered reads keep DEPTH requests in flight over consecutive sequence windows of
 * BATCH_MAX (a window's answer past its end is dropped: the next window has it); filtered or
 * limited reads go one request at a time, each starting after the last message. Stops at
 * `end`, at `limit` messages, when the server has no more, or on abort (AbortError). Only for
 * a server with `batchGet` and a stream with allow_direct.
 */
export async function* batchGetChunks(
  js: JetStreamClient,
  stream: string,
  caps: Capabilities,
  o: BatchReadOptions,
): AsyncGenerator<StreamMessage[]> {
  const nc = connectionOf(js);
  const windows = !o.filter && o.limit === undefined;
  const seq = Math.max(1, o.start);
  let left = o.limit ?? Number.POSITIVE_INFINITY;
  let requests = 0;
  type Flight = { from: number; to: number; a: Answer };
  const flights: Flight[] = [];
  const send = (from: number, to: number): Flight => {
    requests++;
    const batch = Math.max(1, Math.min(BATCH_MAX, left, to - from + 1));
    const req: Record<string, unknown> = { seq: from, batch, max_bytes: o.maxBytes ?? BATCH_BYTES };
    if (o.filter) req.next_by_subj = o.filter;
    return { from, to, a: request(js, nc, stream, caps, req) };
  };
  // The next window to ask for (windowed reads).
  let next = seq;
  const launch = () => {
    if (!windows) return;
    while (flights.length < DEPTH && next <= o.end) {
      const to = Math.min(o.end, next + BATCH_MAX - 1);
      flights.push(send(next, to));
      next = to + 1;
    }
  };
  const cancelAll = () => flights.forEach((f) => f.a.cancel());
  o.signal?.addEventListener('abort', cancelAll, { once: true });
  try {
    if (windows) launch();
    else flights.push(send(seq, o.end));
    while (flights.length > 0) {
      if (o.signal?.aborted) throw aborted();
      const f = flights.shift() as Flight;
      await f.a.done;
      if (o.signal?.aborted) throw aborted();
      const msgs = f.a.msgs;
      // The messages up to the window's end (answers run past it) and within the limit.
      let n = 0;
      while (n < msgs.length && n < left && (msgs[n] as StreamMessage).seq <= f.to) n++;
      const past = n < msgs.length && (msgs[n] as StreamMessage).seq > f.to;
      const last = n > 0 ? (msgs[n - 1] as StreamMessage).seq : f.from - 1;
      left -= n;
      const more = msgs.length > 0 && f.a.pending !== 0;
      // The next requests go out before this answer is handed over: the server works meanwhile.
      if (left > 0 && more) {
        // Cut short by max_bytes inside its window: the rest of the window comes first.
        if (!past && last < f.to) flights.unshift(send(last + 1, f.to));
        else launch();
      }
      if (n > 0) yield n === msgs.length ? msgs : msgs.slice(0, n);
      if (left <= 0) return;
      o.onProgress?.({ pending: Math.max(0, f.a.pending), requests });
      // Nothing is stored (or matches) after this answer: the windows still in flight are empty.
      if (!more) return;
    }
  } finally {
    o.signal?.removeEventListener('abort', cancelAll);
    cancelAll();
  }
}

/** batchGetChunks one message at a time (for callers that take messages singly). */
export async function* batchGets(
  js: JetStreamClient,
  stream: string,
  caps: Capabilities,
  o: BatchReadOptions,
): AsyncGenerator<StreamMessage> {
  for await (const chunk of batchGetChunks(js, stream, caps, o))
    for (const m of chunk) {
      if (o.signal?.aborted) throw aborted();
      yield m;
    }
}

/**
 * The first stored message at or after `time` (matching `filter` when given), in one batch
 * request (`start_time`, batch 1): what a get-per-message seek finds by binary search.
 */
export async function firstAtTime(
  js: JetStreamClient,
  stream: string,
  caps: Capabilities,
  time: string,
  filter?: string,
): Promise<StreamMessage | null> {
  const req: Record<string, unknown> = { start_time: new Date(time).toISOString(), batch: 1 };
  if (filter) req.next_by_subj = filter;
  const a = request(js, connectionOf(js), stream, caps, req);
  await a.done;
  return a.msgs[0] ?? null;
}

/**
 * The last stored message of every subject matching `filters` at or before `upToSeq` (the
 * stream's end when omitted), in one request (2.11+ DIRECT.GET `multi_last` + `up_to_seq`),
 * ascending by sequence. E.g. the latest status event of every agent as of sequence N:
 * `['agent.status.>']`, then latestByAgent. The server answers at most 1,024 subjects and
 * refuses more (413: this rejects). Only for a server with `multiLast` and a stream with
 * allow_direct.
 */
export async function lastPerSubject(
  js: JetStreamClient,
  stream: string,
  caps: Capabilities,
  filters: string[],
  upToSeq?: number,
): Promise<StreamMessage[]> {
  const req: Record<string, unknown> = { multi_last: filters, batch: BATCH_MAX };
  if (upToSeq !== undefined) req.up_to_seq = upToSeq;
  const a = request(js, connectionOf(js), stream, caps, req);
  await a.done;
  return a.msgs.sort((x, y) => x.seq - y.seq);
}

/** Per agent id (agent.status.<id>.<status>), its latest status message among `msgs` (pure). */
export function latestByAgent(msgs: readonly StreamMessage[]): Map<string, StreamMessage> {
  const out = new Map<string, StreamMessage>();
  for (const m of msgs) {
    const t = m.subject.split('.');
    if (t.length !== 4 || t[0] !== 'agent' || t[1] !== 'status') continue;
    const id = t[2] as string;
    const had = out.get(id);
    if (!had || had.seq < m.seq) out.set(id, m);
  }
  return out;
}
