import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { readNewer, readOlder } from './pages';
import { localScanner, scanStream } from './scan';
import { exportRange } from './range-export';
import { ndjsonPayloadBytes } from './export';
import { compileSearch, parseSearch } from './search';
import { toRow } from './rows';
import { MAX_PAGE_SIZE } from './paging';
import { subjectMatches } from '@/lib/nats/subjects';
import type { StreamMessage } from '@/lib/stream/reader';

const STREAM = 'browse-test';
const N = 3000;
const NEEDLE_SEQ = 2711;
const subjectOf = (i: number) =>
  i % 50 === 0
    ? `agent.task.t${i % 7}.completed`
    : i % 3 === 0
      ? `agent.status.a${i % 5}.online`
      : `agent.message.role${i % 4}.question`;
const payloadOf = (i: number) =>
  subjectOf(i).startsWith('agent.message')
    ? {
        id: `m${i}`,
        sender_id: `s${i % 4}`,
        recipient_id: i % 2 ? null : `r${i % 6}`,
        content: i === NEEDLE_SEQ ? 'the golden needle' : `hello ${i}`,
        message_type: i % 4 === 1 ? 'answer' : 'question',
        task_execution_id: `task-${i % 9}`,
        metadata: { sender_role: `role${i % 4}` },
        created_at: new Date().toISOString(),
      }
    : { i };

describe('browse pages and scan against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  const deleted = new Set([100, 101, 102, 1500, 2999]);
  const live = (f?: string) =>
    Array.from({ length: N }, (_, i) => i + 1).filter(
      (s) => !deleted.has(s) && (!f || subjectMatches(f, subjectOf(s))),
    );

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    jsm = await jetstreamManager(nc);
    js = jetstream(nc);
    await jsm.streams.add({ name: STREAM, subjects: ['agent.>'], allow_direct: true });
    for (let b = 1; b <= N; b += 500) {
      const ps = [];
      for (let i = b; i < b + 500 && i <= N; i++) {
        const h = natsHeaders();
        h.set('Nats-Msg-Id', `id-${i}`);
        if (i === 1234) h.set('X-Trace', 'abc-123');
        ps.push(js.publish(subjectOf(i), JSON.stringify(payloadOf(i)), { headers: h }));
      }
      await Promise.all(ps);
    }
    for (const s of deleted) await jsm.streams.deleteMessage(STREAM, s, false);
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  const seqs = (ms: StreamMessage[]) => ms.map((m) => m.seq);

  it('reads newer pages with and without a filter', async () => {
    const p = await readNewer(js, STREAM, { from: 95, limit: 10 });
    expect(seqs(p.msgs)).toEqual(
      live()
        .filter((s) => s >= 95)
        .slice(0, 10),
    );
    expect(p.more).toBe(true);
    const f = await readNewer(js, STREAM, { from: 1, filter: 'agent.task.>', limit: 200 });
    expect(seqs(f.msgs)).toEqual(live('agent.task.>'));
    expect(f.more).toBe(false);
    const end = await readNewer(js, STREAM, { from: 2995, limit: 10 });
    expect(seqs(end.msgs)).toEqual([2995, 2996, 2997, 2998, 3000]);
    expect(end.more).toBe(false);
    const beyond = await readNewer(js, STREAM, { from: 3001, limit: 200 });
    expect(beyond).toEqual({ msgs: [], more: false });
    const full = await readNewer(js, STREAM, { from: 1400, limit: 200 });
    expect(seqs(full.msgs)).toEqual(
      live()
        .filter((s) => s >= 1400)
        .slice(0, 200),
    );
    expect(full.more).toBe(true);
  });

  it('maps each message as it arrives (rows while scrolling) exactly as mapping the page afterwards', async () => {
    for (const [o, f] of [
      [{ from: 1 }, undefined],
      [{ from: 1 }, 'agent.status.>'],
    ] as const) {
      const plain = await readNewer(js, STREAM, { ...o, filter: f, limit: MAX_PAGE_SIZE });
      const rows = await readNewer(js, STREAM, {
        ...o,
        filter: f,
        limit: MAX_PAGE_SIZE,
        map: toRow,
      });
      expect(rows.msgs, f).toEqual(plain.msgs.map(toRow));
      expect(rows.more).toBe(plain.more);
    }
    for (const f of [undefined, 'agent.task.>']) {
      const plain = await readOlder(js, STREAM, {
        to: 2600,
        first: 1,
        filter: f,
        limit: MAX_PAGE_SIZE,
      });
      const rows = await readOlder(js, STREAM, {
        to: 2600,
        first: 1,
        filter: f,
        limit: MAX_PAGE_SIZE,
        map: toRow,
      });
      expect(
        rows.msgs.map((r) => r.seq),
        f,
      ).toEqual(
        live(f)
          .filter((s) => s <= 2600)
          .slice(-MAX_PAGE_SIZE),
      );
      expect(rows.msgs, f).toEqual(plain.msgs.map(toRow));
    }
  });

  it('leaves no consumer behind after single-pull pages', async () => {
    await readNewer(js, STREAM, { from: 10, limit: 200 });
    await readOlder(js, STREAM, { to: 900, first: 1, limit: 200 });
    // Deletes are sent without waiting for their replies: give them a moment.
    for (let i = 0; i < 50 && (await jsm.consumers.list(STREAM).next()).length > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await jsm.consumers.list(STREAM).next()).toEqual([]);
  });

  it('reads older pages exactly, skipping deleted sequences, with and without a filter', async () => {
    const p = await readOlder(js, STREAM, { to: 110, first: 1, limit: 20 });
    expect(seqs(p.msgs)).toEqual(
      live()
        .filter((s) => s <= 110)
        .slice(-20),
    );
    expect(p.more).toBe(true);
    for (const f of [
      'agent.status.>',
      'agent.task.>',
      'agent.task.t3.*',
      'agent.message.role1.question',
    ]) {
      const want = live(f)
        .filter((s) => s <= 2500)
        .slice(-25);
      const got = await readOlder(js, STREAM, { to: 2500, first: 1, filter: f, limit: 25 });
      expect(seqs(got.msgs), f).toEqual(want);
    }
    const start = await readOlder(js, STREAM, { to: 5, first: 1, limit: 20 });
    expect(seqs(start.msgs)).toEqual([1, 2, 3, 4, 5]);
    expect(start.more).toBe(false);
    const none = await readOlder(js, STREAM, {
      to: 3000,
      first: 1,
      filter: 'agent.nothing.>',
      limit: 20,
    });
    expect(none).toEqual({ msgs: [], more: false });
  });

  it('pages newest-first through the whole filtered stream with no gap or duplicate', async () => {
    const f = 'agent.status.>';
    const all: number[] = [];
    let to = N;
    for (;;) {
      const p = await readOlder(js, STREAM, { to, first: 1, filter: f, limit: 150 });
      all.unshift(...seqs(p.msgs));
      if (!p.more || p.msgs.length === 0) break;
      to = p.msgs[0]!.seq - 1;
    }
    expect(all).toEqual(live(f));
  });

  it('scans forwards and backwards and finds exactly the matching messages', async () => {
    const fwd: number[] = [];
    // The query as data, compiled where the scan runs: what the reader worker does.
    const r = await localScanner(
      js,
      STREAM,
    )({
      q: 'golden needle',
      from: 1,
      first: 1,
      direction: 'forward',
      onMatches: (m) => fwd.push(...seqs(m)),
    });
    expect(fwd).toEqual([NEEDLE_SEQ]);
    expect(r.scanned).toBe(N - deleted.size);
    const back: number[] = [];
    await scanStream(js, STREAM, {
      from: 2000,
      first: 1,
      direction: 'backward',
      match: compileSearch(parseSearch('type:answer to:broadcast')),
      onMatches: (m) => back.push(...seqs(m)),
    });
    const want = live('agent.message.>')
      .filter((s) => s <= 2000 && s % 4 === 1 && s % 2 === 1)
      .reverse();
    expect(back).toEqual(want);
    const hdr: number[] = [];
    await scanStream(js, STREAM, {
      from: 1,
      first: 1,
      direction: 'forward',
      filter: 'agent.>',
      match: compileSearch(parseSearch('header:X-Trace=ABC')),
      onMatches: (m) => hdr.push(...seqs(m)),
    });
    expect(hdr).toEqual([1234]);
    const capped: number[] = [];
    const c = await scanStream(js, STREAM, {
      from: 1,
      first: 1,
      direction: 'forward',
      filter: 'agent.task.>',
      maxMatches: 7,
      match: () => true,
      onMatches: (m) => capped.push(...seqs(m)),
    });
    expect(capped).toEqual(live('agent.task.>').slice(0, 7));
    expect(c.reason).toBe('max');
    await new Promise((res) => setTimeout(res, 200));
    expect((await jsm.streams.info(STREAM)).state.consumer_count).toBe(0);
  });

  it('exports a filtered range as NDJSON and CSV, in batches, exactly', async () => {
    const progress: number[] = [];
    const r = await exportRange(js, STREAM, {
      from: 90,
      to: 2600,
      filter: 'agent.status.>',
      format: 'ndjson',
      batchSize: 100,
      onProgress: (p) => progress.push(p.count),
    });
    const lines = (await r.blob.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { seq: number; subject: string });
    const want = live('agent.status.>').filter((s) => s >= 90 && s <= 2600);
    expect(lines.map((l) => l.seq)).toEqual(want);
    expect(r).toMatchObject({ count: want.length, reason: 'done' });
    expect(progress.length).toBeGreaterThan(3);
    const csv = await exportRange(js, STREAM, { from: 99, to: 104, format: 'csv' });
    const rows = (await csv.blob.text()).trim().split('\n');
    expect(rows[0]).toMatch(/^seq,time,subject/);
    expect(rows.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([99, 103, 104]);
    const ac = new AbortController();
    const aborted = await exportRange(js, STREAM, {
      from: 1,
      to: N,
      format: 'ndjson',
      batchSize: 50,
      signal: ac.signal,
      onProgress: (p) => p.count >= 100 && ac.abort(),
    });
    expect(aborted.reason).toBe('aborted');
    expect(aborted.count).toBeLessThan(N - deleted.size);
  });

  it('exports binary and text payloads byte-exact', async () => {
    await jsm.streams.add({ name: 'export-bytes', subjects: ['bytes.>'] });
    const payloads = [
      new Uint8Array([0, 255, 254, 1]),
      new TextEncoder().encode('\ufeffhé <img src=x onerror=alert(1)>'),
      new Uint8Array(70_000).map((_, i) => (i * 7) % 256),
      new Uint8Array(),
    ];
    for (const [i, p] of payloads.entries()) await js.publish(`bytes.${i}`, p);
    const r = await exportRange(js, 'export-bytes', { from: 1, to: 4, format: 'ndjson' });
    const lines = (await r.blob.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { payload: string; encoding?: string });
    expect(lines.map((l) => l.encoding)).toEqual(['base64', undefined, 'base64', undefined]);
    expect(lines.map(ndjsonPayloadBytes)).toEqual(payloads);
    await jsm.streams.delete('export-bytes');
  });

  it('stops a scan when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await scanStream(js, STREAM, {
      from: 1,
      first: 1,
      direction: 'forward',
      signal: ac.signal,
      match: () => true,
      onMatches: () => {},
    });
    expect(r.reason).toBe('aborted');
  });
});
