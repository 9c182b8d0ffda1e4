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
import { fromStoredMsg, type StreamMessage } from '@/lib/stream/reader';
import type { Capabilities } from '@/lib/nats/capabilities';
import { consumerTimes } from './get-reader';

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
};

const aborted = () => new DOMException('aborted', 'AbortError');

/** The NatsConnection behind a JetStream client (nats.js keeps it as `nc`). */
function connectionOf(js: JetStreamClient): NatsConnection {
  const nc = (js as unknown as { nc?: NatsConnection }).nc;
  if (!nc) throw new Error('This JetStream client has no connection to send a batch get on.');
  return nc;
}

/** A StreamMessage from one message of a batch answer (the headers of a direct get). */
function toStreamMessage(m: Msg): StreamMessage {
  const h = m.headers;
  const timestamp = h?.last('Nats-Time-Stamp') ?? '';
  const stored = {
    seq: Number(h?.last('Nats-Sequence') ?? 0),
    subject: h?.last('Nats-Subject') ?? '',
    time: new Date(Date.parse(timestamp)),
    timestamp,
    header: h,
    data: m.data,
  };
  return consumerTimes(fromStoredMsg(stored as unknown as Parameters<typeof fromStoredMsg>[0]));
}

/**
 * Every stored message in [start, end] ascending (matching `filter` when given), by batch direct
 * gets, one request per batch. Stops at `end`, at `limit` messages, when the server has no more
 * or on abort (AbortError). Only for a server with `batchGet` and a stream with allow_direct.
 */
export async function* batchGets(
  js: JetStreamClient,
  stream: string,
  caps: Capabilities,
  o: BatchReadOptions,
): AsyncGenerator<StreamMessage> {
  const nc = connectionOf(js);
  const prefix = js.getOptions().apiPrefix || '$JS.API';
  let seq = Math.max(1, o.start);
  let left = o.limit ?? Number.POSITIVE_INFINITY;
  let requests = 0;
  while (seq <= o.end && left > 0) {
    if (o.signal?.aborted) throw aborted();
    const batch = Math.max(
      1,
      Math.min(BATCH_MAX, left === Number.POSITIVE_INFINITY ? BATCH_MAX : left, o.end - seq + 1),
    );
    // Only fields every 2.11+ server knows (2.12+ refuses unknown ones).
    const req: Record<string, unknown> = { seq, batch, max_bytes: BATCH_BYTES };
    if (o.filter) req.next_by_subj = o.filter;
    const inbox = createInbox(
      (nc as unknown as { options?: { inboxPrefix?: string } }).options?.inboxPrefix,
    );
    const sub = nc.subscribe(inbox, { timeout: 10_000 });
    nc.publish(`${prefix}.DIRECT.GET.${stream}`, JSON.stringify(req), { reply: inbox });
    requests++;
    let got = 0;
    let pending = -1;
    const stop = () => sub.unsubscribe();
    o.signal?.addEventListener('abort', stop, { once: true });
    try {
      for await (const m of sub) {
        const code = m.headers?.code ?? 0;
        if (code !== 0) {
          // 204 EOB ends the batch; 404 says nothing matches from `seq` on.
          if (code === 204 || code === 404) break;
          throw new Error(
            `Batch direct get on ${stream} failed: ${code} ${m.headers?.description ?? ''}`.trim(),
          );
        }
        const msg = toStreamMessage(m);
        const p = Number(m.headers?.last('Nats-Num-Pending') ?? -1);
        // 2.11 counts one more (the end-of-batch marker).
        pending = caps.exactBatchPending ? p : Math.max(0, p - 1);
        if (msg.seq > o.end) {
          seq = o.end + 1;
          break;
        }
        got++;
        left--;
        seq = msg.seq + 1;
        yield msg;
        if (left <= 0) break;
      }
    } finally {
      o.signal?.removeEventListener('abort', stop);
      sub.unsubscribe();
    }
    if (o.signal?.aborted) throw aborted();
    o.onProgress?.({ pending: Math.max(0, pending), requests });
    // Nothing more stored (or matching) from `seq` on.
    if (got === 0 || pending === 0) return;
  }
}
