import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { advisoryStreamConfig, setupAll } from '../../server/simulator/setup';
import { backfill } from '../../server/simulator/backfill';
import { startProcessorWorker } from '../../server/simulator/worker';
import { STREAM_NAME } from '../agents/schema';
import { batchGets, firstAtTime, lastPerSubject } from '../browse/batch-get';
import { capabilitiesOf } from './capabilities';
import { getMessage, getNextMessage, nextStoredSeq, readRange, tailStream } from '../stream/reader';
import { fetchPage } from '../browse/fetch-page';
import { readNewer, readOlder, seqAtTime } from '../browse/pages';
import { bulkRead } from '../browse/bulk-read';
import { listConsumers, readSubjectCounts, sampleStreamTimes } from '../stats/read';
import { readDeadLetterHistory } from '../stats/dead-letters';

/**
 * Every JetStream API request the app and its server tools send (the app's own reads, nats.js's
 * requests behind them, the simulator's setup with its hand-built configs), watched by a second
 * connection subscribed to $JS.API.> and the replies. nats-server 2.12+ rejects request fields
 * it does not know (JetStream API strict mode, err 10025 "invalid JSON: json: unknown field"),
 * older ones ignore them: on a strict server no answer may be an error. Run it on the oldest
 * and the newest server (NATS_SERVER_BIN).
 */
type Seen = {
  subject: string;
  body: string;
  error?: { code: number; err_code: number; description: string };
};

const dec = new TextDecoder();
/** The API's answer to a field it does not know, in strict mode ("invalid JSON"). */
const INVALID_JSON = 10025;
/** The setup asks before it creates: "not found" answers to INFO requests are expected. */
const expected = (s: Seen) =>
  /\.INFO\./.test(s.subject) && (s.error?.err_code === 10059 || s.error?.err_code === 10014);

describe('JetStream API requests are accepted by the connected server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let spy: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  const seen: Seen[] = [];
  const subs: Subscription[] = [];
  let strict = false;

  beforeAll(async () => {
    server = await startNatsServer();
    spy = await connect({ servers: server.natsUrl });
    nc = await connect({ servers: server.natsUrl });
    // Requests by reply subject; a reply that is a JetStream API error is filed with its request.
    const byReply = new Map<string, Seen>();
    subs.push(
      spy.subscribe('$JS.API.>', {
        callback: (_, m) => {
          const s: Seen = { subject: m.subject, body: dec.decode(m.data) };
          seen.push(s);
          if (m.reply) byReply.set(m.reply, s);
        },
      }),
      spy.subscribe('_INBOX.>', {
        callback: (_, m) => {
          const s = byReply.get(m.subject);
          if (!s || m.data.length === 0 || m.data[0] !== 0x7b) return;
          try {
            const r = JSON.parse(dec.decode(m.data)) as { error?: Seen['error'] };
            if (r.error) s.error = r.error;
          } catch {
            // a stream message that starts with "{", not an API answer
          }
        },
      }),
    );
    await spy.flush();
    await setupAll(nc);
    // Ask the server whether it is strict: a request with a field no server knows.
    const probe = await nc.request(
      `$JS.API.STREAM.INFO.${STREAM_NAME}`,
      JSON.stringify({ no_such_field: 1 }),
    );
    strict =
      (JSON.parse(dec.decode(probe.data)) as { error?: { err_code?: number } }).error?.err_code ===
      INVALID_JSON;
    await spy.flush();
    seen.splice(
      seen.findIndex((x) => x.body.includes('no_such_field')),
      1,
    );
    await backfill(nc, { count: 400, seed: 7, spanMs: 600_000 });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    for (const s of subs) s.unsubscribe();
    await nc?.drain();
    await spy?.close();
    await server?.stop();
  });

  it("the app's reads and the simulator's setup get no error answer", async () => {
    await jsm.getAccountInfo();
    for await (const _ of jsm.streams.names()) void _;
    for await (const _ of jsm.streams.list()) void _;
    const info = await jsm.streams.info(STREAM_NAME);
    expect(
      Object.keys(await readSubjectCounts(jsm, STREAM_NAME, 'agent.>')).length,
    ).toBeGreaterThan(0);
    await listConsumers(jsm, STREAM_NAME);
    await sampleStreamTimes(jsm, info, 8);
    await readDeadLetterHistory(js, jsm, advisoryStreamConfig().name, STREAM_NAME);
    const last = info.state.last_seq;
    const got: number[] = [];
    await readRange(js, STREAM_NAME, {
      start: { kind: 'first' },
      limit: 50,
      onBatch: (b) => got.push(...b.map((m) => m.seq)),
    });
    await readRange(js, STREAM_NAME, {
      start: { kind: 'seq', seq: 100 },
      filter: 'agent.status.>',
      endSeq: 300,
      onBatch: () => {},
    });
    await readRange(js, STREAM_NAME, {
      start: { kind: 'time', time: new Date(Date.now() - 300_000) },
      limit: 20,
      onBatch: () => {},
    });
    await readRange(js, STREAM_NAME, { start: { kind: 'last' }, onBatch: () => {} });
    expect(got.length).toBe(50);
    const tail = await tailStream(js, STREAM_NAME, { start: { kind: 'new' }, onBatch: () => {} });
    await tail.stop();
    expect((await getMessage(jsm, STREAM_NAME, 5))?.seq).toBe(5);
    expect((await getMessage(jsm, STREAM_NAME, 6, { direct: true }))?.seq).toBe(6);
    expect(await getNextMessage(jsm, STREAM_NAME, 1, 'agent.task.>')).not.toBeNull();
    expect(await nextStoredSeq(js, STREAM_NAME, 1, 'agent.message.>')).toBeGreaterThan(0);
    expect((await fetchPage(js, STREAM_NAME, { from: 10, limit: 20 })).msgs.length).toBe(20);
    await readNewer(js, STREAM_NAME, { from: 1, filter: 'agent.status.>', limit: 20 });
    await readOlder(js, STREAM_NAME, { to: last, first: 1, limit: 20 });
    await readOlder(js, STREAM_NAME, { to: last, first: 1, filter: 'agent.*.*.*', limit: 20 });
    await seqAtTime(js, STREAM_NAME, new Date(Date.now() - 120_000).toISOString());
    await bulkRead(js, STREAM_NAME, {
      start: 1,
      end: 200,
      filter: 'agent.task.>',
      batchSize: 100,
      onBatch: () => {},
    });
    // The batch direct gets of 2.11+ (windows, next_by_subj, start_time, multi_last + up_to_seq).
    const caps = await capabilitiesOf(js);
    if (caps.batchGet) {
      let n = 0;
      for await (const _ of batchGets(js, STREAM_NAME, caps, { start: 1, end: 300 })) n++;
      for await (const _ of batchGets(js, STREAM_NAME, caps, {
        start: 1,
        end: 300,
        filter: 'agent.task.>',
        limit: 5,
      }))
        void _;
      expect(n).toBe(300);
      expect(
        await firstAtTime(js, STREAM_NAME, caps, new Date(Date.now() - 3600_000).toISOString()),
      ).not.toBeNull();
      expect(
        (await lastPerSubject(js, STREAM_NAME, caps, ['agent.status.>'], 200)).length,
      ).toBeGreaterThan(0);
    } else
      console.log(
        `strict API: nats-server ${caps.version} has no batch direct get; those requests are not sent`,
      );
    const worker = startProcessorWorker(nc, { seed: 1 });
    await new Promise((r) => setTimeout(r, 500));
    await worker.stop();
    await nc.flush();
    await spy.flush();
    await new Promise((r) => setTimeout(r, 200));

    const apis = new Set(seen.map((s) => s.subject.split('.').slice(2, 4).join('.')));
    // The request kinds this covers (a guard against the spy seeing nothing).
    for (const k of [
      'INFO.',
      'STREAM.INFO',
      'STREAM.NAMES',
      'STREAM.LIST',
      'STREAM.MSG',
      'STREAM.CREATE',
      'CONSUMER.CREATE',
      'CONSUMER.LIST',
      'CONSUMER.MSG',
      'CONSUMER.DELETE',
      'DIRECT.GET',
    ]) {
      expect([...apis].some((a) => a.startsWith(k.replace(/\.$/, '')))).toBe(true);
    }
    const errors = seen
      .filter((s) => s.error && !expected(s))
      .map((s) => `${s.subject} ${s.body} -> ${JSON.stringify(s.error)}`);
    expect(
      errors,
      `server ${nc.info?.version ?? '?'}${strict ? ' (strict JetStream API)' : ''}`,
    ).toEqual([]);
  });

  it('reports whether this server checks request fields (it said so itself, no version is assumed)', () => {
    console.log(
      `nats-server ${nc.info?.version ?? '?'}: JetStream API ${strict ? 'strict (unknown fields rejected)' : 'lenient'}`,
    );
    expect(typeof strict).toBe('boolean');
  });
});
