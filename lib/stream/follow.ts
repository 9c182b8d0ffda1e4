/**
 * An ordered consumer that survives the loss of the server hosting it. nats.js's ordered
 * consumer recovers from a reconnect only when its consumer still answers CONSUMER.INFO; an
 * R1 ordered consumer on a server that died never does, so the read stalls for good (seen on a
 * 3-node cluster: heartbeats missed, then nothing). Here a reconnect or missed heartbeats make
 * a fresh ordered consumer start at the last delivered sequence + 1, and anything at or below
 * it is dropped: every sequence exactly once, in order. (server/nats/failover.int.test.ts)
 */
import { connectionOf } from '../nats/internals';
import { isTransientNatsError } from '../nats/errors';
import type { ConsumerInfo, ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';

export type Follow = {
  /** CONSUMER.INFO of the first consumer (num_pending at the start). */
  initial: ConsumerInfo;
  /** Last stream sequence handed to onMessage (or the start position − 1). */
  lastSeq(): number;
  /** Resolves when the follow ends: close() or an unrecoverable error. */
  ended: Promise<void>;
  close(): Promise<void>;
};


/** Starts following; `configFor(null)` is the first consumer's config, `configFor(n)` resumes at n. */
export async function followOrdered(
  js: JetStreamClient,
  stream: string,
  opts: {
    configFor: (resumeAt: number | null) => Record<string, unknown>;
    maxMessages: number;
    /** Pull expiry; idle heartbeats are half of it, two missed trigger a new consumer. */
    expiresMs?: number;
    onMessage: (m: JsMsg) => void;
  },
): Promise<Follow> {
  const nc = connectionOf(js);
  // The create request can be lost with the server it went to (a timeout while the client
  // reconnects elsewhere): retry for up to a minute. API errors (no stream, bad filter) are final.
  const create = async (config: Record<string, unknown>) => {
    const deadline = Date.now() + 60_000;
    for (let attempt = 1; ; attempt++) {
      try {
        return await js.consumers.get(stream, config);
      } catch (e) {
        const transient = isTransientNatsError(e);
        if (!transient || Date.now() > deadline || nc?.isClosed()) throw e;
        await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 3000)));
      }
    }
  };
  const first = opts.configFor(null);
  let consumer = await create(first);
  const initial = await consumer.info(true);
  // The server positions the consumer at start − 1 (any deliver policy): resume from there. But
  // an R1 consumer placed on a replica whose copy of the stream lags has its start clamped to
  // that replica's last + 1 (nats-server 2.9), so it can deliver messages before the requested
  // start sequence (seen on a 3-node cluster just after a node restart): enforce it here.
  const asked = typeof first.opt_start_seq === 'number' ? first.opt_start_seq - 1 : 0;
  let last = Math.max(initial.delivered.stream_seq, asked);
  let iter: ConsumerMessages | null = null;
  let closed = false;
  let recreating = false;
  let endResolve!: () => void;
  const ended = new Promise<void>((r) => (endResolve = r));

  const consume = async () => {
    const it = await consumer.consume({
      max_messages: opts.maxMessages,
      expires: opts.expiresMs ?? 10_000,
      callback: (m) => {
        if (closed || m.seq <= last) return;
        last = m.seq;
        opts.onMessage(m);
      },
    });
    iter = it;
    void (async () => {
      for await (const s of it.status()) {
        if (s.type === 'heartbeats_missed') {
          void recreate();
          break;
        }
      }
    })();
  };

  const recreate = async () => {
    if (closed || recreating) return;
    recreating = true;
    const old = iter;
    const oldConsumer = consumer;
    iter = null;
    await old?.close().catch(() => {});
    // Best effort: the consumer's server may be the one that is gone.
    void oldConsumer.delete().catch(() => {});
    for (let delay = 250; !closed; delay = Math.min(delay * 2, 4000)) {
      try {
        consumer = await js.consumers.get(stream, opts.configFor(last + 1));
        await consume();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    recreating = false;
  };

  try {
    await consume();
  } catch (e) {
    if (!isTransientNatsError(e)) throw e;
    await recreate();
  }
  // Stopped in close() so that many short reads do not pile up status listeners.
  const status = nc?.status() as (AsyncIterable<{ type: string }> & { stop?: () => void }) | undefined;
  if (nc && status) {
    void (async () => {
      for await (const s of status) {
        if (closed) break;
        if (s.type === 'reconnect') void recreate();
      }
    })();
    void nc.closed().then(() => {
      closed = true;
      endResolve();
    });
  }

  return {
    initial,
    lastSeq: () => last,
    ended,
    close: async () => {
      closed = true;
      status?.stop?.();
      await iter?.close().catch(() => {});
      await consumer.delete().catch(() => {});
      endResolve();
    },
  };
}
