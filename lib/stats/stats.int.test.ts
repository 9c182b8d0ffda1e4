import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import {
  AckPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { getMessage, isoMs } from '../stream/reader';
import { deadLetterSubjects, readDeadLetterHistory, watchDeadLetters } from './dead-letters';
import { isDeadLetter, type Advisory } from './advisories';
import {
  listConsumers,
  oldestTarget,
  oldestUnfinishedTime,
  readSubjectCounts,
  sampleStreamTimes,
} from './read';
import { histogramFromSamples, pointsOnClock } from './histogram';
import { subjectRows } from './subjects';

const STREAM = 'stats-test';
const ADV = 'stats-advisories';
const N = 900;
const subjectOf = (i: number) =>
  i % 3 === 0
    ? `agent.status.a${i % 7}.online`
    : i % 3 === 1
      ? `agent.message.role${i % 4}.question`
      : `agent.task.t${i % 50}.created`;

describe('stats reads against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    jsm = await jetstreamManager(nc);
    js = jetstream(nc);
    await jsm.streams.add({ name: STREAM, subjects: ['agent.>'], allow_direct: true });
    await jsm.streams.add({
      name: ADV,
      subjects: deadLetterSubjects(STREAM).map((s) => s.replace(/\*$/, '>')),
    });
    for (let from = 1; from <= N; from += 300) {
      const ps = [];
      for (let i = from; i < from + 300; i++)
        ps.push(js.publish(subjectOf(i), JSON.stringify({ i })));
      await Promise.all(ps);
    }
    await jsm.consumers.add(STREAM, {
      durable_name: 'worker',
      ack_policy: AckPolicy.Explicit,
      filter_subject: 'agent.message.>',
    });
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('subject counts equal STREAM.INFO and add up to the stream', async () => {
    const rows = subjectRows(await readSubjectCounts(jsm, STREAM));
    const info = await jsm.streams.info(STREAM, { subjects_filter: '>' });
    expect(Object.fromEntries(rows.map((r) => [r.subject, r.count]))).toEqual(info.state.subjects);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(N);
    expect(rows.length).toBe(info.state.num_subjects);
    const expected = new Map<string, number>();
    for (let i = 1; i <= N; i++) expected.set(subjectOf(i), (expected.get(subjectOf(i)) ?? 0) + 1);
    expect(rows.length).toBe(expected.size);
    expect(rows.find((r) => r.subject === 'agent.message.role1.question')?.count).toBe(
      expected.get('agent.message.role1.question'),
    );
  });

  it('consumer figures equal CONSUMER.INFO, and lag in time points at the oldest unacked message', async () => {
    // Deliver and ack 10 messages so the ack floor moves.
    const c = await js.consumers.get(STREAM, 'worker');
    const batch = await c.fetch({ max_messages: 10, expires: 2000 });
    // ackAck: the server confirms each ack once processed (2.14+ processes acks off the
    // request path, so a flush alone can leave one still pending at the next read).
    for await (const m of batch) await m.ackAck();
    const list = await listConsumers(jsm, STREAM);
    const info = await jsm.consumers.info(STREAM, 'worker');
    const row = list.find((x) => x.name === 'worker')!;
    expect(row.num_pending).toBe(info.num_pending);
    expect(row.num_ack_pending).toBe(info.num_ack_pending);
    expect(row.ack_floor.stream_seq).toBe(info.ack_floor.stream_seq);
    expect(info.num_pending).toBe(N / 3 - 10);
    const oldest = await oldestUnfinishedTime(jsm, oldestTarget(info), true);
    // Message subjects are every 3rd from 1: the 11th is at seq 31.
    expect(oldest?.seq).toBe(31);
    const m = await getMessage(jsm, STREAM, 31);
    expect(oldest?.timeMs).toBe(m?.timeMs);
  });

  it('sampled histogram covers every message', async () => {
    const info = await jsm.streams.info(STREAM);
    const pts = await sampleStreamTimes(jsm, info, 16);
    expect(pts[0]?.seq).toBe(1);
    expect(pts[pts.length - 1]?.seq).toBe(N);
    expect(pts.length).toBe(16);
    // The stream's first and last times as a read of those messages gives them.
    const from = isoMs(info.state.first_ts);
    expect(from).toBe((await getMessage(jsm, STREAM, 1))?.timeMs);
    expect(pts[pts.length - 1]?.timeMs).toBe((await getMessage(jsm, STREAM, N))?.timeMs);
    const b = histogramFromSamples(pts, {
      buckets: 10,
      fromMs: from,
      toMs: Math.max(from + 1, isoMs(info.state.last_ts)),
    });
    expect(Math.round(b.reduce((s, x) => s + x.count, 0))).toBe(N);
  });

  it("samples the agents' times (created_at) too: a day written in a moment spans the day", async () => {
    const S = 'stats-clock';
    await jsm.streams.add({ name: S, subjects: ['clock.>'], allow_direct: true });
    const day = Date.UTC(2026, 10, 20);
    for (let i = 0; i < 240; i++)
      await js.publish(
        `clock.agent.message.r.q`,
        JSON.stringify({ i, created_at: new Date(day + i * 360_000).toISOString() }),
      );
    const pts = await sampleStreamTimes(jsm, await jsm.streams.info(S), 16);
    expect(pts[0]?.createdMs).toBe(day);
    expect(pts[pts.length - 1]?.createdMs).toBe(day + 239 * 360_000);
    const agent = pointsOnClock(pts, 'agent');
    expect(agent.withCreated).toBe(pts.length);
    expect(agent.toMs - agent.fromMs).toBeGreaterThan(23 * 3_600_000);
    const stream = pointsOnClock(pts, 'stream');
    expect(stream.toMs - stream.fromMs).toBeLessThan(60_000);
    await jsm.streams.delete(S);
  });

  it('a forced max-deliver failure yields a dead letter pointing at the right sequence', async () => {
    await jsm.consumers.add(STREAM, {
      durable_name: 'poisoned',
      ack_policy: AckPolicy.Explicit,
      filter_subject: 'agent.task.t7.created',
      max_deliver: 2,
      ack_wait: nanos(1000),
    });
    const live: Advisory[] = [];
    const w = watchDeadLetters(nc, STREAM, (b) => live.push(...b), 50);
    await nc.flush();
    const c = await js.consumers.get(STREAM, 'poisoned');
    // The first message on that subject: i ≡ 2 (mod 3) and i ≡ 7 (mod 50) → i = 107.
    const deadline = Date.now() + 20_000;
    while (live.length === 0 && Date.now() < deadline) {
      const batch = await c.fetch({ max_messages: 1, expires: 1000 });
      for await (const m of batch) m.nak();
    }
    await new Promise((r) => setTimeout(r, 300));
    w.stop();
    expect(live[0]).toMatchObject({
      kind: 'max-deliveries',
      stream: STREAM,
      consumer: 'poisoned',
      streamSeq: 107,
      deliveries: 2,
    });
    const original = await getMessage(jsm, STREAM, 107);
    expect(original?.subject).toBe('agent.task.t7.created');

    const history = await readDeadLetterHistory(js, jsm, ADV, STREAM);
    expect(history.exists).toBe(true);
    expect(history.items.filter(isDeadLetter).map((d) => d.streamSeq)).toContain(107);
    expect(history.items[0]?.advisorySeq).toBeGreaterThan(0);

    const none = await readDeadLetterHistory(js, jsm, 'no-such-stream', STREAM);
    expect(none).toEqual({ exists: false, items: [], total: 0, deadLetters: 0 });
  });

  it('reads every dead letter of the stream, however many other advisories came after them', async () => {
    // An advisory stream shared with a busier stream: the window of the last `limit`
    // advisories holds only the other stream's, yet every dead letter of this one is listed.
    const shared = 'stats-shared-advisories';
    await jsm.streams.add({
      name: shared,
      subjects: [
        '$JS.EVENT.ADVISORY.CONSUMER.*.dl-target.>',
        '$JS.EVENT.ADVISORY.CONSUMER.*.busier.>',
      ],
    });
    const body = (stream: string, seq: number) =>
      JSON.stringify({
        type: 'io.nats.jetstream.advisory.v1.max_deliver',
        id: `${stream}-${seq}`,
        timestamp: new Date().toISOString(),
        stream,
        consumer: 'c',
        stream_seq: seq,
        deliveries: 3,
      });
    for (let i = 1; i <= 7; i++)
      await js.publish(
        '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.dl-target.c',
        body('dl-target', i),
      );
    for (let i = 1; i <= 40; i++)
      await js.publish('$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.busier.c', body('busier', i));
    const h = await readDeadLetterHistory(js, jsm, shared, 'dl-target', { limit: 10 });
    expect(
      h.items
        .filter(isDeadLetter)
        .map((d) => d.streamSeq)
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.deadLetters).toBe(7);
    expect(await listConsumers(jsm, shared)).toEqual([]);
    await jsm.streams.delete(shared);
  });

  it('lists its consumers, and readRange leaves none behind', async () => {
    const names = (await listConsumers(jsm, STREAM)).map((c) => c.name);
    expect(names).toEqual(['poisoned', 'worker']);
  });
});
