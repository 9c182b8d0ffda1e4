import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { setupAll } from '../../server/simulator/setup';
import { backfill } from '../../server/simulator/backfill';
import { STREAM_NAME } from '../agents/schema';
import { readRange } from '../stream/reader';
import { eventHeaders, toReplayEvent, type ReplayEvent } from './event';
import { loadReplay, planRead } from './loader';
import { fold } from './projection';
import { parseSpec, scopeMatcher } from './scope';
import { ProjectionCursor, ProjectionIndex } from './snapshots';
import { ReplayData } from './store';
import { eventsToNdjson, parseNdjson, replayToNdjson } from './ndjson';
import { payloadRangeReader } from './payload-read';
import { capabilitiesOf } from '../nats/capabilities';

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
  const load = async (q: Parameters<typeof parseSpec>[0], budget?: number) => {
    const { spec, errors } = parseSpec(q);
    expect(errors).toEqual([]);
    const d = new ReplayData(STREAM_NAME);
    if (budget !== undefined) d.events.budget = budget;
    await loadReplay(js, STREAM_NAME, spec, d);
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
    expect(d.info).toMatchObject({ status: 'done', read: COUNT, vanished: 0 });
    expect(d.events.length).toBe(COUNT);
    const small = new ProjectionIndex(d.events, 37);
    const cursor = new ProjectionCursor(d.index, d.events);
    for (let k = 0; k < 12; k++) {
      const n = 1 + Math.floor(Math.random() * COUNT);
      const expected = plain(fold(await firstN(n)));
      expect(plain(d.index.stateAt(n))).toEqual(expected); // snapshots every 1000
      expect(plain(small.stateAt(n))).toEqual(expected); // many snapshots
      expect(plain(cursor.moveTo(n))).toEqual(expected); // incremental / jump
      expect(plain(fold(d.events.toArray().slice(0, n)))).toEqual(expected); // no snapshots at all
    }
    // The seeded data exercises the whole contract.
    const end = d.index.stateAt(COUNT);
    expect(new Set([...end.tasks.values()].map((t) => t.state))).toContain('completed');
    expect(end.agents.size).toBeGreaterThanOrEqual(8);
  });

  it('a task scope loads exactly the task’s events, an agent scope its own', async () => {
    const all = await load({});
    const taskId =
      all.events.toArray().find((e) => e.kind === 'task' && e.event === 'completed')?.kind ===
      'task'
        ? (
            all.events.toArray().find((e) => e.kind === 'task' && e.event === 'completed') as {
              task: string;
            }
          ).task
        : '';
    expect(taskId).not.toBe('');
    const byTask = await load({ task: taskId });
    const expected = all.events
      .toArray()
      .filter((e) => e.kind !== 'generic' && e.task === taskId)
      .map((e) => e.seq);
    expect(byTask.events.toArray().map((e) => e.seq)).toEqual(expected);
    expect(byTask.info.read).toBeLessThan(COUNT); // read only the task's span, not the stream

    const agentId = (all.events.toArray().find((e) => e.kind === 'status') as { agent: string })
      .agent;
    const byAgent = await load({ agent: agentId });
    expect(byAgent.events.length).toBeGreaterThan(0);
    for (const e of byAgent.events.toArray()) {
      const mine =
        (e.kind === 'status' && e.agent === agentId) ||
        (e.kind === 'message' && (e.from === agentId || e.to === agentId || e.to === null)) ||
        (e.kind === 'task' && e.assignee === agentId);
      expect(mine).toBe(true);
    }
  });

  it('honours from/to (sequences and times) and filters', async () => {
    const r = await load({ from: '100', to: '250' });
    expect(r.events.toArray().map((e) => e.seq)).toEqual(
      Array.from({ length: 151 }, (_, i) => 100 + i),
    );
    const mid = r.events.toArray()[50] as ReplayEvent;
    const t = await load({ from: '100', to: new Date(mid.timeMs).toISOString() });
    expect(t.events.toArray().every((e) => Math.floor(e.timeMs) <= Math.floor(mid.timeMs))).toBe(
      true,
    );
    expect(t.events.length).toBeGreaterThanOrEqual(51);
    const f = await load({ filter: 'agent.status.>' });
    expect(f.events.toArray().every((e) => e.subject.startsWith('agent.status.'))).toBe(true);
  });

  it('past the payload budget keeps every event and reads payloads again, exact', async () => {
    const whole = await load({ from: '10' });
    const small = await load({ from: '10' }, 64 << 10);
    expect(small.events.length).toBe(COUNT - 9);
    expect(whole.events.allHeld).toBe(true);
    expect(small.events.allHeld).toBe(false);
    expect(small.events.heldCount).toBeLessThan(small.events.length);
    // Metadata of every event, payloads of the first ones read again on demand (one read).
    expect(small.events.toArray().map((e) => e.seq)).toEqual(
      whole.events.toArray().map((e) => e.seq),
    );
    for (const i of [0, 1, 2, 40]) expect(small.events.full(i)).toBeNull();
    await vi.waitFor(() => expect(small.events.full(40)).not.toBeNull());
    for (const i of [0, 1, 2, 40]) {
      const got = small.events.full(i) as ReplayEvent;
      const want = whole.events.full(i) as ReplayEvent;
      expect(eventsToNdjson([got])).toBe(eventsToNdjson([want]));
    }
    // The export reads the range again: byte for byte what a replay holding everything writes.
    const a = (await replayToNdjson(small.events)).join('');
    expect(a).toBe(eventsToNdjson(whole.events.toArray()));
    expect(plain(small.index.stateAt(small.events.length))).toEqual(
      plain(whole.index.stateAt(whole.events.length)),
    );
  });

  it('reads payloads again by batch direct get where the server has it, else an ordered read', async () => {
    const caps = await capabilitiesOf(js);
    const info = await (await js.jetstreamManager()).streams.info(STREAM_NAME);
    // Asked of the server, not of its version string: 2.11+ and a stream that allows direct gets.
    const want = caps.batchGet && info.config.allow_direct ? 'direct' : 'consumer';
    const paths: string[] = [];
    const { spec } = parseSpec({ from: '1', to: '3000', filter: 'agent.message.>' });
    const whole = new ReplayData(STREAM_NAME);
    await loadReplay(js, STREAM_NAME, spec, whole);
    const small = new ReplayData(STREAM_NAME);
    small.events.budget = 16 << 10;
    await loadReplay(js, STREAM_NAME, spec, small, {
      payloadReader: payloadRangeReader(js, STREAM_NAME, (p) => paths.push(p)),
    });
    expect(small.events.length).toBe(whole.events.length);
    const idx = [0, 1, 5, 9, 300];
    for (const i of idx) expect(small.events.full(i)).toBeNull();
    await vi.waitFor(() => idx.forEach((i) => expect(small.events.full(i)).not.toBeNull()));
    for (const i of idx)
      expect(eventsToNdjson([small.events.full(i) as ReplayEvent])).toBe(
        eventsToNdjson([whole.events.full(i) as ReplayEvent]),
      );
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths)).toEqual(new Set([want]));
  });

  it('loads the events a plain read gives (scope, ISO end) and exports the same NDJSON', async () => {
    const all = await load({ from: '1', to: '1500' });
    const firstOf = (k: 'message' | 'task') => all.events.toArray().find((e) => e.kind === k);
    const msg = firstOf('message');
    const task = firstOf('task');
    if (msg?.kind !== 'message' || task?.kind !== 'task') throw new Error('no message or task');
    const mid = all.events.toArray()[700]?.timeMs ?? 0;
    for (const q of [
      { from: '1', to: '1500' },
      { filter: 'agent.status.>' },
      { from: '20', to: '900', agent: '' },
      { from: '1', to: '1500', agent: msg.from },
      { task: task.task },
      // An ISO end inside the range: the cut is made where the batch is decoded.
      { from: '1', to: new Date(Math.floor(mid)).toISOString().replace('Z', '') },
    ]) {
      const { spec } = parseSpec(q);
      // The reference, made here: the plan's range read message by message, cut after the ISO
      // end's millisecond, the scope matched on toReplayEvent's events (the import's append).
      const plan = await planRead(js, STREAM_NAME, spec);
      const match = scopeMatcher(spec);
      const events: ReplayEvent[] = [];
      let read = 0;
      let past = false;
      await readRange(js, STREAM_NAME, {
        start: plan.start,
        filter: plan.filter,
        endSeq: plan.endSeq,
        onBatch: (msgs) => {
          for (const m of msgs) {
            if (past || (plan.endMs !== undefined && Math.floor(m.timeMs) > plan.endMs)) {
              past = true;
              return;
            }
            read++;
            const e = toReplayEvent(m);
            if (!match || match(e)) events.push(e);
          }
        },
      });
      const want = new ReplayData(STREAM_NAME);
      want.append(events, read);
      want.finish({ status: 'done', vanished: 0 });
      // The loader as the page runs it (batches packed, then decoded into columns and bytes).
      const got = new ReplayData(STREAM_NAME);
      await loadReplay(js, STREAM_NAME, spec, got, { batchSize: 300 });
      expect(got.info).toEqual(want.info);
      expect(got.events.length).toBeGreaterThan(0);
      const strip = (e: ReplayEvent) => ({
        ...e,
        time: null,
        nanos: 0,
        headers: null,
        hdrLen: 0,
        data: [...e.data],
      });
      expect(got.events.toArray().map(strip)).toEqual(want.events.toArray().map(strip));
      expect(got.events.toArray().map(eventHeaders)).toEqual(
        want.events.toArray().map(eventHeaders),
      );
      expect(eventsToNdjson(got.events.toArray())).toBe(eventsToNdjson(want.events.toArray()));
      expect([...got.times()]).toEqual([...want.times()]);
      expect(got.lanes()).toEqual(want.lanes());
    }
  });

  it('exports a range as NDJSON and the import replays to the same state', async () => {
    const r = await load({ from: '1', to: '1500' });
    const back = parseNdjson(eventsToNdjson(r.events.toArray()));
    expect(back.errors).toEqual([]);
    const again = back.messages.map(toReplayEvent);
    expect(plain(fold(again))).toEqual(plain(fold(r.events)));
    expect(again.map((e) => e.seq)).toEqual(r.events.toArray().map((e) => e.seq));
  });
});
