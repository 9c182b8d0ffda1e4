/**
 * Plays the `agent-processor` durable consumer so the demo has real consumer state: it acks
 * most messages, naks a few (redelivered ~1 s later), keeps nak-ing "poison" messages until
 * they exceed max_deliver (the server then emits a MAX_DELIVERIES advisory), and terms a few
 * (MSG_TERMINATED advisory). Poison and term picks hash the message id, so the same messages
 * die on every run with the same seed.
 */
import { jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { CONSUMER_NAME, STREAM_NAME } from '../../lib/agents/schema';
import { createRng, hashUnit, mixSeed } from './prng';

export type WorkerOptions = {
  stream?: string;
  consumer?: string;
  seed?: number;
  /** Share of first deliveries nak'ed with a ~1 s delay (default 0.02). */
  nakRate?: number;
  /** Share of messages nak'ed on every delivery until dead-lettered (default 0.005). */
  poisonRate?: number;
  /** Share of messages terminated (default 0.002). */
  termRate?: number;
  /** Processing cap in messages per second, to make consumer lag visible (default: none). */
  maxPerSec?: number;
  /** Delay of ordinary naks (default 1000 ms). */
  nakDelayMs?: number;
};

/** `poison` counts nak'ed deliveries of poison messages (not included in `naked`). */
export type WorkerStats = { acked: number; naked: number; termed: number; poison: number };

export type WorkerHandle = { stop(): Promise<void>; stats(): WorkerStats };

// Distinct salts so the poison and term picks are independent of each other.
const POISON_SALT = 0x9e37;
const TERM_SALT = 0x7f4a;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts consuming the durable until `stop()`; errors (e.g. no consumer) reject `stop()`. */
export function startProcessorWorker(nc: NatsConnection, opts: WorkerOptions = {}): WorkerHandle {
  const stream = opts.stream ?? STREAM_NAME;
  const name = opts.consumer ?? CONSUMER_NAME;
  const seed = opts.seed ?? 0;
  const nakRate = opts.nakRate ?? 0.02;
  const poisonRate = opts.poisonRate ?? 0.005;
  const termRate = opts.termRate ?? 0.002;
  const nakDelayMs = opts.nakDelayMs ?? 1000;
  const rng = createRng(mixSeed(seed, 4));
  const stats: WorkerStats = { acked: 0, naked: 0, termed: 0, poison: 0 };
  let stopped = false;
  let messages: ConsumerMessages | null = null;

  const handle = (m: JsMsg) => {
    const id = m.headers?.get('Nats-Msg-Id') || `${stream}:${m.seq}`;
    if (hashUnit(id, seed ^ POISON_SALT) < poisonRate) {
      // No delay: the message burns through max_deliver in moments instead of ack_wait × 3.
      m.nak();
      stats.poison++;
    } else if (hashUnit(id, seed ^ TERM_SALT) < termRate) {
      // No reason text: nats-server 2.9 only recognises a bare "+TERM".
      m.term();
      stats.termed++;
    } else if (m.info.deliveryCount === 1 && rng.chance(nakRate)) {
      m.nak(nakDelayMs);
      stats.naked++;
    } else {
      m.ack();
      stats.acked++;
    }
  };

  const run = async () => {
    const consumer = await jetstream(nc).consumers.get(stream, name);
    if (stopped) return;
    const maxPerSec = opts.maxPerSec && opts.maxPerSec > 0 ? opts.maxPerSec : 0;
    // A throttled worker buffers at most ~5 s of messages, far below the 30 s ack wait, so
    // slowness shows as consumer lag, not as ack timeouts.
    const buffer = maxPerSec ? Math.max(1, Math.min(256, Math.floor(maxPerSec * 5))) : 256;
    messages = await consumer.consume({ max_messages: buffer });
    if (stopped) {
      await messages.close();
      return;
    }
    const spacingMs = maxPerSec ? 1000 / maxPerSec : 0;
    let nextAt = performance.now();
    for await (const m of messages) {
      handle(m);
      if (spacingMs > 0) {
        nextAt = Math.max(nextAt + spacingMs, performance.now() - 100);
        // Sleep only when well ahead: timers are too coarse to pace message by message.
        const ahead = nextAt - performance.now();
        if (ahead > 10) await sleep(ahead);
      }
      if (stopped) break;
    }
  };
  let failure: unknown = null;
  const running = run().catch((err: unknown) => {
    failure = err;
  });

  return {
    async stop() {
      stopped = true;
      await (messages as ConsumerMessages | null)?.close();
      await running;
      if (failure !== null) throw failure;
    },
    stats: () => ({ ...stats }),
  };
}
