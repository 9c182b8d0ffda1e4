/**
 * Reading where a consumer can't (a work-queue stream with real workers attached; a filter
 * that is not a subset of one stream subject on nats-server 2.9; a filter overlapping none;
 * a user who may not create consumers) against a real nats-server: exactly the pages, scans
 * and exports a consumer would give, and nothing acked, removed or left behind.
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
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { readNewer, readOlder, seqAtTime } from './pages';
import { scanStream } from './scan';
import { exportRange } from './range-export';
import { getter, seqGets } from './get-reader';
import { toRow } from './rows';
import { compileSearch, parseSearch } from './search';
import { subjectMatches } from '@/lib/nats/subjects';
import { readRange, type StreamMessage } from '@/lib/stream/reader';

const WQ = 'audit-wq';
const N = 300;
const subjectOf = (i: number) =>
  i % 7 === 0
    ? `agent.task.audit.t${i % 3}`
    : i % 5 === 0
      ? `agent.message.audit.m${i % 4}`
      : i % 2
        ? `agent.status.a${i % 6}.idle`
        : `agent.message.r${i % 4}.question`;
const payloadOf = (i: number) =>
  JSON.stringify({ i, content: i === 290 ? 'the golden needle' : `hello ${i}` });
// Scattered deletes plus a run longer than the get pipeline's depth (its gap jump).
const DELETED = new Set([
  1,
  2,
  17,
  33,
  34,
  99,
  ...Array.from({ length: 100 }, (_, k) => 105 + k),
  300,
]);
const live = (f?: string) =>
  Array.from({ length: N }, (_, i) => i + 1).filter(
    (s) => !DELETED.has(s) && (!f || subjectMatches(f, subjectOf(s))),
  );
const seqs = (ms: { seq: number }[]) => ms.map((m) => m.seq);

/** Every page of `filter` newer-first from `from` (readNewer) and older from `to` (readOlder). */
async function pageAll(
  js: JetStreamClient,
  stream: string,
  filter: string | undefined,
  limit: number,
  first: number,
  last: number,
) {
  const up: number[] = [];
  for (let from = 1, guard = 0; guard < 500; guard++) {
    const p = await readNewer(js, stream, { from, filter, limit });
    up.push(...seqs(p.msgs));
    expect(p.msgs.length).toBeLessThanOrEqual(limit);
    if (!p.more) break;
    expect(p.msgs.length).toBe(limit);
    from = p.msgs[p.msgs.length - 1]!.seq + 1;
  }
  const down: number[] = [];
  for (let to = last, guard = 0; guard < 500; guard++) {
    const p = await readOlder(js, stream, { to, first, filter, limit });
    down.unshift(...seqs(p.msgs));
    if (!p.more || p.msgs.length === 0) break;
    to = p.msgs[0]!.seq - 1;
  }
  return { up, down };
}

describe('reading where a consumer cannot (real nats-server)', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer({
      extraConfig: GETTER_ACCOUNT_CONFIG,
    });
    nc = await connect({ servers: server.natsUrl, user: 'admin', pass: 'admin' });
    jsm = await jetstreamManager(nc);
    js = jetstream(nc);
    await jsm.streams.add({
      name: WQ,
      subjects: ['agent.message.>', 'agent.status.>', 'agent.task.>'],
      retention: RetentionPolicy.Workqueue,
    });
    // The real workers: a durable ack-explicit pull consumer (unfiltered) that reads nothing here.
    await jsm.consumers.add(WQ, { durable_name: 'workers', ack_policy: AckPolicy.Explicit });
    for (let i = 1; i <= N; i++) {
      const h = natsHeaders();
      h.set('Nats-Msg-Id', `id-${i}`);
      h.append('X-Tag', `a${i}`);
      h.append('X-Tag', `b${i}`);
      await js.publish(subjectOf(i), payloadOf(i), { headers: h });
    }
    for (const s of DELETED) await jsm.streams.deleteMessage(WQ, s, false);

    await jsm.streams.add({ name: 'ab', subjects: ['a.>', 'b.>'], allow_direct: true });
    for (const s of ['a.x', 'b.x', 'a.y', 'b.x.z', 'a.x', 'b.y', 'a.x.q', 'b.x', 'a.z', 'b.x'])
      await js.publish(s, `on ${s}`);
    await jsm.streams.deleteMessage('ab', 5, false);
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  const liveCount = () => live().length;

  it('pages a work-queue stream both ways, with and without filters, exactly', async () => {
    // No filter, a subset filter, filters no consumer may use on 2.9, one that matches nothing stored.
    for (const f of [
      undefined,
      'agent.status.>',
      'agent.*.*.*',
      'agent.*.audit.*',
      'agent.task.>',
    ]) {
      for (const limit of [7, 30, 200]) {
        const { up, down } = await pageAll(js, WQ, f, limit, 1, N);
        expect(up, `${f} newer ${limit}`).toEqual(live(f));
        expect(down, `${f} older ${limit}`).toEqual(live(f));
      }
    }
    const p = await readNewer(js, WQ, { from: 100, limit: 10 });
    expect(seqs(p.msgs)).toEqual(
      live()
        .filter((s) => s >= 100)
        .slice(0, 10),
    );
    expect(p.more).toBe(true);
    // Across 105…204, deleted: a gap longer than the get pipeline.
    const gap = await readNewer(js, WQ, { from: 100, limit: 8 });
    expect(seqs(gap.msgs)).toEqual([100, 101, 102, 103, 104, 205, 206, 207]);
    expect(gap.more).toBe(true);
    const end = await readNewer(js, WQ, { from: 295, limit: 10 });
    expect(seqs(end.msgs)).toEqual([295, 296, 297, 298, 299]);
    expect(end.more).toBe(false);
    expect(await readNewer(js, WQ, { from: 301, limit: 10 })).toEqual({ msgs: [], more: false });
    const o = await readOlder(js, WQ, { to: 290, first: 3, filter: 'agent.*.*.*', limit: 5 });
    expect(seqs(o.msgs)).toEqual(
      live('agent.*.*.*')
        .filter((s) => s <= 290)
        .slice(-5),
    );
    expect(o.more).toBe(true);
    // map is applied to each message as with a consumer.
    const rows = await readOlder(js, WQ, { to: N, first: 1, limit: 40, map: toRow });
    const plain = await readOlder(js, WQ, { to: N, first: 1, limit: 40 });
    expect(rows.msgs).toEqual(plain.msgs.map(toRow));
  });

  it('a filter overlapping none of the subjects is an empty page, not an error', async () => {
    for (const stream of [WQ, 'ab']) {
      expect(await readNewer(js, stream, { from: 1, filter: 'nothing.here', limit: 50 })).toEqual({
        msgs: [],
        more: false,
      });
      expect(
        await readOlder(js, stream, { to: 1000, first: 1, filter: 'nothing.here', limit: 50 }),
      ).toEqual({ msgs: [], more: false });
      expect(await seqAtTime(js, stream, new Date(0).toISOString(), 'nothing.here')).toBeNull();
    }
  });

  it('reads a limits stream with a filter spanning its subjects (*.x on a.>, b.>) both ways', async () => {
    const subjects = ['a.x', 'b.x', 'a.y', 'b.x.z', 'a.x', 'b.y', 'a.x.q', 'b.x', 'a.z', 'b.x'];
    const want = subjects
      .map((s, i) => ({ s, seq: i + 1 }))
      .filter((m) => m.seq !== 5 && subjectMatches('*.x', m.s))
      .map((m) => m.seq);
    expect(want).toEqual([1, 2, 8, 10]);
    for (const limit of [1, 2, 3, 50]) {
      const { up, down } = await pageAll(js, 'ab', '*.x', limit, 1, 10);
      expect(up, `newer ${limit}`).toEqual(want);
      expect(down, `older ${limit}`).toEqual(want);
    }
    const p = await readNewer(js, 'ab', { from: 1, filter: '*.x', limit: 50 });
    expect(p.msgs.map((m) => m.subject)).toEqual(['a.x', 'b.x', 'b.x', 'b.x']);
    expect(seqs((await readNewer(js, 'ab', { from: 1, filter: '*.x.>', limit: 50 })).msgs)).toEqual(
      [4, 7],
    );
  });

  it('gives the same StreamMessage as a consumer, by direct get and by STREAM.MSG.GET', async () => {
    const byConsumer: StreamMessage[] = [];
    await readRange(js, 'ab', {
      start: { kind: 'seq', seq: 1 },
      onBatch: (b) => byConsumer.push(...b),
    });
    for (const direct of [true, false]) {
      const got: StreamMessage[] = [];
      for await (const m of seqGets(getter(jsm, 'ab', direct), 1, 10)) got.push(m);
      // Node's transport hands consumer payloads as Buffers (a Uint8Array subclass): compare bytes.
      const bytes = (ms: StreamMessage[]) =>
        ms.map((m) => ({ ...m, data: Uint8Array.from(m.data) }));
      expect(bytes(got)).toEqual(bytes(byConsumer));
      expect(got.length).toBe(9);
    }
    // Headers (repeated names, order) on the work-queue stream, by STREAM.MSG.GET.
    const m = (await readNewer(js, WQ, { from: 3, limit: 1 })).msgs[0]!;
    expect(m.seq).toBe(3);
    expect(m.headers).toEqual([
      ['Nats-Msg-Id', 'id-3'],
      ['X-Tag', 'a3'],
      ['X-Tag', 'b3'],
    ]);
    expect(new TextDecoder().decode(m.data)).toBe(payloadOf(3));
    expect(m.time).toMatch(/\.\d{9}Z$/);
  });

  it('finds the sequence at a time on a work-queue stream by get', async () => {
    const all = (await readNewer(js, WQ, { from: 1, limit: 1000 })).msgs;
    for (const k of [0, 5, 60, all.length - 1]) {
      const at = all[k]!;
      expect(await seqAtTime(js, WQ, new Date(Math.ceil(at.timeMs)).toISOString()), `${k}`).toBe(
        all.find((m) => m.timeMs >= Math.ceil(at.timeMs))?.seq ?? null,
      );
    }
    expect(await seqAtTime(js, WQ, new Date(0).toISOString())).toBe(live()[0]);
    expect(await seqAtTime(js, WQ, new Date(0).toISOString(), 'agent.*.audit.*')).toBe(
      live('agent.*.audit.*')[0],
    );
    expect(await seqAtTime(js, WQ, new Date(Date.now() + 3_600_000).toISOString())).toBeNull();
  });

  it('scans and exports exactly the matching messages in both cases', async () => {
    const scan = async (
      stream: string,
      q: string,
      filter: string | undefined,
      direction: 'forward' | 'backward',
      from: number,
    ) => {
      const hits: number[] = [];
      const progress: number[] = [];
      const r = await scanStream(js, stream, {
        from,
        first: 1,
        direction,
        filter,
        batchSize: 16,
        match: compileSearch(parseSearch(q)),
        onMatches: (m) => hits.push(...seqs(m)),
        onProgress: (p) => progress.push(p.scanned),
      });
      return { hits, r, progress };
    };
    const needle = await scan(WQ, 'golden needle', undefined, 'forward', 1);
    expect(needle.hits).toEqual([290]);
    expect(needle.r.scanned).toBe(liveCount());
    expect(needle.progress.length).toBeGreaterThan(3);
    for (const f of ['agent.*.*.*', 'agent.*.audit.*', 'agent.status.>']) {
      const fwd = await scan(WQ, 'hello', f, 'forward', 1);
      expect(fwd.hits, f).toEqual(live(f).filter((s) => s !== 290));
      const back = await scan(WQ, 'hello', f, 'backward', 288);
      expect(back.hits, f).toEqual(
        live(f)
          .filter((s) => s !== 290 && s <= 288)
          .reverse(),
      );
      expect(back.progress.length).toBeGreaterThan(0);
    }
    const ab = await scan('ab', 'on', '*.x', 'forward', 1);
    expect(ab.hits).toEqual([1, 2, 8, 10]);
    const abBack = await scan('ab', 'on', '*.x', 'backward', 9);
    expect(abBack.hits).toEqual([8, 2, 1]);
    expect((await scan('ab', 'on', 'c.>', 'forward', 1)).hits).toEqual([]);
    const capped = await scanStream(js, WQ, {
      from: 1,
      first: 1,
      direction: 'forward',
      maxMatches: 5,
      match: () => true,
      onMatches: () => {},
    });
    expect(capped).toMatchObject({ matches: 5, reason: 'max' });

    const counts: number[] = [];
    const ex = await exportRange(js, WQ, {
      from: 10,
      to: 290,
      filter: 'agent.*.audit.*',
      format: 'ndjson',
      batchSize: 20,
      onProgress: (p) => counts.push(p.count),
    });
    const lines = (await ex.blob.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { seq: number });
    expect(lines.map((l) => l.seq)).toEqual(
      live('agent.*.audit.*').filter((s) => s >= 10 && s <= 290),
    );
    expect(ex.reason).toBe('done');
    expect(counts.length).toBeGreaterThan(1);
    const abEx = await exportRange(js, 'ab', { from: 2, to: 9, filter: '*.x', format: 'csv' });
    expect(
      (await abEx.blob.text())
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => Number(l.split(',')[0])),
    ).toEqual([2, 8]);
    const ac = new AbortController();
    const stopped = await exportRange(js, WQ, {
      from: 1,
      to: N,
      format: 'ndjson',
      batchSize: 10,
      signal: ac.signal,
      onProgress: (p) => p.count >= 20 && ac.abort(),
    });
    expect(stopped.reason).toBe('aborted');
    expect(stopped.count).toBeLessThan(liveCount());
  });

  it('reads by get when the user may not create consumers', async () => {
    const nc2 = await connect({ servers: server.natsUrl, user: 'getter', pass: 'getter' });
    try {
      const js2 = jetstream(nc2);
      const p = await readNewer(js2, 'ab', { from: 1, limit: 3 });
      expect(seqs(p.msgs)).toEqual([1, 2, 3]);
      expect(p.more).toBe(true);
      const o = await readOlder(js2, 'ab', { to: 10, first: 1, filter: 'b.>', limit: 3 });
      expect(seqs(o.msgs)).toEqual([6, 8, 10]);
      const hits: number[] = [];
      await scanStream(js2, 'ab', {
        from: 1,
        first: 1,
        direction: 'forward',
        filter: 'a.>',
        match: () => true,
        onMatches: (m) => hits.push(...seqs(m)),
      });
      expect(hits).toEqual([1, 3, 7, 9]);
    } finally {
      await nc2.close();
    }
  });

  it('acked, removed and left nothing: the work queue is as the workers left it', async () => {
    const info = await jsm.streams.info(WQ);
    expect(info.state.messages).toBe(liveCount());
    expect(info.state.first_seq).toBe(3);
    const consumers = await jsm.consumers.list(WQ).next();
    expect(consumers.map((c) => c.name)).toEqual(['workers']);
    expect(consumers[0]).toMatchObject({
      num_ack_pending: 0,
      num_pending: liveCount(),
      delivered: { stream_seq: 0 },
    });
    for (let i = 0; i < 50 && (await jsm.consumers.list('ab').next()).length > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await jsm.consumers.list('ab').next()).toEqual([]);
    expect((await jsm.streams.info('ab')).state.messages).toBe(9);
  });
});
