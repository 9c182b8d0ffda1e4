import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import {
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { rawHeaderLength } from '../nats/internals';
import {
  getMessage,
  getNextMessage,
  headersOf,
  readRange,
  tailStream,
  type StreamMessage,
} from './reader';

const STREAM = 'reader-test';
const N = 600;
const subjectOf = (i: number) =>
  i % 3 === 0 ? `agent.status.a${i % 5}.online` : `agent.message.role${i % 4}.question`;

describe('stream reader against a real nats-server', () => {
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
    const ps = [];
    for (let i = 1; i <= N; i++) {
      const h = natsHeaders();
      h.set('Nats-Msg-Id', `id-${i}`);
      ps.push(js.publish(subjectOf(i), JSON.stringify({ i }), { headers: h }));
    }
    await Promise.all(ps);
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  const collect = async (opts: Omit<Parameters<typeof readRange>[2], 'onBatch'>) => {
    const got: StreamMessage[] = [];
    let batches = 0;
    const r = await readRange(js, STREAM, { ...opts, onBatch: (b) => (batches++, got.push(...b)) });
    return { got, r, batches };
  };

  it('reads everything in order, in batches, and stops at the end', async () => {
    const { got, r, batches } = await collect({ start: { kind: 'first' }, batchSize: 100 });
    expect(got.map((m) => m.seq)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(r).toEqual({ count: N, lastSeq: N, reason: 'end' });
    expect(batches).toBeLessThan(N / 10);
    expect(got[0]?.headers).toContainEqual(['Nats-Msg-Id', 'id-1']);
    expect(new TextDecoder().decode(got[41]?.data)).toBe('{"i":42}');
  });

  it('parses delivered header blocks itself (nats.js internals present), as nats.js does', async () => {
    const h = natsHeaders();
    h.append('X-Multi', 'a');
    h.append('Nats-Msg-Id', 'multi-1');
    h.append('X-Multi', ' b ');
    // A stream of its own: the other tests count on this one's sequences.
    await jsm.streams.add({ name: `${STREAM}-hdr`, subjects: ['hdr.>'] });
    await js.publish('hdr.note', '{}', { headers: h });
    const c = await js.consumers.get(`${STREAM}-hdr`, { deliver_policy: DeliverPolicy.All });
    const m = await c.next();
    expect(m).not.toBeNull();
    if (!m) return;
    expect(rawHeaderLength(m)).toBeGreaterThan(0);
    const reference =
      m.headers?.keys().flatMap((k) => (m.headers?.values(k) ?? []).map((v) => [k, v])) ?? [];
    expect(headersOf(m)).toEqual(reference);
    expect(headersOf(m)).toEqual([
      ['X-Multi', 'a'],
      ['X-Multi', 'b'],
      ['Nats-Msg-Id', 'multi-1'],
    ]);
    await c.delete();
    await jsm.streams.delete(`${STREAM}-hdr`);
  });

  it("gives every message the server's stream time to the nanosecond, read or got", async () => {
    // The server's own time per sequence (STREAM.MSG.GET's RFC 3339, Go drops trailing zeros).
    const stored = new Map<number, string>();
    for (let seq = 1; seq <= N; seq++) {
      const r = await nc.request(`$JS.API.STREAM.MSG.GET.${STREAM}`, JSON.stringify({ seq }));
      const t = (r.json() as { message: { time: string } }).message.time;
      const [s, frac = ''] = t.replace('Z', '').split('.');
      stored.set(seq, `${s}.${frac.padEnd(9, '0')}Z`);
    }
    const exact = (m: StreamMessage | null) => {
      if (!m) throw new Error('no message');
      // The ms is the time's own: its floor is the server's millisecond.
      expect(Math.floor(m.timeMs)).toBe(Date.parse(m.time.slice(0, 23) + 'Z'));
      return [m.seq, m.time];
    };
    const want = [...stored].map(([seq, t]) => [seq, t]);
    const { got } = await collect({ start: { kind: 'first' } });
    expect(got.map(exact)).toEqual(want);
    for (const seq of [1, 77, N])
      for (const direct of [true, false])
        expect(exact(await getMessage(jsm, STREAM, seq, { direct }))).toEqual([
          seq,
          stored.get(seq),
        ]);
    // Most times have nanoseconds a double of the epoch nanos cannot hold: this test can fail.
    const lossy = [...stored.values()].filter((t) => {
      const ns = BigInt(Date.parse(t.slice(0, 19) + 'Z')) * 1_000_000n + BigInt(t.slice(20, 29));
      return BigInt(Number(ns)) !== ns;
    });
    expect(lossy.length).toBeGreaterThan(N / 2);
  });

  it('starts at a sequence, honours a filter, endSeq and limit', async () => {
    const filtered = await collect({
      start: { kind: 'seq', seq: 100 },
      filter: 'agent.status.>',
      endSeq: 200,
    });
    const expected = Array.from({ length: N }, (_, i) => i + 1).filter(
      (i) => i >= 100 && i <= 200 && i % 3 === 0,
    );
    expect(filtered.got.map((m) => m.seq)).toEqual(expected);
    const limited = await collect({ start: { kind: 'seq', seq: 10 }, limit: 7 });
    expect(limited.got.map((m) => m.seq)).toEqual([10, 11, 12, 13, 14, 15, 16]);
    expect(limited.r.reason).toBe('limit');
  });

  it('returns at once when nothing matches, and leaves no consumer behind', async () => {
    const none = await collect({ start: { kind: 'first' }, filter: 'agent.task.>' });
    expect(none.r).toEqual({ count: 0, lastSeq: 0, reason: 'end' });
    const beyond = await collect({ start: { kind: 'seq', seq: N + 50 } });
    expect(beyond.r.count).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect((await jsm.streams.info(STREAM)).state.consumer_count).toBe(0);
  });

  it('gets single messages by sequence, directly and via the API, and next-by-subject', async () => {
    const d = await getMessage(jsm, STREAM, 42, { direct: true });
    const a = await getMessage(jsm, STREAM, 42);
    expect(d?.subject).toBe(subjectOf(42));
    expect(a?.subject).toBe(subjectOf(42));
    expect(new TextDecoder().decode(d?.data)).toBe('{"i":42}');
    expect(d?.headers).toContainEqual(['Nats-Msg-Id', 'id-42']);
    expect(await getMessage(jsm, STREAM, N + 10, { direct: true })).toBeNull();
    const next = await getNextMessage(jsm, STREAM, 43, 'agent.status.>');
    expect(next?.seq).toBe(45);
  });

  it('tails new messages without replaying history', async () => {
    const seen: number[] = [];
    const tail = await tailStream(js, STREAM, {
      start: { kind: 'new' },
      flushMs: 20,
      onBatch: (b) => seen.push(...b.map((m) => m.seq)),
    });
    await js.publish('agent.task.t1.created', '{}');
    await js.publish('agent.task.t1.assigned', '{}');
    const deadline = Date.now() + 5000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await tail.stop();
    expect(seen).toEqual([N + 1, N + 2]);
  });
});
