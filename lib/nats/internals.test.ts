import { describe, expect, it } from 'vitest';
import { jetstream } from '@nats-io/jetstream';
import { MsgHdrsImpl } from '@nats-io/nats-core';
import {
  ackSubject,
  connectionOf,
  decodeHeaderBlock,
  rawBytes,
  rawHeaderLength,
} from './internals';
import { parsedMsg, testJsMsg } from './internals.test-util';

// These fail when a nats.js upgrade moves a private field internals.ts reads: the app would
// still work (it falls back to the public API), only slower, so the failure has to be loud here.
const enc = new TextEncoder();
const BLOCK = 'NATS/1.0\r\nNats-Msg-Id: m1\r\nX: ü\r\n\r\n';

describe('nats.js message internals (MsgImpl built by nats-core, JsMsg by jetstream)', () => {
  it('MsgImpl keeps the received bytes in _rdata and the header length in _msg.hdr', () => {
    const m = parsedMsg('a.b', BLOCK, '{"x":1}') as unknown as {
      _rdata: unknown;
      _msg: { hdr: unknown };
    };
    expect(m._rdata, 'MsgImpl._rdata moved: re-check lib/nats/internals.ts').toBeInstanceOf(
      Uint8Array,
    );
    expect(m._msg.hdr, 'MsgImpl._msg.hdr moved: re-check lib/nats/internals.ts').toBe(
      enc.encode(BLOCK).length,
    );
    expect((parsedMsg('a.b', null, 'x') as unknown as { _msg: { hdr: unknown } })._msg.hdr).toBe(
      -1,
    );
  });

  it('rawHeaderLength and rawBytes read a consumer-delivered JsMsg (not the fallback)', () => {
    const m = testJsMsg({
      seq: 7,
      subject: 'agent.x',
      nanos: 1.7e18,
      block: BLOCK,
      data: '{"x":1}',
    });
    const hdr = rawHeaderLength(m);
    expect(
      hdr,
      'JsMsgImpl.msg / MsgImpl._msg.hdr / ._rdata moved: the raw fast path is off',
    ).not.toBeNull();
    expect(hdr).toBe(enc.encode(BLOCK).length);
    const bytes = rawBytes(m);
    // The same buffer nats.js's public getters slice: header block, then the payload.
    expect(bytes.subarray(0, hdr ?? 0)).toEqual(enc.encode(BLOCK));
    expect(bytes.subarray(hdr ?? 0)).toEqual(m.data);
    expect(bytes.buffer).toBe(m.data.buffer);
    expect(m.headers?.get('Nats-Msg-Id')).toBe('m1');
    expect([m.seq, m.subject]).toEqual([7, 'agent.x']);
  });

  it('rawHeaderLength is 0 without a header block and null for a message without those fields', () => {
    const m = testJsMsg({ seq: 1, subject: 'a', nanos: 1e18, data: 'p' });
    expect(rawHeaderLength(m)).toBe(0);
    expect(rawBytes(m)).toEqual(enc.encode('p'));
    expect(rawHeaderLength({ data: new Uint8Array(1) })).toBeNull();
    expect(rawHeaderLength({ msg: { _msg: { hdr: '3' }, _rdata: new Uint8Array(3) } })).toBeNull();
  });

  it("ackSubject reads a consumer-delivered JsMsg's reply (the exact stream time is in it)", () => {
    const m = testJsMsg({ seq: 3, subject: 'a', nanos: 1_796_138_295_123_456_789n, data: 'p' });
    expect(ackSubject(m), 'JsMsgImpl.reply moved: stream times come from the bigint getter').toBe(
      '$JS.ACK.s.c.1.3.3.1796138295123456789.0',
    );
    expect(m.timestampNanos).toBe(1_796_138_295_123_456_789n);
    expect(ackSubject({ data: new Uint8Array(1) })).toBeNull();
  });

  it('decodeHeaderBlock is nats.js own header parse (MsgHdrsImpl.decode)', () => {
    expect(
      typeof (MsgHdrsImpl as unknown as { decode?: unknown }).decode,
      'MsgHdrsImpl.decode is gone',
    ).toBe('function');
    const h = decodeHeaderBlock(enc.encode('NATS/1.0\r\nX: a\r\nX: b\r\n\r\n'));
    expect(h.values('X')).toEqual(['a', 'b']);
    expect(() => decodeHeaderBlock(enc.encode('NATS/1.0\r\nbad name: a\r\n\r\n'))).toThrow();
  });

  it('connectionOf finds the connection a JetStreamClient was made from', () => {
    const nc = {
      status: () => ({}),
      isClosed: () => false,
      closed: () => Promise.resolve(),
      features: { get: () => ({ ok: true, min: '' }) },
      getServerVersion: () => undefined,
      options: {},
    };
    const js = jetstream(nc as never);
    expect(
      connectionOf(js),
      'JetStreamClientImpl.nc moved: follow.ts stops seeing reconnects',
    ).toBe(nc);
    expect(connectionOf({} as never)).toBeNull();
  });
});
