import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import {
  AckPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { advisoryCaptureSubjects, sortAdvisories, timeBounds, type Advisory } from './advisories';
import { readDeadLetterHistory, watchDeadLetters } from './dead-letters';

const STREAM = 'adv-test';
const ADV = 'adv-test-advisories';
const PRE = '$JS.EVENT.ADVISORY.';

/** Forged advisories anyone with publish rights on $JS.EVENT.ADVISORY.> can send. */
function forged(): { subject: string; body: string; why: RegExp }[] {
  const ok = {
    type: 'io.nats.jetstream.advisory.v1.max_deliver',
    timestamp: new Date().toISOString(),
    stream: STREAM,
    consumer: 'w',
    stream_seq: 1,
    deliveries: 3,
  };
  const max = `${PRE}CONSUMER.MAX_DELIVERIES.${STREAM}.w`;
  return [
    {
      subject: max,
      body: JSON.stringify({ ...ok, id: 'f-half', stream_seq: 1.5 }),
      why: /stream_seq 1.5/,
    },
    {
      subject: max,
      body: JSON.stringify({ ...ok, id: 'f-neg', deliveries: -5 }),
      why: /deliveries -5/,
    },
    {
      subject: max,
      body: JSON.stringify({ ...ok, id: 'f-9999', timestamp: '9999-12-31T23:59:59Z' }),
      why: /in the future/,
    },
    {
      subject: max,
      body: JSON.stringify({ ...ok, id: 'f-missing', stream_seq: undefined }),
      why: /stream_seq missing/,
    },
    {
      subject: max,
      body: JSON.stringify({ ...ok, id: 'f-str', deliveries: '3' }),
      why: /deliveries "3"/,
    },
    { subject: max, body: 'not json', why: /not JSON/ },
    {
      subject: `${PRE}CONSUMER.MSG_TERMINATED.${STREAM}.w`,
      body: JSON.stringify({ ...ok, id: 'f-type' }),
      why: /is not io\.nats\.jetstream\.advisory\.v1\.terminated/,
    },
    {
      subject: `${PRE}CONSUMER.PAUSE.${STREAM}.w`,
      body: JSON.stringify({
        ...ok,
        id: 'f-pause',
        type: 'io.nats.jetstream.advisory.v1.consumer_pause',
        paused: 'yes',
      }),
      why: /paused "yes"/,
    },
  ];
}

describe('forged advisories against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    jsm = await jetstreamManager(nc);
    js = jetstream(nc);
    await jsm.streams.add({ name: STREAM, subjects: ['agent.>'] });
    await jsm.streams.add({ name: ADV, subjects: advisoryCaptureSubjects(STREAM) });
    for (let i = 0; i < 5; i++) await js.publish(`agent.task.t${i}.created`, JSON.stringify({ i }));
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('shows forged ones as malformed, live and from history, next to a real dead letter', async () => {
    const live: Advisory[] = [];
    const w = watchDeadLetters(nc, STREAM, (b) => live.push(...b), 50);
    await nc.flush();

    // A real dead letter: max_deliver 1, the first delivery is nak'd.
    await jsm.consumers.add(STREAM, {
      durable_name: 'w',
      ack_policy: AckPolicy.Explicit,
      max_deliver: 1,
      filter_subject: 'agent.task.t2.created',
    });
    const c = await js.consumers.get(STREAM, 'w');
    const deadline = Date.now() + 20_000;
    while (!live.some((a) => a.kind === 'max-deliveries') && Date.now() < deadline) {
      const batch = await c.fetch({ max_messages: 1, expires: 1000 });
      for await (const m of batch) m.nak();
      await new Promise((r) => setTimeout(r, 100));
    }

    const fakes = forged();
    for (const f of fakes) nc.publish(f.subject, f.body);
    await nc.flush();
    const until = Date.now() + 5000;
    while (live.length < fakes.length + 1 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    w.stop();

    const info = await jsm.streams.info(STREAM);
    const bounds = timeBounds(info.created, info.state.last_ts, Date.now());
    const history = await readDeadLetterHistory(js, jsm, ADV, STREAM);
    for (const [where, items] of [['live', live] as const, ['history', history.items] as const]) {
      const s = sortAdvisories(items, bounds, 100);
      expect(
        s.deadLetters.map((d) => [d.streamSeq, d.consumer]),
        where,
      ).toEqual([[3, 'w']]);
      expect(s.malformed, where).toHaveLength(fakes.length);
      for (const f of fakes) {
        const all = s.malformed.map((m) => m.problems.join('; ')).join('\n');
        expect(all, `${where}: ${f.why}`).toMatch(f.why);
      }
    }
  });

  it('lists a real consumer pause advisory as "paused" (servers with consumer pause, 2.11+)', async (ctx) => {
    const [major = 0, minor = 0] = (nc.info?.version ?? '0.0').split('.').map(Number);
    if (major < 2 || (major === 2 && minor < 11))
      ctx.skip(`nats-server ${nc.info?.version} has no consumer pause (2.11+)`);
    const live: Advisory[] = [];
    const w = watchDeadLetters(nc, STREAM, (b) => live.push(...b), 50);
    await nc.flush();
    await jsm.consumers.add(STREAM, { durable_name: 'pausable', ack_policy: AckPolicy.Explicit });
    await jsm.consumers.pause(STREAM, 'pausable', new Date(Date.now() + 60_000));
    await jsm.consumers.resume(STREAM, 'pausable');
    const until = Date.now() + 5000;
    while (live.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    w.stop();
    const info = await jsm.streams.info(STREAM);
    const s = sortAdvisories(live, timeBounds(info.created, info.state.last_ts, Date.now()), 10);
    expect(s.malformed).toEqual([]);
    expect(s.events.map((e) => e.kind).sort()).toEqual(['paused', 'resumed']);
    expect(s.events.every((e) => e.consumer === 'pausable')).toBe(true);
  });
});
