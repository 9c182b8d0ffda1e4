/**
 * Bad input at the NATS layer, as the read-only viewer: odd payloads come back byte for byte,
 * NATS errors are explained in words (missing stream, JetStream disabled), and nothing is
 * ever written; bad sequences, times and filters are refused by the reader before anything is
 * sent. Page-level handling is tested end to end in e2e/bad-input.spec.ts; see
 * docs/hardening.md for the full table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from './launcher';
import { authorizationBlock, makeUsers, permissionViolations } from './auth';
import { setupAll } from '../simulator/setup';
import {
  InvalidReadError,
  getMessage,
  readRange,
  type StartAt,
  type StreamMessage,
} from '../../lib/stream/reader';
import { explainNatsError } from '../../lib/nats/errors';
import { decodeEvent } from '../../lib/agents/decode';
import { STREAM_NAME } from '../../lib/agents/schema';

const enc = new TextEncoder();
const PAYLOADS: [string, Uint8Array][] = [
  ['non-JSON', enc.encode('{"unterminated": ')],
  ['binary', new Uint8Array([0, 1, 2, 3, 254, 255])],
  ['invalid UTF-8', new Uint8Array([0x7b, 0xc3, 0x28, 0x7d])],
  ['1 MiB - 1 KiB', new Uint8Array((1 << 20) - 1024).fill(0x41)],
  ['10,000-level nesting', enc.encode('['.repeat(10_000) + ']'.repeat(10_000))],
  ['million elements', enc.encode(`[${'0,'.repeat(299_999)}0]`)],
  ['unknown schema', enc.encode('{"schema":"agent-squad/v9","who":"?"}')],
  [
    'script',
    enc.encode(
      '{"content":"<script>window.__pwned=1</script><img src=x onerror=\\"window.__pwned=2\\">"}',
    ),
  ],
];

describe('bad input at the NATS layer', () => {
  let server: NatsServer;
  let viewer: NatsConnection;
  beforeAll(async () => {
    const users = makeUsers();
    server = await startNatsServer({ extraConfig: authorizationBlock(users) });
    const sim = await connect({
      servers: server.natsUrl,
      user: users.simulator.user,
      pass: users.simulator.pass,
    });
    await setupAll(sim);
    const js = jetstream(sim);
    for (const [, data] of PAYLOADS) await js.publish('agent.message.qa_tester.question', data);
    await sim.drain();
    viewer = await connect({
      servers: server.natsUrl,
      user: users.viewer.user,
      pass: users.viewer.pass,
    });
  });
  afterAll(async () => {
    await viewer?.close();
    await server?.stop();
  });

  it('odd payloads are read back byte for byte and decode without throwing', async () => {
    const got: StreamMessage[] = [];
    await readRange(jetstream(viewer), STREAM_NAME, {
      start: { kind: 'first' },
      onBatch: (b) => got.push(...b),
    });
    expect(got.map((m) => m.seq)).toEqual(PAYLOADS.map((_, i) => i + 1));
    const jsm = await jetstreamManager(viewer);
    for (const [i, [name, data]] of PAYLOADS.entries()) {
      expect(Buffer.from(got[i]!.data).equals(Buffer.from(data)), name).toBe(true);
      const direct = await getMessage(jsm, STREAM_NAME, i + 1, { direct: true });
      expect(Buffer.from(direct!.data).equals(Buffer.from(data)), `${name} (direct get)`).toBe(
        true,
      );
      expect(() => decodeEvent(got[i]!.subject, got[i]!.data), name).not.toThrow();
    }
  });

  it('a missing stream is explained, and nothing is written', async () => {
    const jsm = await jetstreamManager(viewer);
    const err = await jsm.streams.info('no-such-stream').catch((e: unknown) => e);
    expect(explainNatsError(err, { stream: 'no-such-stream' }).message).toMatch(
      /Stream "no-such-stream" does not exist/,
    );
    const read = await readRange(jetstream(viewer), 'no-such-stream', {
      start: { kind: 'first' },
      onBatch: () => {},
    }).catch((e: unknown) => e);
    expect(explainNatsError(read).code).toBe('stream-not-found');
    expect((await jsm.streams.info(STREAM_NAME)).state.messages).toBe(PAYLOADS.length);
    expect(permissionViolations(server.log())).toEqual([]);
  });

  it('a sequence beyond the last, or a time in the future, reads nothing (no error, no wait)', async () => {
    const js = jetstream(viewer);
    const beyond = await readRange(js, STREAM_NAME, {
      start: { kind: 'seq', seq: 1_000_000 },
      onBatch: () => {},
    });
    expect(beyond).toEqual({ count: 0, lastSeq: 0, reason: 'end' });
    const future = await readRange(js, STREAM_NAME, {
      start: { kind: 'time', time: new Date(Date.now() + 86_400_000) },
      onBatch: () => {},
    });
    expect(future.count).toBe(0);
    expect(
      await getMessage(await jetstreamManager(viewer), STREAM_NAME, 1_000_000, { direct: true }),
    ).toBeNull();
  });

  it('bad sequences, times and filters are refused by the reader before anything is sent', async () => {
    const js = jetstream(viewer);
    const jsm = await jetstreamManager(viewer);
    const consumersBefore = (await jsm.streams.info(STREAM_NAME)).state.consumer_count;
    const bad: [StartAt, string | undefined, RegExp][] = [
      [{ kind: 'seq', seq: 0 }, undefined, /Sequence 0 is not a whole number from 1/],
      [{ kind: 'seq', seq: -1 }, undefined, /Sequence -1 is not a whole number from 1/],
      [{ kind: 'seq', seq: NaN }, undefined, /Sequence NaN is not a whole number/],
      [
        { kind: 'seq', seq: 1e20 },
        undefined,
        /Sequence 100000000000000000000 is not a whole number/,
      ],
      [{ kind: 'time', time: 'not-a-time' }, undefined, /"not-a-time" is not a time/],
      [{ kind: 'first' }, 'agent..x', /Invalid subject filter "agent\.\.x": Empty token/],
      [{ kind: 'first' }, '>.a', /must be the last token/],
      [{ kind: 'first' }, '', /The filter is empty/],
    ];
    for (const [start, filter, msg] of bad) {
      const err = await readRange(js, STREAM_NAME, { start, filter, onBatch: () => {} }).catch(
        (e: unknown) => e,
      );
      expect(err, JSON.stringify({ start, filter })).toBeInstanceOf(InvalidReadError);
      expect((err as Error).message).toMatch(msg);
    }
    // No consumer was created (none left behind, none attempted: no violation either).
    expect((await jsm.streams.info(STREAM_NAME)).state.consumer_count).toBe(consumersBefore);
    expect(permissionViolations(server.log())).toEqual([]);
  });

  it('JetStream disabled is explained as such (not as "unknown")', async () => {
    const plain = await startNatsServer({ jetstream: false });
    const nc = await connect({ servers: plain.natsUrl });
    try {
      const jsm = await jetstreamManager(nc, { checkAPI: false });
      const err = await jsm.streams.info(STREAM_NAME).catch((e: unknown) => e);
      const ex = explainNatsError(err, { stream: STREAM_NAME });
      expect(ex.code, ex.detail).toBe('jetstream-disabled');
      expect(ex.message).toMatch(/JetStream is not enabled/);
      const read = await readRange(jetstream(nc), STREAM_NAME, {
        start: { kind: 'first' },
        onBatch: () => {},
      }).catch((e: unknown) => e);
      expect(explainNatsError(read).code).toBe('jetstream-disabled');
    } finally {
      await nc.close();
      await plain.stop();
    }
  });
});
