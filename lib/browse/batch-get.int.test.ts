/**
 * Reads that can't use a consumer (a work-queue stream, a user who may not create consumers),
 * on a stream with allow_direct, against a real nats-server: the same rows on every version,
 * and on a server with batch direct get (2.11+, asked of the server) a request per batch
 * instead of one per message. Run it with NATS_SERVER_BIN set to 2.9.10 and to the newest.
 */
import { GETTER_ACCOUNT_CONFIG } from './getter-account.test-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import {
  AckPolicy,
  RetentionPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';
import { readRange, type StreamMessage } from '@/lib/stream/reader';
import { batchGets, lastPerSubject, latestByAgent } from './batch-get';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { capabilitiesOf, type Capabilities } from '@/lib/nats/capabilities';
import { subjectMatches } from '@/lib/nats/subjects';
import { readNewer, readOlder, seqAtTime } from './pages';
import { scanStream, type ScanProgress } from './scan';
import { exportRange } from './range-export';

const WQ = 'wq-direct';
const N = 3_000;
const subjectOf = (i: number) =>
  i % 10 === 0
    ? `agent.message.qa.question`
    : i % 3 === 0
      ? `agent.task.t${i % 5}.created`
      : `agent.status.a${i % 4}.idle`;
const payloadOf = (i: number) =>
  JSON.stringify({ i, content: i === 2_900 ? 'the golden needle' : `hello ${i}` });
const DELETED = new Set([1, 2, 50, ...Array.from({ length: 300 }, (_, k) => 1_000 + k), N]);
const live = (f?: string) =>
  Array.from({ length: N }, (_, i) => i + 1).filter(
    (s) => !DELETED.has(s) && (!f || subjectMatches(f, subjectOf(s))),
  );
const seqs = (ms: { seq: number }[]) => ms.map((m) => m.seq);

describe('reads by batch direct get (real nats-server)', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let spy: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let caps: Capabilities;
  const count = { direct: 0, msgGet: 0, consumers: 0 };
  const reset = () => Object.assign(count, { direct: 0, msgGet: 0, consumers: 0 });
  const settle = async () => {
    await nc.flush();
    await spy.flush();
  };

  beforeAll(async () => {
    server = await startNatsServer({
      extraConfig: GETTER_ACCOUNT_CONFIG,
    });
    nc = await connect({ servers: server.natsUrl, user: 'admin', pass: 'admin' });
    // Counts the JetStream requests the reads send (a core subscription sees each request).
    spy = await connect({ servers: server.natsUrl, user: 'admin', pass: 'admin' });
    spy.subscribe('$JS.API.DIRECT.GET.>', { callback: () => void count.direct++ });
    spy.subscribe('$JS.API.STREAM.MSG.GET.>', { callback: () => void count.msgGet++ });
    spy.subscribe('$JS.API.CONSUMER.CREATE.>', { callback: () => void count.consumers++ });
    await spy.flush();
    jsm = await jetstreamManager(nc);
    js = jetstream(nc);
    caps = await capabilitiesOf(js);
    await jsm.streams.add({
      name: WQ,
      subjects: ['agent.message.>', 'agent.status.>', 'agent.task.>'],
      retention: RetentionPolicy.Workqueue,
      allow_direct: true,
    });
    await jsm.consumers.add(WQ, { durable_name: 'workers', ack_policy: AckPolicy.Explicit });
    for (let i = 1; i <= N; i += 100)
      await Promise.all(
        Array.from({ length: Math.min(100, N - i + 1) }, (_, k) =>
          js.publish(subjectOf(i + k), payloadOf(i + k)),
        ),
      );
    for (const s of DELETED) await jsm.streams.deleteMessage(WQ, s, false);
  }, 60_000);
  afterAll(async () => {
    await spy?.close();
    await nc?.drain();
    await server?.stop();
  });

  it('knows what the server offers', () => {
    expect(caps.version).toBe(nc.info?.version);
    // Batch direct get came with 2.11, the JetStream API level with it.
    expect(caps.batchGet).toBe(caps.apiLevel >= 1);
  });

  it('pages the work-queue stream both ways exactly, a request per batch where it can', async () => {
    for (const f of [undefined, 'agent.message.>', 'agent.*.*.question', 'agent.task.*.*']) {
      await settle();
      reset();
      const up: number[] = [];
      for (let from = 1, guard = 0; guard < 100; guard++) {
        const p = await readNewer(js, WQ, { from, filter: f, limit: 500 });
        up.push(...seqs(p.msgs));
        if (!p.more) break;
        from = p.msgs[p.msgs.length - 1]!.seq + 1;
      }
      expect(up, `${f} newer`).toEqual(live(f));
      const down: number[] = [];
      for (let to = N, guard = 0; guard < 100; guard++) {
        const p = await readOlder(js, WQ, { to, first: 1, filter: f, limit: 500 });
        down.unshift(...seqs(p.msgs));
        if (!p.more || p.msgs.length === 0) break;
        to = p.msgs[0]!.seq - 1;
      }
      expect(down, `${f} older`).toEqual(live(f));
      await settle();
      expect(count.consumers, `${f}: no consumer`).toBe(0);
      const gets = count.direct + count.msgGet;
      // Forward pages alone are one get per message on the old path.
      if (caps.batchGet) expect(gets, `${f}: ${gets} requests`).toBeLessThan(live(f).length / 10);
      else expect(gets, `${f}: ${gets} requests`).toBeGreaterThanOrEqual(live(f).length);
    }
  });

  it('scans and exports the same matches, progress counting down to 0', async () => {
    for (const f of [undefined, 'agent.*.*.question']) {
      await settle();
      reset();
      const hits: number[] = [];
      const progress: ScanProgress[] = [];
      const r = await scanStream(js, WQ, {
        from: 1,
        first: 1,
        direction: 'forward',
        filter: f,
        batchSize: 200,
        match: () => true,
        onMatches: (m) => hits.push(...seqs(m)),
        onProgress: (p) => progress.push(p),
      });
      expect(hits, `${f}`).toEqual(live(f));
      expect(r.scanned).toBe(caps.batchGet || !f ? live(f).length : live().length);
      expect(progress.length).toBeGreaterThan(1);
      await settle();
      if (caps.batchGet) {
        // The pending counts of the batches (the get-per-message path counts sequences).
        expect(progress[progress.length - 1]!.total - progress[progress.length - 1]!.scanned).toBe(
          0,
        );
        expect(count.direct).toBeLessThan(20);
      }
      const back: number[] = [];
      await scanStream(js, WQ, {
        from: 2_950,
        first: 1,
        direction: 'backward',
        filter: f,
        match: (m) => m.seq % 2 === 0,
        onMatches: (m) => back.push(...seqs(m)),
      });
      expect(back).toEqual(
        live(f)
          .filter((s) => s <= 2_950 && s % 2 === 0)
          .reverse(),
      );
    }
    const needle: number[] = [];
    await scanStream(js, WQ, {
      from: 1,
      first: 1,
      direction: 'forward',
      match: (m) => new TextDecoder().decode(m.data).includes('golden'),
      onMatches: (m) => needle.push(...seqs(m)),
    });
    expect(needle).toEqual([2_900]);
    const ex = await exportRange(js, WQ, {
      from: 10,
      to: 2_000,
      filter: 'agent.task.>',
      format: 'ndjson',
      batchSize: 100,
    });
    const lines = (await ex.blob.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(lines).toEqual(live('agent.task.>').filter((s) => s >= 10 && s <= 2_000));
  });

  it('a user who may not create consumers reads a limits stream by batch too', async () => {
    await jsm.streams.add({ name: 'lim', subjects: ['lim.>'], allow_direct: true });
    for (let i = 1; i <= 1_000; i += 100)
      await Promise.all(
        Array.from({ length: 100 }, (_, k) => js.publish(`lim.${(i + k) % 3}`, `m${i + k}`)),
      );
    const nc2 = await connect({ servers: server.natsUrl, user: 'getter', pass: 'getter' });
    try {
      const js2 = jetstream(nc2);
      // The first read learns the refusal; count the reads after it.
      await readNewer(js2, 'lim', { from: 1, limit: 1 });
      await nc2.flush();
      await spy.flush();
      reset();
      const p = await readNewer(js2, 'lim', { from: 1, limit: 900 });
      expect(seqs(p.msgs)).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));
      expect(p.more).toBe(true);
      await nc2.flush();
      await spy.flush();
      if (caps.batchGet) expect(count.direct).toBe(1);
      else expect(count.direct).toBeGreaterThanOrEqual(900);
      const hits: number[] = [];
      await scanStream(js2, 'lim', {
        from: 1,
        first: 1,
        direction: 'forward',
        filter: 'lim.1',
        match: () => true,
        onMatches: (m) => hits.push(...seqs(m)),
      });
      expect(hits).toEqual(
        Array.from({ length: 1_000 }, (_, i) => i + 1).filter((s) => s % 3 === 1),
      );
    } finally {
      await nc2.close();
    }
  });

  it('gives the same StreamMessage as a consumer read (headers, times, bytes)', async () => {
    if (!caps.batchGet) return; // 2.9/2.10: no batch direct get to compare (the test above covers the get path)
    await jsm.streams.add({ name: 'same', subjects: ['same.>'], allow_direct: true });
    for (let i = 1; i <= 300; i++) {
      const h = natsHeaders();
      h.set('Nats-Msg-Id', `id-${i}`);
      h.append('X-Tag', `a${i}`);
      h.append('X-Tag', `b${i}`);
      await js.publish(`same.${i % 4}`, `payload ${i}`, i % 3 ? { headers: h } : undefined);
    }
    const byConsumer: StreamMessage[] = [];
    await readRange(js, 'same', {
      start: { kind: 'seq', seq: 1 },
      onBatch: (b) => byConsumer.push(...b),
    });
    const byBatch: StreamMessage[] = [];
    for await (const m of batchGets(js, 'same', caps, { start: 1, end: 300 })) byBatch.push(m);
    const bytes = (ms: StreamMessage[]) => ms.map((m) => ({ ...m, data: Uint8Array.from(m.data) }));
    expect(byBatch.length).toBe(300);
    expect(bytes(byBatch)).toEqual(bytes(byConsumer));
    // Batches cut short by max_bytes, windows with gaps, filtered and limited reads: still exact.
    const wq: number[] = [];
    let progress = -1;
    for await (const m of batchGets(js, WQ, caps, {
      start: 1,
      end: N,
      maxBytes: 2_000,
      onProgress: (p) => (progress = p.pending),
    }))
      wq.push(m.seq);
    expect(wq).toEqual(live());
    expect(progress).toBe(0);
    const some: number[] = [];
    for await (const m of batchGets(js, WQ, caps, {
      start: 990,
      end: 2_500,
      filter: 'agent.task.>',
      maxBytes: 500,
      limit: 200,
    }))
      some.push(m.seq);
    expect(some).toEqual(
      live('agent.task.>')
        .filter((s) => s >= 990)
        .slice(0, 200),
    );
    const ac = new AbortController();
    const stopped: number[] = [];
    await expect(
      (async () => {
        for await (const m of batchGets(js, WQ, caps, { start: 1, end: N, signal: ac.signal })) {
          stopped.push(m.seq);
          if (stopped.length === 10) ac.abort();
        }
      })(),
    ).rejects.toThrow(/aborted/);
  });

  it('finds the sequence at a time (one request on 2.11+)', async () => {
    const all: StreamMessage[] = [];
    for (let from = 1; ;) {
      const p = await readNewer(js, WQ, { from, limit: 1_000 });
      all.push(...p.msgs);
      if (!p.more) break;
      from = p.msgs[p.msgs.length - 1]!.seq + 1;
    }
    for (const k of [0, 5, 600, 1_500, all.length - 1]) {
      const at = all[k]!;
      const t = new Date(Math.ceil(at.timeMs)).toISOString();
      const want = all.find((m) => m.timeMs >= Math.ceil(at.timeMs))?.seq ?? null;
      await settle();
      reset();
      expect(await seqAtTime(js, WQ, t), `${k}`).toBe(want);
      await settle();
      if (caps.batchGet) expect(count.direct + count.msgGet).toBe(1);
      const wantTask =
        all.find(
          (m) => m.timeMs >= Math.ceil(at.timeMs) && subjectMatches('agent.task.>', m.subject),
        )?.seq ?? null;
      expect(await seqAtTime(js, WQ, t, 'agent.task.>'), `${k} task`).toBe(wantTask);
    }
    expect(await seqAtTime(js, WQ, new Date(0).toISOString())).toBe(live()[0]);
    expect(await seqAtTime(js, WQ, new Date(Date.now() + 3_600_000).toISOString())).toBeNull();
  });

  it('the latest status of every agent as of a sequence, in one request (2.11+)', async () => {
    if (!caps.multiLast) return; // 2.9/2.10: no multi_last; replay and stats read the range
    for (const upTo of [10, 999, 1_500, N]) {
      await settle();
      reset();
      const got = latestByAgent(await lastPerSubject(js, WQ, caps, ['agent.status.>'], upTo));
      await settle();
      expect(count.direct).toBe(1);
      // What a read of every status event up to `upTo` gives.
      const want = new Map<string, number>();
      for (const s of live('agent.status.>'))
        if (s <= upTo) want.set(subjectOf(s).split('.')[2]!, s);
      expect(new Map([...got].map(([k, m]) => [k, m.seq])), `${upTo}`).toEqual(want);
    }
  });

  it('acked and removed nothing: the work queue is as the workers left it', async () => {
    const info = await jsm.streams.info(WQ);
    expect(info.state.messages).toBe(live().length);
    const consumers = await jsm.consumers.list(WQ).next();
    expect(consumers.map((c) => c.name)).toEqual(['workers']);
    expect(consumers[0]).toMatchObject({ num_ack_pending: 0, delivered: { stream_seq: 0 } });
  });
});
