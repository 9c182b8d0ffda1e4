/**
 * Latencies and critical paths of simulated tasks, read back through the replay's task scope,
 * against figures worked out here independently from the raw published payloads (plain
 * JSON.parse, and the simulator's `in_reply_to` metadata rather than the app's pairing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { setupAll } from '../../server/simulator/setup';
import { backfill } from '../../server/simulator/backfill';
import { STREAM_NAME } from '../agents/schema';
import { readRange } from '../stream/reader';
import { toReplayEvent, type TaskEvent } from '../replay/event';
import { loadReplay } from '../replay/loader';
import { parseSpec } from '../replay/scope';
import { ReplayData } from '../replay/store';
import { criticalPath } from './critical-path';
import { pairRequests } from './latency';
import { buildStory } from './story';
import { buildRows, Enricher } from './summary';
import { AllTasks, loadAllTasks } from './all-tasks';

const COUNT = 3000;
const END = Date.parse('2026-01-01T12:00:00Z');

type Raw = { subject: string; body: Record<string, unknown>; ms: number };

describe('task latencies and critical paths on a simulated stream', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  const raw: Raw[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    await setupAll(nc);
    await backfill(nc, { count: COUNT, seed: 7, spanMs: 3600_000, endMs: END });
    js = jetstream(nc);
    const dec = new TextDecoder();
    await readRange(js, STREAM_NAME, {
      start: { kind: 'first' },
      onBatch: (b) => {
        for (const m of b) {
          const body = JSON.parse(dec.decode(m.data)) as Record<string, unknown>;
          raw.push({ subject: m.subject, body, ms: Date.parse(body.created_at as string) });
        }
      },
    });
  }, 120_000);
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  /** Independent figures of one task from the raw payloads. */
  const expected = (id: string) => {
    const mine = raw.filter((r) => r.body.task_id === id || r.body.task_execution_id === id);
    const life = mine.filter((r) => r.subject.startsWith('agent.task.'));
    const created = life.find((r) => r.body.event === 'created')!.ms;
    const terminal = life.filter((r) => r.body.event === 'completed' || r.body.event === 'failed');
    const end = terminal[terminal.length - 1]!.ms;
    let from = created;
    let assignWait = 0;
    for (const r of life) {
      if (r.body.event === 'assigned') assignWait += r.ms - from;
      if (r.body.event === 'failed') from = r.ms;
    }
    const byId = new Map(
      mine
        .filter((r) => r.subject.startsWith('agent.message.'))
        .map((r) => [r.body.id as string, r]),
    );
    const hops: { type: string; ms: number }[] = [];
    for (const r of byId.values()) {
      const ask = byId.get((r.body.metadata as Record<string, unknown>).in_reply_to as string);
      if (ask) hops.push({ type: r.body.message_type as string, ms: r.ms - ask.ms });
    }
    const sum = (t: string) => hops.filter((h) => h.type === t).reduce((a, h) => a + h.ms, 0);
    return {
      duration: end - created,
      assignWait,
      answerWait: sum('answer'),
      reviewWait: sum('code_review'),
      hops: hops.map((h) => h.ms).sort((a, b) => a - b),
      attempts: life.filter((r) => r.body.event === 'assigned').length,
    };
  };

  it('the simulator wrote retried and failed tasks, and tasks with questions', () => {
    const retries = raw.filter(
      (r) =>
        r.subject.startsWith('agent.task.') &&
        r.body.event === 'assigned' &&
        (r.body.retries as number) > 0,
    );
    expect(retries.length).toBeGreaterThan(0);
    expect(raw.some((r) => r.body.message_type === 'answer')).toBe(true);
  });

  it('pairs, latencies and the critical path of ended tasks equal the independent figures', async () => {
    const ended = [
      ...new Set(
        raw
          .filter(
            (r) =>
              r.subject.startsWith('agent.task.') &&
              (r.body.event === 'completed' || r.body.event === 'failed'),
          )
          .map((r) => r.body.task_id as string),
      ),
    ];
    const created = new Set(
      raw.filter((r) => r.body.event === 'created').map((r) => r.body.task_id as string),
    );
    const retried = new Set(
      raw
        .filter((r) => r.body.event === 'assigned' && (r.body.retries as number) > 0)
        .map((r) => r.body.task_id as string),
    );
    // Tasks whose whole life is in the stream; retried ones first so they are among those checked.
    const ids = ended
      .filter((id) => created.has(id))
      .sort((a, b) => Number(retried.has(b)) - Number(retried.has(a)));
    expect(ids.length).toBeGreaterThan(5);
    let checked = 0;
    let hops = 0;
    for (const id of ids.slice(0, 12)) {
      const { spec } = parseSpec({ task: id });
      const d = new ReplayData(STREAM_NAME);
      await loadReplay(js, STREAM_NAME, spec, d);
      const story = buildStory(id, d.events.toArray());
      const want = expected(id);
      const { pairs } = pairRequests(story.messages);
      expect(pairs.flatMap((p) => (p.ms === null ? [] : [p.ms])).sort((a, b) => a - b)).toEqual(
        want.hops,
      );
      expect(story.attempts.length).toBe(want.attempts);
      expect(story.endMs - story.startMs).toBe(want.duration);
      const path = criticalPath(story);
      const total = (k: string) =>
        path.filter((s) => s.kind === k).reduce((a, s) => a + s.toMs - s.fromMs, 0);
      expect(path.reduce((a, s) => a + s.toMs - s.fromMs, 0)).toBe(want.duration);
      expect(total('assign')).toBe(want.assignWait);
      expect(total('answer')).toBe(want.answerWait);
      expect(total('review')).toBe(want.reviewWait);
      checked++;
      hops += want.hops.length;
    }
    expect(checked).toBeGreaterThan(5);
    expect(hops).toBeGreaterThan(0);
  }, 120_000);

  it('all-task rows from a subject-filtered read of agent.task.> match the raw lifecycle, and the scan enriches them', async () => {
    const tasks: TaskEvent[] = [];
    await readRange(js, STREAM_NAME, {
      start: { kind: 'first' },
      filter: 'agent.task.>',
      onBatch: (b) => b.forEach((m) => tasks.push(toReplayEvent(m) as TaskEvent)),
    });
    const rows = buildRows(tasks);
    const ids = new Set(
      raw.filter((r) => r.subject.startsWith('agent.task.')).map((r) => r.body.task_id),
    );
    expect(rows.length).toBe(ids.size);
    const en = new Enricher(rows);
    await readRange(js, STREAM_NAME, {
      start: { kind: 'first' },
      filter: 'agent.message.>',
      onBatch: (b) => en.add(b.map(toReplayEvent).filter((e) => e.kind === 'message')),
    });
    // The slowest hop of each task equals the largest in_reply_to latency of its messages.
    let withHops = 0;
    for (const r of rows.filter((x) => whole(x.id)).slice(0, 30)) {
      const h = expected(r.id).hops;
      if (h.length) withHops++;
      expect(r.slowestMs).toBe(h.length ? h[h.length - 1] : null);
    }
    expect(withHops).toBeGreaterThan(0);
  }, 120_000);

  it('loadAllTasks fills the store: rows first, then the scan to the end with its progress', async () => {
    const store = new AllTasks();
    const phases: string[] = [];
    store.subscribe(() => phases.push(store.phase));
    await loadAllTasks(STREAM_NAME, (o) => readRange(js, STREAM_NAME, o), null, store, {
      batchSize: 500,
    });
    expect(store.phase).toBe('done');
    expect(phases[0]).toBe('scan');
    expect(phases[phases.length - 1]).toBe('done');
    expect(store.rows.length).toBe(
      new Set(raw.filter((r) => r.subject.startsWith('agent.task.')).map((r) => r.body.task_id))
        .size,
    );
    expect(store.scanned).toBe(raw.filter((r) => r.subject.startsWith('agent.message.')).length);
    expect(store.total).toBe(store.scanned);
    expect(store.enricher.responders().length).toBeGreaterThan(0);
  });

  it('loadAllTasks on a stream that does not exist is an error in the store, not a throw', async () => {
    const store = new AllTasks();
    await loadAllTasks('no-such-stream', (o) => readRange(js, 'no-such-stream', o), null, store);
    expect(store.phase).toBe('error');
    expect(store.error).toMatch(/no-such-stream/);
  });

  /** True when the task's creation and an end are both in the stream. */
  const whole = (id: string) =>
    raw.some((r) => r.body.task_id === id && r.body.event === 'created') &&
    raw.some(
      (r) => r.body.task_id === id && (r.body.event === 'completed' || r.body.event === 'failed'),
    );
});
