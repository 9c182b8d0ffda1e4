/**
 * Replay over a long range with no cap: 300,000 messages (more than the old 200,000-event
 * cap, and past the payload budget) load whole, and the state at three points equals a fold
 * of the published events computed here, without the store.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { setupAll } from '../../server/simulator/setup';
import { backfill } from '../../server/simulator/backfill';
import { createSquadGenerator } from '../../server/simulator/generator';
import { STREAM_NAME } from '../agents/schema';
import { toReplayEvent, type ReplayEvent } from './event';
import { loadReplay } from './loader';
import { applyEvent, cloneState, emptyState, type ProjectionState } from './projection';
import { parseSpec } from './scope';
import { ReplayData } from './store';

const COUNT = 300_000;
const SEED = 19;
const SPAN_MS = 6 * 3600_000;
const END = Date.parse('2026-01-02T00:00:00Z');
const POINTS = [1, 123_457, COUNT];

const plain = (s: ProjectionState) => ({
  seq: s.seq,
  applied: s.applied,
  agents: [...s.agents].sort(),
  tasks: [...s.tasks].sort(),
  byType: [...s.byType].sort(),
});

describe('replay of 300,000 messages, no cap', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  const expected = new Map<number, ReturnType<typeof plain>>();
  let last: ReplayEvent | null = null;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    await setupAll(nc);
    const r = await backfill(nc, {
      count: COUNT,
      seed: SEED,
      spanMs: SPAN_MS,
      endMs: END,
      batch: 5000,
    });
    expect(r.published).toBe(COUNT);
    js = jetstream(nc);
    // The same events again from the generator (what was published, seq i + 1), folded here.
    const gen = createSquadGenerator({
      seed: SEED,
      startMs: END - SPAN_MS,
      spanMs: SPAN_MS,
      count: COUNT,
    });
    const s = emptyState();
    for (let i = 1; i <= COUNT; i++) {
      const g = gen.next();
      const e = toReplayEvent({
        seq: i,
        subject: g.subject,
        timeMs: g.createdAtMs,
        time: '',
        headers: [],
        data: g.payload,
      });
      applyEvent(s, e);
      if (POINTS.includes(i)) expected.set(i, plain(cloneState(s)));
      if (i === COUNT) last = e;
    }
  }, 600_000);
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('loads every message and the state at three points equals the fold of the published events', async () => {
    const { spec } = parseSpec({ from: '1' });
    const d = new ReplayData(STREAM_NAME);
    await loadReplay(js, STREAM_NAME, spec, d);
    expect(d.info).toMatchObject({ status: 'done', read: COUNT, vanished: 0 });
    expect(d.events.length).toBe(COUNT);
    expect(d.events.seqAt(COUNT - 1)).toBe(COUNT);
    // Past the payload budget: metadata for all, payloads only for the latest.
    expect(d.events.allHeld).toBe(false);
    for (const p of POINTS) expect(plain(d.index.stateAt(p))).toEqual(expected.get(p));
    // Seeks in any order (snapshots thinned as they grow) stay exact.
    for (const p of [...POINTS].reverse())
      expect(plain(d.index.stateAt(p))).toEqual(expected.get(p));
    // The first message's payload was dropped and is read again; the last one is at hand.
    expect(d.events.full(0)).toBeNull();
    await vi.waitFor(() => expect(d.events.full(0)).not.toBeNull(), { timeout: 10_000 });
    const got = d.events.full(COUNT - 1) as ReplayEvent;
    expect(got.kind).toBe(last?.kind);
    expect([...got.data]).toEqual([...(last as ReplayEvent).data]);
  }, 600_000);
});
