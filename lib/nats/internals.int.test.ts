import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { connectionOf, rawBytes, rawHeaderLength } from './internals';

// The private fields internals.ts reads, on messages a real server delivered: fails when a
// nats.js upgrade moves them (the unit test covers the same fields on nats.js-built objects).
describe('nats.js internals on a real connection', () => {
  let server: NatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'internals', subjects: ['in.>'] });
    const js = jetstream(nc);
    const h = natsHeaders();
    h.set('Nats-Msg-Id', 'one');
    await js.publish('in.a', '{"a":1}', { headers: h });
    await js.publish('in.b', 'plain');
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('reads the raw header block and payload of consumer-delivered messages', async () => {
    const js = jetstream(nc);
    const c = await js.consumers.get('internals', { deliver_policy: DeliverPolicy.All });
    const withHeaders = await c.next();
    const without = await c.next();
    expect(withHeaders && without).toBeTruthy();
    if (!withHeaders || !without) return;
    const hdr = rawHeaderLength(withHeaders);
    expect(
      hdr,
      'JsMsgImpl.msg._msg.hdr / ._rdata moved: re-check lib/nats/internals.ts',
    ).not.toBeNull();
    const bytes = rawBytes(withHeaders);
    expect(new TextDecoder().decode(bytes.subarray(0, hdr ?? 0))).toMatch(
      /^NATS\/1\.0\r\nNats-Msg-Id: one\r\n/,
    );
    expect(bytes.subarray(hdr ?? 0)).toEqual(withHeaders.data);
    expect(rawHeaderLength(without)).toBe(0);
    expect(new TextDecoder().decode(rawBytes(without))).toBe('plain');
    await c.delete();
  });

  it('finds the connection behind a JetStreamClient', () => {
    expect(
      connectionOf(jetstream(nc)),
      'JetStreamClientImpl.nc moved: follow.ts stops seeing reconnects',
    ).toBe(nc);
  });
});
