import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { credsAuthenticator } from '@nats-io/nats-core';
import { createAccount } from '@nats-io/jwt';
import { startNatsServer, type NatsServer } from './launcher';
import { makeJwtSetup, makeJwtUser, type JwtSetup } from './jwt-auth';
import { permissionViolations, viewerPermissions } from './auth';
import { setupAll } from '../simulator/setup';
import { backfill } from '../simulator/backfill';
import { NatsClient } from '../../lib/nats/connection';
import { readRange } from '../../lib/stream/reader';
import { STREAM_NAME } from '../../lib/agents/schema';

import { untilStatus as until } from '../../lib/nats/connection.test-util';

describe('creds (JWT) authentication against nats-server in operator mode', () => {
  let server: NatsServer;
  let setup: JwtSetup;

  beforeAll(async () => {
    setup = await makeJwtSetup({ admin: undefined, viewer: viewerPermissions() });
    server = await startNatsServer({ serverName: 'creds-test', extraConfig: setup.config });
    const enc = new TextEncoder();
    const admin = await connect({
      servers: server.natsUrl,
      authenticator: credsAuthenticator(enc.encode(setup.users.admin!.creds)),
    });
    await setupAll(admin);
    await backfill(admin, { count: 250, seed: 5, spanMs: 600_000 });
    await admin.drain();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('NatsClient with a viewer creds file connects over TCP and reads the stream, with no violation', async () => {
    const client = new NatsClient({
      servers: [server.natsUrl],
      connect,
      auth: { kind: 'creds', creds: setup.users.viewer!.creds },
    });
    try {
      await client.connection();
      expect(client.getSnapshot()).toMatchObject({
        state: 'connected',
        server: { name: 'creds-test', jetstream: true },
      });
      const jsm = await client.jsm();
      expect((await jsm.streams.info(STREAM_NAME)).state.messages).toBe(250);
      const seqs: number[] = [];
      const r = await readRange(await client.js(), STREAM_NAME, {
        start: { kind: 'first' },
        onBatch: (b) => seqs.push(...b.map((m) => m.seq)),
      });
      expect(r).toMatchObject({ count: 250, lastSeq: 250, reason: 'end' });
      expect(seqs).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    } finally {
      await client.close();
    }
    expect(permissionViolations(server.log())).toEqual([]);
  });

  it('the viewer JWT carries the least-privilege permissions: a publish on agent.> is refused', async () => {
    const nc = await connect({
      servers: server.natsUrl,
      authenticator: credsAuthenticator(new TextEncoder().encode(setup.users.viewer!.creds)),
    });
    try {
      const { jetstream } = await import('@nats-io/jetstream');
      await expect(
        jetstream(nc).publish('agent.status.x.online', '{}', { timeout: 2000 }),
      ).rejects.toThrow();
    } finally {
      await nc.close();
    }
    await expect
      .poll(() => permissionViolations(server.log()).join('\n'))
      .toMatch(/Publish Violation.*agent\.status\.x\.online/);
  });

  it('a creds file of an account the server does not know is refused with the credentials message', async () => {
    const stranger = await makeJwtUser('stranger', createAccount());
    const client = new NatsClient({
      servers: [server.natsUrl],
      connect,
      auth: { kind: 'creds', creds: stranger.creds },
      retryBaseMs: 50,
    });
    void client.connection().catch(() => {});
    try {
      await until(client, (s) => s.state === 'error');
      expect(client.getSnapshot().error).toMatch(
        /^NATS refused the credentials \(.*Authorization Violation.*\)\. Check the user, token, NKey or creds/i,
      );
    } finally {
      await client.close();
    }
  });

  it('a creds file whose seed does not match its JWT is refused the same way', async () => {
    const other = await makeJwtUser('other', createAccount());
    const { viewer } = setup.users;
    // The viewer's JWT with another user's seed: the nonce signature does not verify.
    const forged = viewer!.creds.replace(viewer!.seed, other.seed);
    expect(forged).not.toBe(viewer!.creds);
    const client = new NatsClient({
      servers: [server.natsUrl],
      connect,
      auth: { kind: 'creds', creds: forged },
      retryBaseMs: 50,
    });
    void client.connection().catch(() => {});
    try {
      await until(client, (s) => s.state === 'error');
      expect(client.getSnapshot().error).toMatch(/^NATS refused the credentials/);
    } finally {
      await client.close();
    }
  });
});
