import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { AckPolicy, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { diffStreamConfig } from './config-diff';
import { userMetadata } from './metadata';

// What a real server puts in `metadata` (2.9 has none, 2.10 the user's, 2.11+ adds `_nats.*`).
describe('stream and consumer metadata from a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  it('config views show the user’s keys and never the server’s', async () => {
    const level = (await jsm.getAccountInfo()).api.level ?? 0;
    const version = nc.info?.version ?? '?';
    // nats.js refuses to send metadata to a server older than 2.10: then there is none.
    const meta = <T>(m: Record<string, string>, f: (m?: Record<string, string>) => Promise<T>) =>
      f(m).catch((e: unknown) => (/requires server/.test(String(e)) ? f() : Promise.reject(e)));
    const info = await meta({ team: 'agents' }, (metadata) =>
      jsm.streams.add({ name: 'meta', subjects: ['meta.>'], metadata }),
    );
    const consumer = await meta({ owner: 'ops' }, (metadata) =>
      jsm.consumers.add('meta', {
        durable_name: 'worker',
        ack_policy: AckPolicy.Explicit,
        metadata,
      }),
    );
    const raw = Object.keys(info.config.metadata ?? {});
    if (level >= 1) {
      // Asked, not assumed: servers with an API level write their version and level here.
      expect(
        raw.some((k) => k.startsWith('_nats.')),
        `nats-server ${version} (API level ${level}) metadata: ${raw.join(', ')}`,
      ).toBe(true);
    } else
      console.log(
        `[metadata] nats-server ${version} has no API level: no _nats.* keys to hide (keys: ${raw.join(', ') || 'none'})`,
      );
    const hasMetadata = raw.includes('team');
    expect(userMetadata(info.config.metadata)).toEqual(hasMetadata ? [['team', 'agents']] : []);
    expect(userMetadata(consumer.config.metadata)).toEqual(hasMetadata ? [['owner', 'ops']] : []);
    const row = diffStreamConfig(info.config as unknown as Record<string, unknown>, {}).find(
      (r) => r.key === 'metadata',
    );
    expect(row?.actual).toBe(hasMetadata ? 'team=agents' : '—');
  });
});
