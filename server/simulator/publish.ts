/**
 * Pipelined JetStream publishing for the simulator. A JetStream publish is a PUB with a reply
 * subject that the stream answers with a PubAck; this sends many such PUBs, all answered on
 * one wildcard inbox, and checks every PubAck here. Same protocol and checks as
 * `js.publish(subject, data, { msgID })` (the payload id travels as `Nats-Msg-Id`), but without
 * its per-call request object, timer and pre-built Errors (async stacks). Measured on the
 * 2-core dev box (backfill incl. generation): ~50–100 µs of client CPU per message through
 * js.publish against ~25 µs here, i.e. roughly 5–7k vs 12–18k msgs/s while other processes
 * compete for the two cores.
 */
import {
  createInbox,
  headers as natsHeaders,
  type Msg,
  type NatsConnection,
} from '@nats-io/nats-core';
import type { SimEvent } from './events';

export type AckedPublisher = {
  /** Sends one event without waiting; its PubAck is checked by the next `flush()`. */
  send(e: SimEvent): void;
  /**
   * Seals what was sent since the last flush and waits for its PubAcks; rejects on an error
   * ack or a timeout. Sending may continue before the returned promise settles (pipelining).
   */
  flush(): Promise<void>;
  /** Events the stream stored (acked, not duplicates). */
  stored(): number;
  /** Events the stream dropped as duplicates (same Nats-Msg-Id inside the window). */
  duplicates(): number;
  close(): void;
};

type PubAckJson = {
  stream?: string;
  seq?: number;
  duplicate?: boolean;
  error?: { code?: number; err_code?: number; description?: string };
};

const decoder = new TextDecoder();

/** Reads a PubAck reply: whether it was a duplicate, or the error it carries. */
function readAck(m: Msg): { duplicate: boolean } | Error {
  if (m.headers?.hasError) {
    // 503 on a request = no responders: no stream listens on the subject.
    return m.headers.code === 503
      ? new Error(
          'no JetStream stream captures the subject (503 no responders): run the setup first',
        )
      : new Error(`publish failed: ${m.headers.code} ${m.headers.description}`);
  }
  const text = decoder.decode(m.data);
  try {
    const ack = JSON.parse(text) as PubAckJson;
    if (ack.error) {
      return new Error(
        `publish rejected: ${ack.error.description ?? 'error'} (${ack.error.err_code ?? ack.error.code})`,
      );
    }
    return { duplicate: ack.duplicate === true };
  } catch {
    return new Error(`unexpected publish reply: ${text.slice(0, 200)}`);
  }
}

type Batch = {
  outstanding: number;
  sent: number;
  failure: Error | null;
  /** Set once flush() sealed the batch; called when its last ack arrives. */
  done: (() => void) | null;
};

/** Creates a publisher on `nc`; `timeoutMs` bounds how long one flush waits for its acks. */
export function createAckedPublisher(
  nc: NatsConnection,
  opts: { timeoutMs?: number } = {},
): AckedPublisher {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  // Honour a custom inbox prefix (accounts that restrict _INBOX.>) when the client has one.
  const prefix = (nc as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
  const inbox = createInbox(prefix);
  // Each batch has its own reply subject, so a flush waits for exactly its own acks and a
  // caller may send the next batch while the previous one is still being acknowledged.
  const batches = new Map<string, Batch>();
  let seq = 0;
  let replyTo = `${inbox}.0`;
  let current: Batch = { outstanding: 0, sent: 0, failure: null, done: null };
  batches.set(replyTo, current);
  let stored = 0;
  let duplicates = 0;

  const sub = nc.subscribe(`${inbox}.*`, {
    callback: (err, m) => {
      if (err) {
        // The subscription itself failed (e.g. permissions): fail every open batch.
        for (const b of batches.values()) {
          b.failure ??= err;
          b.done?.();
        }
        return;
      }
      const ack = readAck(m);
      if (!(ack instanceof Error)) {
        if (ack.duplicate) duplicates++;
        else stored++;
      }
      // Acks of a batch that timed out still count above, but belong to no open batch.
      const b = batches.get(m.subject);
      if (!b) return;
      if (ack instanceof Error) b.failure ??= ack;
      b.outstanding--;
      if (b.outstanding === 0) b.done?.();
    },
  });

  return {
    send(e) {
      const h = natsHeaders();
      for (const [k, v] of Object.entries(e.headers)) h.set(k, v);
      nc.publish(e.subject, e.payload, { reply: replyTo, headers: h });
      current.outstanding++;
      current.sent++;
    },
    async flush() {
      // Seal the batch first: events sent from now on belong to the next one.
      const b = current;
      const key = replyTo;
      seq++;
      replyTo = `${inbox}.${seq}`;
      current = { outstanding: 0, sent: 0, failure: null, done: null };
      batches.set(replyTo, current);
      try {
        if (b.outstanding > 0 && b.failure === null) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              b.failure ??= new Error(
                `${b.outstanding} of ${b.sent} publishes not acknowledged within ${timeoutMs} ms`,
              );
              resolve();
            }, timeoutMs);
            b.done = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      } finally {
        batches.delete(key);
      }
      if (b.failure) throw b.failure;
    },
    stored: () => stored,
    duplicates: () => duplicates,
    close: () => {
      // The connection may already be closed (shutdown); nothing is left to unsubscribe then.
      if (!nc.isClosed()) sub.unsubscribe();
    },
  };
}

/**
 * Runs a synchronous burst of `js.publish()` calls with stack capture off. nats.js builds an
 * Error per request up front (a useful async stack for a timeout, unless the connection was
 * opened with `noAsyncTraces`); capturing those stacks costs more CPU than the publish itself.
 * The limit is restored before returning, so no other code sees the change. (The simulator
 * itself publishes through createAckedPublisher; the benchmarks use this for their baseline.)
 */
export function withoutStackCapture<T>(fn: () => T): T {
  const prev = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = prev;
  }
}
