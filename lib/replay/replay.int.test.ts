import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { setupAll } from '../../server/simulator/setup';
import { backfill } from '../../server/simulator/backfill';
import { STREAM_NAME } from '../agents/schema';
import { readRange, readRangeInto } from '../stream/reader';
import { RawPacker } from '../stream/pack';
import { toReplayEvent, type ReplayEvent } from './event';
import { loadReplay, loadReplayRaw } from './loader';
import { fold } from './projection';
import { parseSpec } from './scope';
import { ProjectionCursor, ProjectionIndex } from './snapshots';
import { ReplayData } from './store';
import { eventsToNdjson, parseNdjson } from './ndjson';

const COUNT = 4000;
const END = Date.parse('2026-01-01T12:00:00Z');

const plain = (s: ReturnType<typeof fold>) => ({
  seq: s.seq,
  agents: [...s.agents].sort(),
  tasks: [...s.tasks].sort(),
  byType: [...s.byType].sort(),
});

describe('replay against a real stream backfilled by the simulator', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  const load = async (q: Parameters<typeof parseSpec>[0], cap?: number) => {
    const { spec, errors } = parseSpec(q);
    expect(errors).toEqual([]);
    const d = new ReplayData(STREAM_NAME);
    await loadReplay(js, STREAM_NAME, spec, d, { cap });
    return d;
  };
  /** Messages 1..n read independently (no replay code but the decoder). */
  const firstN = async (n: number) => {
    const out: ReplayEvent[] = [];
    await readRange(js, STREAM_NAME, {
      start: { kind: 'first' },
      limit: n,
      onBatch: (b) => out.push(...b.map(toReplayEvent)),
    });
    return out;
  };

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    await setupAll(nc);
    await backfill(nc, { count: COUNT, seed: 11, spanMs: 3600_000, endMs: END });
    js = jetstream(nc);
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('the state at a random N equals the fold of messages 1..N, with and without snapshots', async () => {
    const d = await load({});
    expect(d.info).toMatchObject({ status: 'done', read: COUNT, capped: false });
    expect(d.events.length).toBe(COUNT);
    const small = new ProjectionIndex(d.events, 37);
    const cursor = new ProjectionCursor(d.index, d.events);
    for (let k = 0; k < 12; k++) {
      const n = 1 + Math.floor(Math.random() * COUNT);
      const expected = plain(fold(await firstN(n)));
      expect(plain(d.index.stateAt(n))).toEqual(expected); // snapshots every 1000
      expect(plain(small.stateAt(n))).toEqual(expected); // many snapshots
      expect(plain(cursor.moveTo(n))).toEqual(expected); // incremental / jump
      expect(plain(fold(d.events.slice(0, n)))).toEqual(expected); // no snapshots at all
    }
    // The seeded data exercises the whole contract.
    const end = d.index.stateAt(COUNT);
    expect(new Set([...end.tasks.values()].map((t) => t.state))).toContain('completed');
    expect(end.agents.size).toBeGreaterThanOrEqual(8);
  });

  it('a task scope loads exactly the task’s events, an agent scope its own', async () => {
    const all = await load({});
    const taskId =
      all.events.find((e) => e.kind === 'task' && e.event === 'completed')?.kind === 'task'
        ? (all.events.find((e) => e.kind === 'task' && e.event === 'completed') as { task: string })
            .task
        : '';
    expect(taskId).not.toBe('');
    const byTask = await load({ task: taskId });
    const expected = all.events
      .filter((e) => e.kind !== 'generic' && e.task === taskId)
      .map((e) => e.seq);
    expect(byTask.events.map((e) => e.seq)).toEqual(expected);
    expect(byTask.info.read).toBeLessThan(COUNT); // read only the task's span, not the stream

    const agentId = (all.events.find((e) => e.kind === 'status') as { agent: string }).agent;
    const byAgent = await load({ agent: agentId });
    expect(byAgent.events.length).toBeGreaterThan(0);
    for (const e of byAgent.events) {
      const mine =
        (e.kind === 'status' && e.agent === agentId) ||
        (e.kind === 'message' && (e.from === agentId || e.to === agentId || e.to === null)) ||
        (e.kind === 'task' && e.assignee === agentId);
      expect(mine).toBe(true);
    }
  });

  it('honours from/to (sequences and times), filters, and caps with a notice flag', async () => {
    const r = await load({ from: '100', to: '250' });
    expect(r.events.map((e) => e.seq)).toEqual(Array.from({ length: 151 }, (_, i) => 100 + i));
    const mid = r.events[50] as ReplayEvent;
    const t = await load({ from: '100', to: new Date(mid.timeMs).toISOString() });
    expect(t.events.every((e) => Math.floor(e.timeMs) <= Math.floor(mid.timeMs))).toBe(true);
    expect(t.events.length).toBeGreaterThanOrEqual(51);
    const f = await load({ filter: 'agent.status.>' });
    expect(f.events.every((e) => e.subject.startsWith('agent.status.'))).toBe(true);
    const capped = await load({ from: '10' }, 500);
    expect(capped.events.length).toBe(500);
    expect(capped.info.capped).toBe(true);
    expect(capped.events[499]?.seq).toBe(509);
  });

  it('raw batches (the reader worker’s form) load the same events and export the same NDJSON', async () => {
    for (const q of [
      { from: '1', to: '1500' },
      { filter: 'agent.status.>' },
      { from: '20', to: '900', agent: '' },
    ]) {
      const { spec } = parseSpec(q);
      const want = new ReplayData(STREAM_NAME);
      await loadReplay(js, STREAM_NAME, spec, want);
      const got = new ReplayData(STREAM_NAME);
      // What the worker runs (lib/workers/reader.worker.ts readRaw), here on this connection.
      await loadReplayRaw(
        (o) => readRange(js, STREAM_NAME, o),
        ({ onBatch, ...o }) => {
          const p = new RawPacker(o.batchSize);
          return readRangeInto(js, STREAM_NAME, o, {
            add: (m) => p.add(m),
            size: () => p.size(),
            flush: (pending) => onBatch(p.take(), pending),
          });
        },
        STREAM_NAME,
        spec,
        got,
        { batchSize: 300 },
      );
      expect(got.info).toEqual(want.info);
      const strip = (e: ReplayEvent) => ({
        ...e,
        time: null,
        nanos: 0,
        headers: null,
        hdrLen: 0,
        data: [...e.data],
      });
      expect(got.events.map(strip)).toEqual(want.events.map(strip));
      expect(eventsToNdjson(got.events)).toBe(eventsToNdjson(want.events));
    }
  });

  it('exports a range as NDJSON and the import replays to the same state', async () => {
    const r = await load({ from: '1', to: '1500' });
    const back = parseNdjson(eventsToNdjson(r.events));
    expect(back.errors).toEqual([]);
    const again = back.messages.map(toReplayEvent);
    expect(plain(fold(again))).toEqual(plain(fold(r.events)));
    expect(again.map((e) => e.seq)).toEqual(r.events.map((e) => e.seq));
  });
});
