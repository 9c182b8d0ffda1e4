/**
 * A read-only consumer that survives the loss of its server and never leaves one behind.
 *
 * nats.js's ordered consumer re-creates its server-side consumer by itself (`<prefix>_2`, …)
 * on a reconnect or a sequence gap, from a request in flight that nothing tracks: when the
 * read was closed meanwhile (or re-created here, racing it), that consumer stayed on the
 * server, idle with everything pending, for nats.js's fixed 5-minute inactivity threshold
 * (issue #17: one per reconnect during a read; lib/faults/consumers.int.test.ts). And it only
 * recovers when its consumer still answers CONSUMER.INFO, so an R1 consumer on a server that
 * died stalls the read for good (server/nats/failover.int.test.ts).
 *
 * So the consumers are made here, the same server-side shape (ephemeral, ack none, memory,
 * R1) with names chosen here before the create is sent: every name is deleted on close, even
 * one whose create reply was lost. A reconnect, missed heartbeats, a deleted consumer or a
 * delivery-sequence gap make a fresh one start at the last delivered sequence + 1, and
 * anything at or below it is dropped: every sequence exactly once, in order.
 */
import { connectionOf } from '../nats/internals';
import { nuid } from '@nats-io/nats-core';
import { hasApiCode, isStreamNotFound, isTransientNatsError } from '../nats/errors';
import {
  AckPolicy,
  JetStreamApiError,
  type ApiError,
  type Consumer,
  type ConsumerConfig,
  type ConsumerInfo,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';

/** A delete found nothing to delete: the consumer (10014) or its stream is gone. */
const isConsumerGone = (e: unknown) => hasApiCode(e, 10014) || isStreamNotFound(e);

/** The consumers this context's readers have made and not yet seen deleted: name → stream. */
const live = new Map<string, string>();
const liveListeners = new Set<(consumers: [string, string][]) => void>();
const liveChanged = () => {
  const list = [...live];
  for (const fn of liveListeners) fn(list);
};

/**
 * Calls `fn` with every live reader consumer ([name, stream]) whenever that changes: the reader
 * worker hands them to its page, which deletes them on its own connection when the tab goes
 * (the worker is ended with the page, its deletes would not get out).
 */
/** A reader consumer (its name chosen, its create about to be sent) to delete if the tab goes. */
export function trackReaderConsumer(name: string, stream: string): void {
  live.set(name, stream);
  liveChanged();
}

/** The consumer is deleted (or known gone). */
export function untrackReaderConsumer(name: string): void {
  if (live.delete(name)) liveChanged();
}

/** This context's reader consumers not yet deleted: [name, stream]. */
export function liveReaderConsumers(): [string, string][] {
  return [...live];
}

export function watchReaderConsumers(fn: (consumers: [string, string][]) => void): () => void {
  liveListeners.add(fn);
  return () => void liveListeners.delete(fn);
}

export type Follow = {
  /** CONSUMER.INFO of the first consumer (num_pending at the start). */
  initial: ConsumerInfo;
  /** Last stream sequence handed to onMessage (or the start position − 1). */
  lastSeq(): number;
  /** Resolves when the follow ends: close() or an unrecoverable error. */
  ended: Promise<void>;
  /** The error that ended it (with `endOnApiError`: no stream any more, say), else null. */
  failure(): unknown;
  /** Ends the read and deletes every consumer it made (awaited). */
  close(): Promise<void>;
};

/**
 * The server's inactivity threshold (ns) of a reader's consumer: the backstop when the page
 * goes before it could delete it (a pending pull keeps a live read's consumer active).
 */
export const READER_INACTIVE_NS = 30_000_000_000;

/**
 * The CONSUMER.CREATE config of one reader consumer from the reader's start options
 * (deliver policy, start, one `filter_subject`): only fields nats-server 2.9 knows (2.12+
 * rejects fields it does not know).
 */
export function readerConsumerConfig(
  name: string,
  o: Record<string, unknown>,
): Partial<ConsumerConfig> {
  const c: Partial<ConsumerConfig> = {
    name,
    ack_policy: AckPolicy.None,
    max_deliver: 1,
    mem_storage: true,
    num_replicas: 1,
    inactive_threshold: READER_INACTIVE_NS,
    deliver_policy: o.deliver_policy as ConsumerConfig['deliver_policy'],
  };
  if (typeof o.opt_start_seq === 'number') c.opt_start_seq = o.opt_start_seq;
  if (typeof o.opt_start_time === 'string') c.opt_start_time = o.opt_start_time;
  if (typeof o.filter_subject === 'string') c.filter_subject = o.filter_subject;
  // Several subjects (nats-server 2.10+; only asked for where the server has them).
  if (Array.isArray(o.filter_subjects) && o.filter_subjects.length > 0)
    c.filter_subjects = o.filter_subjects as string[];
  return c;
}

/**
 * A named consumer with several filter subjects (2.10+). nats.js sends such a create to the
 * nameless `CONSUMER.CREATE.<stream>`, which a read-only user allowed `CONSUMER.CREATE.*.>`
 * (a name in the subject, so the workers' durable can be denied by name) may not publish to;
 * the server takes it on `CONSUMER.CREATE.<stream>.<name>` as nats.go sends it.
 */
async function createWithFilters(
  js: JetStreamClient,
  stream: string,
  config: Partial<ConsumerConfig>,
): Promise<ConsumerInfo> {
  const nc = connectionOf(js);
  if (!nc) throw new Error('no connection to create the consumer on');
  const r = await nc.request(
    `$JS.API.CONSUMER.CREATE.${stream}.${config.name}`,
    JSON.stringify({ stream_name: stream, config }),
    { timeout: 5000 },
  );
  const body = r.json<ConsumerInfo & { error?: ApiError }>();
  if (body.error) throw new JetStreamApiError(body.error);
  return body;
}

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
    /**
     * End when a new consumer is refused for good (the stream was deleted): a bounded read
     * reports it. Without it the follow retries until closed (a live view waits for the stream).
     */
    endOnApiError?: boolean;
  },
): Promise<Follow> {
  const nc = connectionOf(js);
  let jsm: JetStreamManager | null = null;
  let closed = false;
  /** Every consumer name a create was sent for and no delete has confirmed gone. */
  const made = new Set<string>();
  const forget = (name: string) => {
    made.delete(name);
    untrackReaderConsumer(name);
  };
  const remove = async (name: string) => {
    try {
      jsm ??= await js.jetstreamManager(false);
      await jsm.consumers.delete(stream, name);
      forget(name);
    } catch (e) {
      // Not there (deleted, expired, or its create never arrived): nothing left to delete.
      if (isConsumerGone(e)) forget(name);
    }
  };
  const add = async (
    config: Record<string, unknown>,
  ): Promise<{ consumer: Consumer; info: ConsumerInfo }> => {
    jsm ??= await js.jetstreamManager(false);
    const name = nuid.next();
    made.add(name);
    trackReaderConsumer(name, stream);
    const cfg = readerConsumerConfig(name, config);
    const info = cfg.filter_subjects
      ? await createWithFilters(js, stream, cfg)
      : await jsm.consumers.add(stream, cfg);
    // Closed while the create was on its way: close() may have deleted the name before it existed.
    if (closed) {
      await remove(name);
      throw new Error('the read was closed');
    }
    return { consumer: js.consumers.getConsumerFromInfo(info), info };
  };
  // The create request can be lost with the server it went to (a timeout while the client
  // reconnects elsewhere): retry for up to a minute. API errors (no stream, bad filter) are final.
  const create = async (config: Record<string, unknown>) => {
    const deadline = Date.now() + 60_000;
    for (let attempt = 1; ; attempt++) {
      try {
        return await add(config);
      } catch (e) {
        const transient = isTransientNatsError(e);
        if (!transient || Date.now() > deadline || nc?.isClosed()) {
          await Promise.all([...made].map(remove));
          throw e;
        }
        await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 3000)));
      }
    }
  };
  const first = opts.configFor(null);
  const created = await create(first);
  const initial = created.info;
  let consumer = created.consumer;
  let name = initial.name;
  // The server positions the consumer at start − 1 (any deliver policy): resume from there. But
  // an R1 consumer placed on a replica whose copy of the stream lags has its start clamped to
  // that replica's last + 1 (nats-server 2.9), so it can deliver messages before the requested
  // start sequence (seen on a 3-node cluster just after a node restart): enforce it here.
  const asked = typeof first.opt_start_seq === 'number' ? first.opt_start_seq - 1 : 0;
  let last = Math.max(initial.delivered.stream_seq, asked);
  let iter: ConsumerMessages | null = null;
  let recreating = false;
  let failure: unknown = null;
  let endResolve!: () => void;
  const ended = new Promise<void>((r) => (endResolve = r));

  const consume = async () => {
    // Delivery sequences of one consumer are 1, 2, 3…: a jump means lost deliveries.
    let dseq = 0;
    const mine = consumer;
    const it = await consumer.consume({
      max_messages: opts.maxMessages,
      expires: opts.expiresMs ?? 10_000,
      callback: (m) => {
        if (closed || mine !== consumer) return;
        if (m.info.deliverySequence !== dseq + 1) {
          void recreate();
          return;
        }
        dseq = m.info.deliverySequence;
        if (m.seq <= last) return;
        last = m.seq;
        opts.onMessage(m);
      },
    });
    iter = it;
    void (async () => {
      for await (const s of it.status()) {
        if (
          s.type === 'heartbeats_missed' ||
          s.type === 'consumer_deleted' ||
          s.type === 'consumer_not_found'
        ) {
          if (mine === consumer) void recreate();
          break;
        }
      }
    })();
  };

  const recreate = async () => {
    if (closed || recreating) return;
    recreating = true;
    const old = iter;
    iter = null;
    await old?.close().catch(() => {});
    // Best effort now (its server may be the one that is gone); close() tries again.
    void remove(name);
    for (let delay = 250; !closed; delay = Math.min(delay * 2, 4000)) {
      try {
        const next = await add(opts.configFor(last + 1));
        consumer = next.consumer;
        name = next.info.name;
        await consume();
        break;
      } catch (e) {
        if (opts.endOnApiError && !closed && !isTransientNatsError(e)) {
          failure = e;
          closed = true;
          await Promise.all([...made].map(remove));
          endResolve();
          break;
        }
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    recreating = false;
  };

  try {
    await consume();
  } catch (e) {
    if (!isTransientNatsError(e)) {
      await Promise.all([...made].map(remove));
      throw e;
    }
    await recreate();
  }
  // Stopped in close() so that many short reads do not pile up status listeners.
  const status = nc?.status() as
    (AsyncIterable<{ type: string }> & { stop?: () => void }) | undefined;
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
    failure: () => failure,
    close: async () => {
      closed = true;
      status?.stop?.();
      await iter?.close().catch(() => {});
      // A create still in flight is deleted by add() when its reply comes.
      await Promise.all([...made].map(remove));
      endResolve();
    },
  };
}
