import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from './launcher';
import {
  authorizationBlock,
  makeUsers,
  logLineOfUser,
  permissionViolations,
  type AuthUsers,
} from './auth';
import { setupAll } from '../simulator/setup';
import { backfill } from '../simulator/backfill';
import { getMessage, getNextMessage, readRange, tailStream } from '../../lib/stream/reader';
import { explainNatsError } from '../../lib/nats/errors';
import { CONSUMER_NAME, STREAM_NAME } from '../../lib/agents/schema';

const violations = (s: NatsServer) => permissionViolations(s.log());

describe('least-privilege users', () => {
  let server: NatsServer;
  let users: AuthUsers;
  let admin: NatsConnection;
  let viewer: NatsConnection;

  beforeAll(async () => {
    users = makeUsers();
    server = await startNatsServer({ extraConfig: authorizationBlock(users) });
    const sim = await connect({
      servers: server.natsUrl,
      user: users.simulator.user,
      pass: users.simulator.pass,
    });
    await setupAll(sim);
    await backfill(sim, { count: 300, seed: 3, spanMs: 3600_000 });
    await sim.drain();
    admin = await connect({
      servers: server.natsUrl,
      user: users.admin.user,
      pass: users.admin.pass,
    });
    viewer = await connect({
      servers: server.natsUrl,
      user: users.viewer.user,
      pass: users.viewer.pass,
    });
  });
  afterAll(async () => {
    await viewer?.close();
    await admin?.close();
    await server?.stop();
  });

  it('the viewer can do everything the app does, with no permission violation', async () => {
    const js = jetstream(viewer);
    const jsm = await jetstreamManager(viewer);
    await jsm.getAccountInfo();
    const names: string[] = [];
    for await (const n of jsm.streams.names()) names.push(n);
    expect(names).toContain(STREAM_NAME);
    for await (const _ of jsm.streams.list()) void _;
    const info = await jsm.streams.info(STREAM_NAME);
    expect(info.state.messages).toBe(300);
    await jsm.consumers.info(STREAM_NAME, CONSUMER_NAME);
    for await (const _ of jsm.consumers.list(STREAM_NAME)) void _;

    const seqs: number[] = [];
    await readRange(js, STREAM_NAME, {
      start: { kind: 'first' },
      batchSize: 64,
      onBatch: (b) => seqs.push(...b.map((m) => m.seq)),
    });
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const filtered: number[] = [];
    await readRange(js, STREAM_NAME, {
      start: { kind: 'seq', seq: 10 },
      filter: 'agent.status.>',
      onBatch: (b) => filtered.push(...b.map((m) => m.seq)),
    });
    expect(filtered.length).toBeGreaterThan(0);
    expect((await getMessage(jsm, STREAM_NAME, 5, { direct: true }))?.seq).toBe(5);
    expect((await getMessage(jsm, STREAM_NAME, 6))?.seq).toBe(6);
    expect((await getNextMessage(jsm, STREAM_NAME, 1, 'agent.task.>'))?.subject).toMatch(
      /^agent\.task\./,
    );
    const tail = await tailStream(js, STREAM_NAME, { start: { kind: 'last' }, onBatch: () => {} });
    await new Promise((r) => setTimeout(r, 200));
    await tail.stop();
    await viewer.flush();
    expect(violations(server)).toEqual([]);
    // Every ephemeral consumer was deleted again; only the workers' durable remains.
    const left = [];
    for await (const c of (await jetstreamManager(admin)).consumers.list(STREAM_NAME))
      left.push(c.name);
    expect(left).toEqual([CONSUMER_NAME]);
  });

  it('the viewer cannot publish, purge, delete or take the workers’ messages — and the error names the permission', async () => {
    const js = jetstream(viewer);
    const jsm = await jetstreamManager(viewer);
    const attempts: [string, () => Promise<unknown>, RegExp][] = [
      [
        'publish',
        () => js.publish('agent.message.qa_tester.question', '{}', { timeout: 2000 }),
        /publish on "agent\.message\.qa_tester\.question"/,
      ],
      ['purge', () => jsm.streams.purge(STREAM_NAME), /\$JS\.API\.STREAM\.PURGE\.agent-messages/],
      [
        'delete msg',
        () => jsm.streams.deleteMessage(STREAM_NAME, 1),
        /\$JS\.API\.STREAM\.MSG\.DELETE\.agent-messages/,
      ],
      [
        'delete stream',
        () => jsm.streams.delete(STREAM_NAME),
        /\$JS\.API\.STREAM\.DELETE\.agent-messages/,
      ],
      [
        'delete durable',
        () => jsm.consumers.delete(STREAM_NAME, CONSUMER_NAME),
        /CONSUMER\.DELETE\.agent-messages\.agent-processor/,
      ],
      [
        'pull durable',
        async () => (await js.consumers.get(STREAM_NAME, CONSUMER_NAME)).next({ expires: 1000 }),
        /./,
      ],
    ];
    for (const [what, run, re] of attempts) {
      const err = await run().then(
        () => null,
        (e: unknown) => e,
      );
      if (what === 'pull durable') {
        // consumers.get() reads info (allowed); the pull request is denied, nothing is delivered.
        expect(err, what).not.toBeNull();
        expect(violations(server).join('\n')).toContain(
          '$JS.API.CONSUMER.MSG.NEXT.agent-messages.agent-processor',
        );
        continue;
      }
      expect(err, what).not.toBeNull();
      const ex = explainNatsError(err, { stream: STREAM_NAME });
      expect(ex.code, `${what}: ${ex.detail}`).toBe('permission');
      expect(ex.message, what).toMatch(re);
    }
    const info = await (await jetstreamManager(admin)).streams.info(STREAM_NAME);
    expect(info.state.messages).toBe(300);
    const ci = await (await jetstreamManager(admin)).consumers.info(STREAM_NAME, CONSUMER_NAME);
    expect(ci.num_ack_pending).toBe(0);
    expect(violations(server).length).toBeGreaterThanOrEqual(6);
    expect(violations(server).every((l) => logLineOfUser(l, 'viewer'))).toBe(true);
  });
});
