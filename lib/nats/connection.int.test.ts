import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { NatsClient } from './connection';

import { untilStatus as until } from './connection.test-util';

describe('NatsClient against a real nats-server', () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await startNatsServer({ serverName: 'conn-test' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('connects and reports the server name, version and JetStream', async () => {
    const client = new NatsClient({ servers: [server.natsUrl], connect });
    const seen: string[] = [];
    client.subscribe(() => seen.push(client.getSnapshot().state));
    await client.connection();
    const s = client.getSnapshot();
    expect(s.state).toBe('connected');
    // The version the client reports is the one the server's monitoring endpoint gives.
    const varz = (await (await fetch(`${server.httpUrl}/varz`)).json()) as { version: string };
    expect(s.server).toMatchObject({ name: 'conn-test', version: varz.version, jetstream: true });
    expect(seen[0]).toBe('connecting');
    const jsm = await client.jsm();
    expect((await jsm.getAccountInfo()).streams).toBe(0);
    await client.close();
    expect(client.getSnapshot().state).toBe('closed');
  });

  it('reports an unreachable server clearly and keeps retrying', async () => {
    const client = new NatsClient({ servers: ['nats://127.0.0.1:1'], connect, retryBaseMs: 50 });
    void client.connection().catch(() => {});
    await until(client, (s) => s.state === 'error');
    expect(client.getSnapshot().error).toContain(
      'Cannot reach NATS over WebSocket at nats://127.0.0.1:1',
    );
    await client.close();
  });

  it('goes reconnecting when the server dies and recovers when it returns on the same port', async () => {
    const own = await startNatsServer({ serverName: 'restart-test' });
    const client = new NatsClient({ servers: [own.natsUrl], connect });
    await client.connection();
    const { port, wsPort, httpPort, storeDir } = own;
    await own.kill();
    await until(client, (s) => s.state === 'reconnecting');
    const again = await startNatsServer({
      port,
      wsPort,
      httpPort,
      storeDir,
      serverName: 'restart-test',
    });
    try {
      await until(client, (s) => s.state === 'connected' && s.reconnects === 1);
    } finally {
      await client.close();
      await again.stop();
      await own.stop(); // the killed server's temp dir, with the store the restart used
    }
  });
});
