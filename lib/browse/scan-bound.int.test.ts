/**
 * A search's range is fixed when it starts (issue #16 item 4): a forward scan given `to`
 * reads up to that sequence and no further, even when the stream grows during the scan, and
 * a backward scan from the stream's last sequence sees every match below it (a scan started
 * at the open message missed the newer ones).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { localScanner } from './scan';
import type { StreamMessage } from '@/lib/stream/reader';

const STREAM = 'scan-bound';
const body = (i: number) =>
  JSON.stringify({
    id: `m${i}`,
    sender_id: 's',
    recipient_id: null,
    content: `hello ${i}`,
    message_type: 'question',
    task_execution_id: i % 10 === 0 ? 'task-x' : `t${i}`,
    created_at: new Date().toISOString(),
  });

describe('scan range bounds against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    js = jetstream(nc);
    await (await jetstreamManager(nc)).streams.add({ name: STREAM, subjects: ['agent.>'] });
    await Promise.all(
      Array.from({ length: 400 }, (_, k) =>
        js.publish('agent.message.planner.question', body(k + 1)),
      ),
    );
  });
  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  it('a forward scan stops at `to` while messages keep arriving', async () => {
    const got: StreamMessage[] = [];
    // Publish more while the scan runs (small batches so it is still reading).
    const more = (async () => {
      for (let i = 401; i <= 600; i++) await js.publish('agent.message.planner.question', body(i));
    })();
    const r = await localScanner(
      js,
      STREAM,
    )({
      q: 'task:task-x',
      from: 1,
      first: 1,
      to: 400,
      direction: 'forward',
      batchSize: 50,
      onMatches: (ms) => got.push(...ms),
    });
    await more;
    expect(r.reason).toBe('end');
    expect(got.map((m) => m.seq)).toEqual(Array.from({ length: 40 }, (_, k) => (k + 1) * 10));
    expect(r.lastSeq).toBeLessThanOrEqual(400);
  });

  it('a backward scan from the last sequence finds the matches above a message in the middle', async () => {
    const got: StreamMessage[] = [];
    await localScanner(
      js,
      STREAM,
    )({
      q: 'task:task-x',
      from: 600,
      first: 1,
      to: 600,
      direction: 'backward',
      onMatches: (ms) => got.push(...ms),
    });
    expect(got).toHaveLength(60);
    expect(got[0]!.seq).toBe(600);
  });
});
