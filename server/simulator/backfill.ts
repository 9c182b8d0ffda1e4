/**
 * Fills the agent stream with a span of deterministic history, fast: publishes go out in
 * batches of concurrent JetStream publishes (Nats-Msg-Id = payload id) whose PubAcks are all
 * awaited before the next batch, so the client never runs unboundedly ahead of the server yet
 * keeps the connection busy.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { createSquadGenerator } from './generator';
import { createAckedPublisher } from './publish';

export type BackfillOptions = {
  count: number;
  seed: number;
  /** created_at values are spread over [endMs - spanMs, endMs]. */
  spanMs: number;
  /** Default: now. */
  endMs?: number;
  /** Concurrent publishes per awaited batch (default 1000). */
  batch?: number;
  /** Called as batches are acknowledged, with the number of events acked so far. */
  onProgress?: (n: number) => void;
};

export type BackfillResult = { published: number; ms: number; msgsPerSec: number };

/** Publishes `count` seeded events; `published` excludes duplicates the stream dropped. */
export async function backfill(nc: NatsConnection, opts: BackfillOptions): Promise<BackfillResult> {
  const count = Math.max(0, Math.floor(opts.count));
  const endMs = opts.endMs ?? Date.now();
  const batch = Math.max(1, Math.min(10_000, Math.floor(opts.batch ?? 1000)));
  const gen = createSquadGenerator({
    seed: opts.seed,
    startMs: endMs - opts.spanMs,
    spanMs: opts.spanMs,
    count,
  });
  const pub = createAckedPublisher(nc);

  const t0 = performance.now();
  let sent = 0;
  let acked = 0;
  // Two batches in flight: the next one is generated and sent while the server acks the
  // previous one, so neither side idles between batches; never more than that.
  let previous: { done: Promise<void>; n: number } | null = null;
  try {
    while (sent < count) {
      const n = Math.min(batch, count - sent);
      // One connection keeps PUBs in order, so stream order = generation order (created_at
      // non-decreasing in the stream) even though the acks come back concurrently.
      for (let i = 0; i < n; i++) pub.send(gen.next());
      sent += n;
      const done = pub.flush();
      // Awaited below; this only keeps an early failure from counting as unhandled meanwhile.
      done.catch(() => {});
      if (previous) {
        await previous.done;
        acked += previous.n;
        opts.onProgress?.(acked);
      }
      previous = { done, n };
    }
    if (previous) {
      await previous.done;
      acked += previous.n;
      opts.onProgress?.(acked);
    }
  } finally {
    pub.close();
  }
  const ms = performance.now() - t0;
  return { published: pub.stored(), ms, msgsPerSec: ms > 0 ? (acked / ms) * 1000 : 0 };
}
