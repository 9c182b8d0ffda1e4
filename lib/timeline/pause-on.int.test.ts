import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { watchPauseOn, type PauseOnHit } from './pause-on';

const STREAM = 'pause-on';

async function until(cond: () => boolean, ms = 15_000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const task = (id: string, event: string) =>
  JSON.stringify({ task_id: id, event, title: `Fix ${id}` });

describe('pause-on against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({
      name: STREAM,
      subjects: ['agent.message.>', 'agent.status.>', 'agent.task.>'],
    });
    js = jetstream(nc);
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('reports each new matching event in order, none from before, and cleans up its consumer', async () => {
    await js.publish('agent.task.OLD-1.failed', task('OLD-1', 'failed'));
    const hits: PauseOnHit[] = [];
    const stop = await watchPauseOn(js, jsm, STREAM, 'event:failed', (h) => hits.push(h));
    const h = headers();
    h.set('X-Tag', 'one');
    const seqs: number[] = [];
    for (const [subject, body] of [
      [
        'agent.message.qa_tester.failed',
        JSON.stringify({
          sender_id: 'qa',
          recipient_id: null,
          message_type: 'failed',
          content: 'event failed',
        }),
      ],
      ['agent.task.SQD-4416.failed', task('SQD-4416', 'failed')],
      ['agent.status.qa.failed', JSON.stringify({ agent_id: 'qa', status: 'failed' })],
      ['agent.task.SQD-2.completed', task('SQD-2', 'completed')],
      ['agent.task.SQD-3.failed', task('SQD-3', 'failed')],
    ] as const)
      seqs.push((await js.publish(subject, body, { headers: h })).seq);
    await until(() => hits.length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(hits.map((x) => x.seq)).toEqual([seqs[1], seqs[4]]);
    expect(hits[0]!.what).toBe('task failed: SQD-4416 Fix SQD-4416');
    await stop();
    // Ephemeral and read-only: its consumer is gone once stopped, nothing was acked away.
    let left = -1;
    for (let i = 0; i < 50 && left !== 0; i++) {
      left = (await jsm.consumers.list(STREAM).next()).length;
      if (left) await new Promise((r) => setTimeout(r, 100));
    }
    expect(left).toBe(0);
    expect((await jsm.streams.info(STREAM)).state.messages).toBe(6);
  });

  it('matches headers and free text as search does (whole-stream read)', async () => {
    const hits: PauseOnHit[] = [];
    const stop = await watchPauseOn(js, jsm, STREAM, 'header:X-Tag=two login', (x) => hits.push(x));
    const h = headers();
    h.set('X-Tag', 'two');
    await js.publish('agent.message.qa_tester.error', JSON.stringify({ content: 'no login here' }));
    const want = await js.publish(
      'agent.message.qa_tester.error',
      JSON.stringify({ content: 'login broke' }),
      { headers: h },
    );
    await until(() => hits.length >= 1);
    expect(hits.map((x) => x.seq)).toEqual([want.seq]);
    await stop();
  });
});
