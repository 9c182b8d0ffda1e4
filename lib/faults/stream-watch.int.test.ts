/**
 * Issue #17 item 5 (detection): a stream deleted, recreated or purged under an open page is
 * noticed, by the deleted/created advisories at once (the periodic check is slowed down here
 * to prove it) and by the periodic STREAM.INFO where no advisory tells (a purge).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { StreamWatch } from '../stream/stream-watch';
import { until } from './harness.test-util';

const STREAM = 'watched';

describe('StreamWatch against a real server', () => {
  let server: NatsServer;
  let admin: NatsConnection;
  let reader: NatsConnection;
  let jsm: JetStreamManager;
  const seed = async (n: number) => {
    const js = jetstream(admin);
    for (let i = 0; i < n; i++) await js.publish('w.x', String(i));
  };
  beforeAll(async () => {
    server = await startNatsServer();
    admin = await connect({ servers: server.natsUrl });
    reader = await connect({ servers: server.natsUrl });
    jsm = await jetstreamManager(admin);
  });
  afterAll(async () => {
    await reader?.close();
    await admin?.close();
    await server?.stop();
  });

  it('hears a delete and a re-creation through the advisories', async () => {
    await jsm.streams.add({ name: STREAM, subjects: ['w.>'] });
    await seed(10);
    const conn = { nc: reader, jsm: await jetstreamManager(reader) };
    const watch = new StreamWatch(async () => conn, STREAM, { intervalMs: 600_000 }).start();
    await watch.check();
    await reader.flush();
    expect(watch.getSnapshot()).toEqual({ kind: 'ok' });
    await jsm.streams.delete(STREAM);
    await until(() => watch.getSnapshot().kind === 'deleted', 5000, 'deleted noticed');
    // Created again a moment later (a new creation time), with fewer messages than before.
    await new Promise((r) => setTimeout(r, 10));
    await jsm.streams.add({ name: STREAM, subjects: ['w.>'] });
    await seed(3);
    await until(() => watch.getSnapshot().kind === 'recreated', 5000, 'recreated noticed');
    await watch.check();
    expect(watch.getSnapshot()).toEqual({ kind: 'recreated', firstSeq: 1, lastSeq: 3 });
    watch.stop();
    await jsm.streams.delete(STREAM);
  });

  it('notices a purge on its periodic check', async () => {
    await jsm.streams.add({ name: STREAM, subjects: ['w.>'] });
    await seed(10);
    const conn = { nc: reader, jsm: await jetstreamManager(reader) };
    const watch = new StreamWatch(async () => conn, STREAM, { intervalMs: 200 }).start();
    await watch.check();
    await jsm.streams.purge(STREAM);
    await until(() => watch.getSnapshot().kind === 'purged', 5000, 'purge noticed');
    watch.rebase(null);
    expect(watch.getSnapshot()).toEqual({ kind: 'ok' });
    watch.stop();
  });
});
