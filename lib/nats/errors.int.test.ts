import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import {
  RetentionPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { authorizationBlock, makeUsers, type AuthUsers } from '../../server/nats/auth';
import { fromWireError, toWireError } from '../stream/wire';
import { getMessage, getNextMessage } from '../stream/reader';
import { isConsumerRefusal } from '../browse/read-mode';
import { readDeadLetterHistory } from '../stats/dead-letters';
import { describeConnectError } from './connection';
import {
  explainNatsError,
  isStreamNotFound,
  isTransientNatsError,
  type NatsErrorCode,
} from './errors';

// The errors a real server and nats.js v3 give, told apart by class and err_code, the same
// after crossing the worker boundary as plain data (wire.ts).
const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );

function expectKind(e: unknown, code: NatsErrorCode, transient = false) {
  expect(explainNatsError(e, { stream: 'nope' }).code, String(e)).toBe(code);
  expect(isTransientNatsError(e), String(e)).toBe(transient);
  const back = fromWireError(structuredClone(toWireError(e)));
  expect(explainNatsError(back, { stream: 'nope' })).toEqual(
    explainNatsError(e, { stream: 'nope' }),
  );
  expect(isTransientNatsError(back)).toBe(transient);
}

describe('nats.js v3 errors from a real server', () => {
  let server: NatsServer;
  let users: AuthUsers;
  let admin: NatsConnection;
  let viewer: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    users = makeUsers();
    server = await startNatsServer({
      extraConfig: authorizationBlock(users, { streams: ['readable', 'wq'] }),
    });
    admin = await connect({
      servers: server.natsUrl,
      user: users.admin.user,
      pass: users.admin.pass,
    });
    const ajsm = await jetstreamManager(admin);
    await ajsm.streams.add({ name: 'readable', subjects: ['r.>'], allow_direct: true });
    await ajsm.streams.add({ name: 'hidden', subjects: ['h.>'] });
    await ajsm.streams.add({
      name: 'wq',
      subjects: ['wq.>'],
      retention: RetentionPolicy.Workqueue,
    });
    await jetstream(admin).publish('r.a', '1');
    viewer = await connect({
      servers: server.natsUrl,
      user: users.viewer.user,
      pass: users.viewer.pass,
    });
    jsm = await jetstreamManager(viewer);
  });
  afterAll(async () => {
    await viewer?.close();
    await admin?.close();
    await server?.stop();
  });

  it('a missing stream is StreamNotFoundError (10059), for info, gets and consumers', async () => {
    const ajsm = await jetstreamManager(admin);
    for (const e of [
      await caught(ajsm.streams.info('nope')),
      await caught(getMessage(ajsm, 'nope', 1)),
      await caught(jetstream(admin).consumers.get('nope', {})),
    ]) {
      expect(isStreamNotFound(e)).toBe(true);
      expectKind(e, 'stream-not-found');
    }
  });

  it('a missing sequence is no message (null), not an error; a missing stream is not "no message"', async () => {
    expect(await getMessage(jsm, 'readable', 99)).toBeNull();
    expect(await getMessage(jsm, 'readable', 99, { direct: true })).toBeNull();
    expect(await getNextMessage(jsm, 'readable', 5, 'r.>')).toBeNull();
    // Text matching ("not found") once turned this into an empty result.
    expect(
      isStreamNotFound(await caught(getMessage(await jetstreamManager(admin), 'nope', 1))),
    ).toBe(true);
  });

  it('a missing consumer is ConsumerNotFoundError (10014)', async () => {
    expectKind(await caught(jsm.consumers.info('readable', 'nope')), 'consumer-not-found');
  });

  it('a refused permission is a PermissionViolationError naming what was refused', async () => {
    const purge = await caught(jsm.streams.purge('readable'));
    expectKind(purge, 'permission');
    expect(explainNatsError(purge).message).toContain('publish on "$JS.API.STREAM.PURGE.readable"');
    // A consumer on a stream the viewer may not read: refused, so a get may stand in.
    const refused = await caught(jetstream(viewer).consumers.get('hidden', {}));
    expectKind(refused, 'permission');
    expect(isConsumerRefusal(refused)).toBe(true);
  });

  it('an ack-none consumer on a work-queue stream is refused by err_code (10084)', async () => {
    const e = await caught(jetstream(viewer).consumers.get('wq', {}));
    expect(isConsumerRefusal(e)).toBe(true);
    expect(isConsumerRefusal(fromWireError(toWireError(e)))).toBe(true);
    expectKind(e, 'unknown');
  });

  it('a dead-letter history without its advisory stream says so instead of failing', async () => {
    const ajsm = await jetstreamManager(admin);
    expect(
      await readDeadLetterHistory(jetstream(admin), ajsm, 'no-advisories', 'readable'),
    ).toEqual({ exists: false, items: [], total: 0, deadLetters: 0 });
  });

  it('no responders is transient; bad credentials are named as such', async () => {
    expectKind(
      await caught(admin.request('nobody.listens', '', { timeout: 2000 })),
      'no-responders',
      true,
    );
    const e = await caught(
      connect({
        servers: server.natsUrl,
        user: users.viewer.user,
        pass: 'wrong',
        reconnect: false,
      }),
    );
    expect(describeConnectError(e, ['ws://x:1'])).toMatch(/^NATS refused the credentials/);
  });

  it('a server without JetStream gives JetStreamNotEnabled: explained, and not retried', async () => {
    const nojs = await startNatsServer({ jetstream: false });
    const nc = await connect({ servers: nojs.natsUrl });
    try {
      expectKind(await caught(jetstreamManager(nc)), 'jetstream-disabled');
      expectKind(
        await caught(jetstreamManager(nc, { checkAPI: false }).then((m) => m.streams.info('x'))),
        'jetstream-disabled',
      );
    } finally {
      await nc.close();
      await nojs.stop();
    }
  });
});
