/**
 * A structured search pushed down to a real nats-server: the same matches as a full scan,
 * both directions, and fewer messages sent where the server can filter (one subject on any
 * version, several through `filter_subjects` on 2.10+). A view filter spanning several stream
 * subjects is read by one consumer with a filter per subject on 2.10+ (by get on 2.9).
 * Run with NATS_SERVER_BIN set to 2.9.10 and to the newest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { capabilitiesOf, type Capabilities } from '@/lib/nats/capabilities';
import { subjectMatches } from '@/lib/nats/subjects';
import { readNewer, readOlder } from './pages';
import { scanStream, type ScanProgress } from './scan';
import { compileSearch, parseSearch } from './search';
import { pushdownFilters } from './pushdown';

const STREAM = 'agent-messages';
const SUBJECTS = ['agent.message.>', 'agent.status.>', 'agent.task.>'];
const N = 2_000;
const roles = ['qa_tester', 'coder', 'pm'];
const types = ['question', 'answer', 'idle', 'completed', 'progress'];

/** Messages that follow the subject convention (subject tokens = payload fields). */
function message(i: number): { subject: string; payload: object } {
  const role = roles[Math.floor(i / 3) % 3]!;
  const type = types[i % 5]!;
  const agent = `a${i % 6}`;
  const task = `t${i % 7}`;
  if (i % 3 === 0)
    return {
      subject: `agent.message.${role}.${type}`,
      payload: {
        id: `m${i}`,
        message_type: type,
        sender_id: agent,
        recipient_id: i % 2 ? `a${(i + 1) % 6}` : null,
        task_execution_id: task,
        metadata: { sender_role: role },
        content: `hello ${i}`,
      },
    };
  if (i % 3 === 1)
    return {
      subject: `agent.status.${agent}.${type}`,
      payload: {
        id: `s${i}`,
        agent_id: agent,
        agent_role: role,
        status: type,
        task_execution_id: task,
      },
    };
  return {
    subject: `agent.task.${task}.${type}`,
    payload: {
      id: `t${i}`,
      task_id: task,
      event: type,
      assignee_id: agent,
      assignee_role: role,
      created_by: 'a0',
    },
  };
}

describe('search pushed down to the server (real nats-server)', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let spy: NatsConnection;
  let js: JetStreamClient;
  let caps: Capabilities;
  const creates: string[] = [];
  let gets = 0;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    // Sees each consumer create (its config) and message get the reads send.
    spy = await connect({ servers: server.natsUrl });
    spy.subscribe('$JS.API.CONSUMER.CREATE.>', {
      callback: (_e, m) => void creates.push(m.string()),
    });
    spy.subscribe('$JS.API.DIRECT.GET.>', { callback: () => void gets++ });
    spy.subscribe('$JS.API.STREAM.MSG.GET.>', { callback: () => void gets++ });
    await spy.flush();
    const jsm = await jetstreamManager(nc);
    js = jetstream(nc);
    caps = await capabilitiesOf(js);
    await jsm.streams.add({ name: STREAM, subjects: SUBJECTS, allow_direct: true });
    for (let i = 1; i <= N; i += 200) {
      await Promise.all(
        Array.from({ length: 200 }, (_, k) => message(i + k)).map((m) =>
          js.publish(m.subject, JSON.stringify(m.payload)),
        ),
      );
    }
  }, 60_000);
  afterAll(async () => {
    await spy?.close();
    await nc?.drain();
    await server?.stop();
  });

  const settle = async () => {
    await nc.flush();
    await spy.flush();
  };
  const scan = async (
    q: string,
    direction: 'forward' | 'backward',
    pushed: boolean,
    filter?: string,
  ) => {
    const query = parseSearch(q);
    const hits: number[] = [];
    const progress: ScanProgress[] = [];
    const r = await scanStream(js, STREAM, {
      from: direction === 'forward' ? 1 : N,
      first: 1,
      direction,
      filter,
      batchSize: 300,
      query: pushed ? query : undefined,
      match: compileSearch(query),
      onMatches: (m) => hits.push(...m.map((x) => x.seq)),
      onProgress: (p) => progress.push(p),
    });
    return { hits, r, last: progress[progress.length - 1] };
  };

  it('finds what a full scan finds, both ways, reading only the subjects that can match', async () => {
    for (const q of [
      'type:question',
      'role:coder type:question',
      'agent:a1',
      'task:t2 type:completed',
      'type:idle hello',
      'role:pm',
      'from:a3',
      'status:idle',
      'event:completed task:t2',
    ]) {
      for (const direction of ['forward', 'backward'] as const) {
        const full = await scan(q, direction, false);
        const pushed = await scan(q, direction, true);
        expect(pushed.hits, `${q} ${direction}`).toEqual(full.hits);
        expect(full.hits.length, q).toBeGreaterThan(0);
      }
      const fs = pushdownFilters(parseSearch(q), undefined, SUBJECTS);
      const fwd = await scan(q, 'forward', true);
      const inFilters = Array.from({ length: N }, (_, i) => message(i + 1).subject).filter((s) =>
        fs?.some((f) => subjectMatches(f, s)),
      ).length;
      // Where the server can filter (one subject anywhere, several on 2.10+), it sends only those.
      const serverFilters = fs !== null && (fs.length === 1 || caps.multiFilter);
      expect(fwd.r.scanned, q).toBe(serverFilters ? inFilters : N);
      expect(fwd.last?.serverFilters, q).toEqual(serverFilters ? fs : undefined);
      expect(fwd.last?.streamMessages).toBe(N);
    }
  });

  it('intersects with the view filter', async () => {
    const full = await scan('type:question', 'forward', false, 'agent.message.>');
    const pushed = await scan('type:question', 'forward', true, 'agent.message.>');
    expect(pushed.hits).toEqual(full.hits);
    expect(pushed.last?.serverFilters).toEqual(['agent.message.*.question']);
    expect(pushed.r.scanned).toBe(pushed.hits.length);
    expect((await scan('type:question', 'forward', true, 'other.>')).hits).toEqual([]);
  });

  it('leaves out subjects with nothing stored', async () => {
    // No status event of a0 exists (status events are on i % 3 === 1, a0 on i % 6 === 0).
    const q = 'agent:a0 type:answer';
    expect(pushdownFilters(parseSearch(q), undefined, SUBJECTS)).toEqual([
      'agent.message.*.answer',
      'agent.status.a0.answer',
      'agent.task.*.answer',
    ]);
    const full = await scan(q, 'forward', false);
    const pushed = await scan(q, 'forward', true);
    expect(pushed.hits).toEqual(full.hits);
    expect(full.hits.length).toBeGreaterThan(0);
    expect(pushed.last?.serverFilters).toEqual(
      caps.multiFilter ? ['agent.message.*.answer', 'agent.task.*.answer'] : undefined,
    );
  });

  it('2.10+: a view filter spanning stream subjects is one consumer, not a get per message', async () => {
    const f = 'agent.*.*.question';
    const want = Array.from({ length: N }, (_, i) => i + 1).filter((s) =>
      subjectMatches(f, message(s).subject),
    );
    await settle();
    creates.length = 0;
    gets = 0;
    const up: number[] = [];
    for (let from = 1, guard = 0; guard < 50; guard++) {
      const p = await readNewer(js, STREAM, { from, filter: f, limit: 50 });
      up.push(...p.msgs.map((m) => m.seq));
      if (!p.more) break;
      from = p.msgs[p.msgs.length - 1]!.seq + 1;
    }
    expect(up).toEqual(want);
    const o = await readOlder(js, STREAM, { to: N, first: 1, filter: f, limit: 30 });
    expect(o.msgs.map((m) => m.seq)).toEqual(want.slice(-30));
    await settle();
    if (caps.multiFilter) {
      expect(gets).toBe(0);
      expect(creates.length).toBeGreaterThan(0);
      expect(
        creates.every((c) =>
          c.includes(
            '"filter_subjects":["agent.message.*.question","agent.status.*.question","agent.task.*.question"]',
          ),
        ),
      ).toBe(true);
    } else {
      expect(gets).toBeGreaterThan(want.length);
    }
  });
});
