import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { setupAll } from '../../server/simulator/setup';
import { backfill } from '../../server/simulator/backfill';
import { STREAM_NAME } from '../agents/schema';
import { capabilitiesOf, type Capabilities } from '../nats/capabilities';
import { readRange } from '../stream/reader';
import { toReplayEvent, type ReplayEvent } from './event';
import { loadReplay } from './loader';
import { parseSpec, scopeMatcher } from './scope';
import { readSeedMessages, seedFilters, seedState } from './seed';
import { ReplayData } from './store';

const COUNT = 4000;
const END = Date.parse('2026-01-01T12:00:00Z');

/** What the state panel shows of a state: each agent's status and each open task's state. */
const shown = (s: ReturnType<typeof seedState>) => ({
  agents: [...s.agents.values()].map((a) => [a.id, a.status]).sort(),
  tasks: [...s.tasks.values()].map((t) => [t.id, t.state]).sort(),
});

describe('the state before a replay range, read from a real stream', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let caps: Capabilities;
  /** Every status and task event up to `upTo`, read by a plain consumer (no seed code). */
  const everyEvent = async (upTo: number) => {
    const out: ReplayEvent[] = [];
    await readRange(js, STREAM_NAME, {
      start: { kind: 'first' },
      endSeq: upTo,
      onBatch: (b) => {
        for (const m of b)
          if (m.seq <= upTo && !m.subject.startsWith('agent.message.')) out.push(toReplayEvent(m));
      },
    });
    return out;
  };

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    await setupAll(nc);
    await backfill(nc, { count: COUNT, seed: 11, spanMs: 3600_000, endMs: END });
    js = jetstream(nc);
    caps = await capabilitiesOf(js);
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('equals the fold of every status and task event before the range, on every server', async () => {
    for (const upTo of [1, 700, 2000, COUNT]) {
      const r = await readSeedMessages(js, STREAM_NAME, upTo);
      // 2.11+: one multi_last request per family; older servers: the bounded window read.
      expect(r.source, `${caps.version}`).toBe(caps.multiLast ? 'multi_last' : 'window');
      expect(r.msgs.every((m) => m.seq <= upTo)).toBe(true);
      expect(shown(seedState(r.msgs.map(toReplayEvent), upTo)), `up to ${upTo}`).toEqual(
        shown(seedState(await everyEvent(upTo), upTo)),
      );
    }
    const s = seedState(
      (await readSeedMessages(js, STREAM_NAME, 2000)).msgs.map(toReplayEvent),
      2000,
    );
    expect([...s.agents.values()].filter((a) => a.status !== null).length).toBeGreaterThanOrEqual(
      8,
    );
  });

  it('asks for both families at once: nothing comes in between the two requests', async () => {
    // nats.js's debug output is the client's own view, in order: `<` what it sent, `>` what
    // came in. One after the other, the second family waited for the first family's answers.
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'info').mockImplementation((l: unknown) => {
      lines.push(String(l));
    });
    const reader = await connect({ servers: server.natsUrl, debug: true });
    try {
      await readSeedMessages(jetstream(reader), STREAM_NAME, 3000);
    } finally {
      await reader.close();
      spy.mockRestore();
    }
    const request = new RegExp(
      `PUB \\$JS\\.API\\.(DIRECT\\.GET|CONSUMER\\.CREATE)\\.${STREAM_NAME}\\b`,
      'g',
    );
    // Where each family request was sent: [line, occurrence in that line].
    const sent = lines.flatMap((l, i) =>
      l.startsWith('<') ? [...l.matchAll(request)].map(() => i) : [],
    );
    const log = lines.map((l) => l.slice(0, 120)).join('\n');
    expect(sent.length, log).toBe(2);
    const between = lines.slice(sent[0], sent[1]).filter((l) => l.startsWith('>'));
    expect(between, log).toEqual([]);
  });

  it("a task's seed reads that task's subjects only and keeps what the task's replay keeps", async () => {
    const upTo = 3000;
    const tasks = (await everyEvent(upTo)).filter((e) => e.kind === 'task');
    // A task whose events reach past the middle of the window, so its own state is non-empty.
    const task = tasks.find((e) => e.seq > 1500)?.task;
    expect(task).toBeTruthy();
    const match = scopeMatcher({ task: task ?? null, agent: null })!;
    const all = await readSeedMessages(js, STREAM_NAME, upTo);
    const narrow = await readSeedMessages(
      js,
      STREAM_NAME,
      upTo,
      undefined,
      seedFilters({ task: task ?? null }),
    );
    // The bytes as plain Uint8Array: under Node one read path hands out Buffer views and the
    // other Uint8Array ones (same bytes); the comparison is of the events, not the view class.
    const kept = (r: typeof all) =>
      r.msgs
        .map(toReplayEvent)
        .filter(match)
        .map((e) => ({ ...e, data: new Uint8Array(e.data) }));
    expect(kept(narrow)).toEqual(kept(all));
    expect(kept(narrow).some((e) => e.kind === 'task')).toBe(true);
    expect(narrow.msgs.length).toBeLessThan(all.msgs.length);
    expect(narrow.source).toBe(all.source);
  });

  it('a range that starts late shows the agents’ status from before it, and each point stays the seeded fold', async () => {
    const { spec } = parseSpec({ from: '2001', to: '2600' });
    const d = new ReplayData(STREAM_NAME);
    await loadReplay(js, STREAM_NAME, spec, d);
    expect(d.info.status).toBe('done');
    expect(d.events.toArray()[0]?.seq).toBe(2001);
    expect(d.seed?.upTo).toBe(2000);
    expect(d.seed?.error).toBeNull();
    const at0 = d.index.stateAt(0);
    expect(shown(at0)).toEqual(shown(seedState(await everyEvent(2000), 2000)));
    expect(
      [...at0.agents.values()].every((a) => a.status !== null && (a.sinceSeq ?? 0) <= 2000),
    ).toBe(true);
    // A time start: the range's first message says where "before" ends.
    const t = new Date(Math.floor((d.events.toArray()[0] as ReplayEvent).timeMs) + 1).toISOString();
    const byTime = new ReplayData(STREAM_NAME);
    await loadReplay(js, STREAM_NAME, parseSpec({ from: t, to: '2600' }).spec, byTime);
    expect(byTime.seed?.upTo).toBe((byTime.events.toArray()[0] as ReplayEvent).seq - 1);
    // An agent scope keeps only that agent's status.
    const agent = (d.events.toArray().find((e) => e.kind === 'status') as { agent: string }).agent;
    const mine = new ReplayData(STREAM_NAME);
    await loadReplay(js, STREAM_NAME, parseSpec({ from: '2001', to: '2600', agent }).spec, mine);
    expect([...mine.index.stateAt(0).agents.keys()]).toEqual([agent]);
  });

  it('more task subjects than one multi_last answer may hold: those are read by the window, still exact', async () => {
    if (!caps.multiLast) return; // 2.9/2.10: the window read is the only read (tested above)
    // The server answers multi_last for at most 1,024 subjects (413 beyond).
    const enc = new TextEncoder();
    for (let i = 0; i < 1100; i++)
      await js.publish(
        `agent.task.many-${i}.created`,
        enc.encode(
          JSON.stringify({
            task_id: `many-${i}`,
            event: 'created',
            title: `Many ${i}`,
            created_at: new Date(END + i).toISOString(),
          }),
        ),
      );
    const last = (await (await js.jetstreamManager()).streams.info(STREAM_NAME)).state.last_seq;
    const r = await readSeedMessages(js, STREAM_NAME, last);
    expect(r.source).toBe('mixed');
    const s = seedState(r.msgs.map(toReplayEvent), last);
    expect(shown(s)).toEqual(shown(seedState(await everyEvent(last), last)));
    expect(s.tasks.has('many-1099')).toBe(true);
  });
});
