/**
 * The simulator against a real nats-server 2.9 (JetStream on, temp store, free ports): the
 * seed's stream and consumer configuration as the server reports it, idempotent setup,
 * backfill volume and rate, de-duplication, live pacing, and the worker producing real
 * redeliveries and dead-letter advisories. No mocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../nats/launcher';
import {
  CONSUMER_NAME,
  SEED_CONSUMER_CONFIG,
  SEED_STREAM_CONFIG,
  STREAM_NAME,
} from '../../lib/agents/schema';
import { decodeEvent, createdAtMs } from '../../lib/agents/decode';
import { ADVISORY_STREAM, ensureConsumer, ensureStream, setupAll } from './setup';
import { backfill } from './backfill';
import { createAckedPublisher } from './publish';
import { startLive } from './live';
import { startProcessorWorker } from './worker';

let server: NatsServer;
let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  server = await startNatsServer({ serverName: 'simulator-int' });
  nc = await connect({ servers: server.natsUrl });
  jsm = await jetstreamManager(nc);
});

afterAll(async () => {
  await nc?.drain();
  await server?.stop();
});

/** Resolves with the first message on `subject`, or rejects after `ms`. */
function firstOn(subject: string, ms: number): { sub: Subscription; got: Promise<string> } {
  const sub = nc.subscribe(subject, { max: 1 });
  const got = (async () => {
    const timer = setTimeout(() => sub.unsubscribe(), ms);
    for await (const m of sub) {
      clearTimeout(timer);
      return m.subject;
    }
    throw new Error(`nothing on ${subject} within ${ms} ms`);
  })();
  return { sub, got };
}

const messages = async () => (await jsm.streams.info(STREAM_NAME)).state.messages;

describe('setup', () => {
  it('creates the stream and consumer exactly as the seed says, and is idempotent', async () => {
    const first = await setupAll(nc);
    const second = await setupAll(nc);
    const si = await jsm.streams.info(STREAM_NAME);
    const cfg = si.config as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(SEED_STREAM_CONFIG))
      expect(cfg[k], `stream ${k}`).toEqual(v);
    expect(si.config.allow_direct).toBe(true);

    const ci = await jsm.consumers.info(STREAM_NAME, CONSUMER_NAME);
    const ccfg = ci.config as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(SEED_CONSUMER_CONFIG))
      expect(ccfg[k], `consumer ${k}`).toEqual(v);

    // Idempotent: same objects, not recreated.
    expect(second.stream.created).toBe(first.stream.created);
    expect(second.consumer.created).toBe(first.consumer.created);
    expect(second.stream.config).toEqual(first.stream.config);
    const adv = await jsm.streams.info(ADVISORY_STREAM);
    expect(adv.config.subjects).toContain(
      `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${STREAM_NAME}.>`,
    );
  });

  it('brings a drifted stream back to the seed configuration', async () => {
    await jsm.streams.update(STREAM_NAME, { max_msgs: 5, allow_direct: false });
    const si = await ensureStream(jsm);
    expect(si.config.max_msgs).toBe(SEED_STREAM_CONFIG.max_msgs);
    expect(si.config.allow_direct).toBe(true);
  });

  it('brings a drifted consumer back to the seed configuration', async () => {
    const before = await jsm.consumers.info(STREAM_NAME, CONSUMER_NAME);
    await jsm.consumers.update(STREAM_NAME, CONSUMER_NAME, { max_deliver: 5, ack_wait: 5e9 });
    const ci = await ensureConsumer(jsm);
    expect(ci.config.max_deliver).toBe(SEED_CONSUMER_CONFIG.max_deliver);
    expect(ci.config.ack_wait).toBe(SEED_CONSUMER_CONFIG.ack_wait);
    // Updated in place, not recreated.
    expect(ci.created).toBe(before.created);
  });
});

describe('worker', () => {
  it('acks, naks (redeliveries) and dead-letters poison and terminated messages', async () => {
    await backfill(nc, { count: 400, seed: 11, spanMs: 3600_000 });
    const maxDeliveries = firstOn(
      `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${STREAM_NAME}.${CONSUMER_NAME}`,
      15_000,
    );
    const terminated = firstOn(
      `$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.${STREAM_NAME}.${CONSUMER_NAME}`,
      15_000,
    );
    // Raised rates make a few hundred messages enough: ~20 poison, ~8 terminated, ~40 naks.
    const worker = startProcessorWorker(nc, {
      seed: 1,
      poisonRate: 0.05,
      termRate: 0.02,
      nakRate: 0.1,
    });
    try {
      await expect(maxDeliveries.got).resolves.toContain('MAX_DELIVERIES');
      await expect(terminated.got).resolves.toContain('MSG_TERMINATED');
      let ci = await jsm.consumers.info(STREAM_NAME, CONSUMER_NAME);
      for (let i = 0; i < 50 && ci.num_redelivered === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        ci = await jsm.consumers.info(STREAM_NAME, CONSUMER_NAME);
      }
      expect(ci.num_redelivered).toBeGreaterThan(0);
    } finally {
      await worker.stop();
    }
    const s = worker.stats();
    expect(s.acked).toBeGreaterThan(300);
    expect(s.poison).toBeGreaterThan(0);
    expect(s.termed).toBeGreaterThan(0);
    expect(s.naked).toBeGreaterThan(0);
    // The advisory stream keeps the dead letters' history.
    expect((await jsm.streams.info(ADVISORY_STREAM)).state.messages).toBeGreaterThan(0);
  });
});

describe('backfill', () => {
  const END = Date.parse('2026-01-01T12:00:00Z');
  const SPAN = 24 * 3600_000;

  it('publishes exactly N messages, spread over the span, fast', async () => {
    await jsm.streams.purge(STREAM_NAME);
    const N = 20_000;
    const r = await backfill(nc, { count: N, seed: 42, spanMs: SPAN, endMs: END });
    console.log(
      `backfill ${N} msgs: ${(r.ms / 1000).toFixed(2)} s → ${Math.round(r.msgsPerSec)} msgs/s`,
    );
    expect(r.published).toBe(N);
    expect(await messages()).toBe(N);
    expect(r.msgsPerSec).toBeGreaterThan(1000);

    // Direct get (allow_direct) of the first and last message: created_at spans the window.
    const si = await jsm.streams.info(STREAM_NAME);
    const at = async (seq: number) => {
      const m = await jsm.direct.getMessage(STREAM_NAME, { seq });
      if (!m) throw new Error(`no message at ${seq}`);
      return createdAtMs(decodeEvent(m.subject, m.data).event);
    };
    expect(await at(si.state.first_seq)).toBe(END - SPAN);
    const last = (await at(si.state.last_seq)) ?? 0;
    expect(last).toBeLessThanOrEqual(END);
    expect(last).toBeGreaterThan(END - 60 * 60_000);
  });

  it('re-publishing the same history inside the duplicate window stores nothing new', async () => {
    const r = await backfill(nc, { count: 500, seed: 42, spanMs: SPAN, endMs: END });
    expect(r.published).toBe(0);
    expect(await messages()).toBe(20_000);
  });
});

describe('acked publisher', () => {
  it('reports a publish no stream captures instead of losing it', async () => {
    const pub = createAckedPublisher(nc, { timeoutMs: 3000 });
    try {
      pub.send({
        subject: 'not.a.stream.subject',
        msgId: 'x',
        headers: { 'Nats-Msg-Id': 'x' },
        payload: new Uint8Array([123, 125]),
        createdAtMs: 0,
        kind: 'message',
      });
      await expect(pub.flush()).rejects.toThrow(/no JetStream stream/);
      expect(pub.stored()).toBe(0);
    } finally {
      pub.close();
    }
  });
});

describe('live', () => {
  it('publishes about rate × seconds', async () => {
    const before = await messages();
    const live = startLive(nc, { rate: 200, seed: 5 });
    await new Promise((r) => setTimeout(r, 2000));
    await live.stop();
    const n = live.published();
    expect(n).toBeGreaterThanOrEqual(300);
    expect(n).toBeLessThanOrEqual(500);
    expect((await messages()) - before).toBe(n);
  });
});
