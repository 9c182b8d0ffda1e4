import { describe, expect, it } from 'vitest';
import { MsgHdrsImpl } from '@nats-io/nats-core';
import { headersFromBlock, msOf, type StreamMessage } from '@/lib/stream/reader';
import { testJsMsg } from '@/lib/nats/internals.test-util';
import { errors } from '@nats-io/nats-core';
import { JetStreamApiError } from '@nats-io/jetstream';
import {
  ConsumerNotFoundError,
  JetStreamNotEnabled,
  JetStreamStatusError,
  StreamNotFoundError,
  isMessageNotFound,
} from '@/lib/nats/internals';
import { explainNatsError, isTransientNatsError, type NatsErrorCode } from '@/lib/nats/errors';
import { RawPacker, packBatch, rawTransferables, transferables, unpackBatch } from './pack';
import { fromWireError, toWireError } from './wire';

const enc = new TextEncoder();
const msg = (
  seq: number,
  body: string | Uint8Array,
  headers: [string, string][] = [],
): StreamMessage => {
  // Payloads as views into a larger buffer, as nats.js hands them over.
  const bytes = typeof body === 'string' ? enc.encode(body) : body;
  const big = new Uint8Array(bytes.length + 20);
  big.set(bytes, 10);
  const data = big.subarray(10, 10 + bytes.length);
  return {
    seq,
    subject: `agent.message.r${seq}`,
    timeMs: 1_700_000_000_000 + seq,
    time: `2023-11-14T22:13:20.${String(seq).padStart(9, '0')}Z`,
    headers,
    data,
    size: data.length,
  };
};

describe('packBatch / unpackBatch', () => {
  it('round-trips every field and the exact payload bytes, in order', () => {
    const msgs = [
      msg(1, '{"a":1}'),
      msg(2, new Uint8Array([0xef, 0xbb, 0xbf, 0xff, 0x00])),
      msg(3, ''),
      msg(4, 'ünï', [
        ['Nats-Msg-Id', 'x'],
        ['X', 'a'],
        ['X', 'b'],
      ]),
    ];
    const back = unpackBatch(packBatch(msgs));
    expect(back.map((m) => ({ ...m, data: [...m.data] }))).toEqual(
      msgs.map((m) => ({ ...m, data: [...m.data] })),
    );
  });

  it('holds every payload in one buffer that can be transferred, sized to the payloads', () => {
    const b = packBatch([msg(1, 'abc'), msg(2, 'de')]);
    expect(b.bytes.buffer.byteLength).toBe(5);
    expect([...b.offsets]).toEqual([0, 3, 5]);
    expect(transferables(b)).toContain(b.bytes.buffer);
    expect(b.headers).toBeNull(); // no per-message arrays when no message has headers
    const back = unpackBatch(b);
    expect(back[1]?.data.buffer).toBe(back[0]?.data.buffer); // views, not copies
  });

  it('sends each distinct subject once; the unpacked messages share it', () => {
    const a = msg(1, 'x');
    const b = { ...msg(2, 'y'), subject: a.subject };
    const packed = packBatch([a, b, msg(3, 'z')]);
    expect(packed.subjects).toEqual(['agent.message.r1', 'agent.message.r3']);
    expect([...packed.subjectIx]).toEqual([0, 0, 1]);
    expect(unpackBatch(packed).map((m) => m.subject)).toEqual([
      'agent.message.r1',
      'agent.message.r1',
      'agent.message.r3',
    ]);
  });

  it('sends each header name once and no per-message arrays; messages without headers share one empty list', () => {
    const packed = packBatch([
      msg(1, 'a', [['Nats-Msg-Id', 'm1']]),
      msg(2, 'b'),
      msg(3, 'c', [
        ['Nats-Msg-Id', 'm3'],
        ['X', '1'],
      ]),
    ]);
    expect(packed.headers).toMatchObject({
      names: ['Nats-Msg-Id', 'X'],
      values: ['m1', 'm3', '1'],
    });
    expect([...(packed.headers?.counts ?? [])]).toEqual([1, 0, 2]);
    expect(transferables(packed)).toContain(packed.headers?.nameIx.buffer);
    const back = unpackBatch(packed);
    expect(back.map((m) => m.headers)).toEqual([
      [['Nats-Msg-Id', 'm1']],
      [],
      [
        ['Nats-Msg-Id', 'm3'],
        ['X', '1'],
      ],
    ]);
    expect(
      unpackBatch(packBatch([msg(4, 'd'), msg(5, 'e')])).every(
        (m, _, all) => m.headers === all[0]?.headers,
      ),
    ).toBe(true);
  });

  it('packs an empty batch', () => {
    expect(unpackBatch(packBatch([]))).toEqual([]);
  });
});

describe('wire errors', () => {
  // Real nats.js v3 errors, as the reader worker catches them; back on the page they are the
  // same classes again, so instanceof, nats.js's helpers and explainNatsError work there.
  const cases: [string, () => Error, NatsErrorCode][] = [
    [
      'a missing stream',
      () =>
        new StreamNotFoundError({ code: 404, err_code: 10059, description: 'stream not found' }),
      'stream-not-found',
    ],
    [
      'a missing consumer',
      () =>
        new ConsumerNotFoundError({
          code: 404,
          err_code: 10014,
          description: 'consumer not found',
        }),
      'consumer-not-found',
    ],
    [
      'an API refusal',
      () =>
        new JetStreamApiError({
          code: 400,
          err_code: 10093,
          description: 'consumer filter subject is not a valid subset of the interest subjects',
        }),
      'unknown',
    ],
    [
      'a refused permission',
      () => {
        const pv = errors.PermissionViolationError.parse(
          'Permissions Violation for Publish to "$JS.API.CONSUMER.CREATE.s.x"',
        );
        return new errors.RequestError(pv?.message ?? '', { cause: pv });
      },
      'permission',
    ],
    [
      'no responders',
      () =>
        new errors.RequestError("no responders: 'x'", { cause: new errors.NoRespondersError('x') }),
      'no-responders',
    ],
    ['a timeout', () => new errors.TimeoutError(), 'timeout'],
    [
      'JetStream off',
      () =>
        new JetStreamNotEnabled('jetstream is not enabled', {
          cause: new errors.RequestError("no responders: '$JS.API.INFO'", {
            cause: new errors.NoRespondersError('$JS.API.INFO'),
          }),
        }),
      'jetstream-disabled',
    ],
    ['a closed connection', () => new errors.ClosedConnectionError(), 'disconnected'],
    ['a pull status', () => new JetStreamStatusError('request timeout', 408), 'timeout'],
  ];
  it.each(cases)('rebuild %s as its nats.js class', (_, make, code) => {
    const e = make();
    const back = fromWireError(structuredClone(toWireError(e)));
    expect(back.constructor).toBe(e.constructor);
    expect([back.name, back.message]).toEqual([e.name, e.message]);
    expect(explainNatsError(back, { stream: 's' })).toEqual(explainNatsError(e, { stream: 's' }));
    expect(explainNatsError(back).code).toBe(code);
    expect(isTransientNatsError(back)).toBe(isTransientNatsError(e));
    if (e instanceof JetStreamApiError)
      expect([(back as JetStreamApiError).code, (back as JetStreamApiError).status]).toEqual([
        e.code,
        e.status,
      ]);
  });
  it('rebuild what nats.js does not make as an Error with its name', () => {
    const e = Object.assign(new Error('Sequence 0 is not a whole number'), {
      name: 'InvalidReadError',
    });
    expect([fromWireError(toWireError(e)).name, fromWireError(toWireError(e)).message]).toEqual([
      'InvalidReadError',
      'Sequence 0 is not a whole number',
    ]);
    expect(fromWireError(toWireError('plain')).message).toBe('plain');
  });
  it('keep a get’s "no message found" telling for nats.js’s isMessageNotFound', () => {
    const e = new JetStreamApiError({
      code: 404,
      err_code: 10037,
      description: 'no message found',
    });
    expect(isMessageNotFound(fromWireError(toWireError(e)))).toBe(true);
  });
});

describe('RawPacker', () => {
  // A consumer-delivered message as nats.js hands it over: its received bytes (header block,
  // then payload) and where the block ends (-1: none), plus the JsMsg getters.
  const jsMsg = (
    seq: number,
    subject: string,
    nanos: bigint,
    body: string | Uint8Array,
    block = '',
  ) => testJsMsg({ seq, subject, nanos, block: block || null, data: body });
  const block = 'NATS/1.0\r\nNats-Msg-Id: m1\r\n\r\n';

  it('packs seq, time parts, subjects once, and each header block right before its exact payload', () => {
    const p = new RawPacker(2); // grows past its first capacity
    p.add(jsMsg(7, 'agent.a', 1_764_300_000_123_456_789n, '{"a":1}', block));
    p.add(jsMsg(8, 'agent.b', 1_764_300_001_000_000_000n, new Uint8Array([0xff, 0x00])));
    p.add(jsMsg(9, 'agent.a', 1_764_300_001_500_000_000n, ''));
    expect(p.size()).toBe(3);
    const b = p.take();
    expect([...b.seq]).toEqual([7, 8, 9]);
    expect([...b.timeMs]).toEqual([
      msOf(1_764_300_000, 123_456_789),
      1_764_300_001_000,
      1_764_300_001_500,
    ]);
    // The server's nanoseconds, exact (a double of the epoch nanos would give 123,456,768).
    expect([...b.nanos]).toEqual([123_456_789, 0, 500_000_000]);
    expect(b.subjects).toEqual(['agent.a', 'agent.b']);
    expect([...b.subjectIx]).toEqual([0, 1, 0]);
    expect([...b.hdrLen]).toEqual([block.length, 0, 0]);
    expect(new TextDecoder().decode(b.bytes.subarray(b.offsets[0], b.offsets[1]))).toBe(
      `${block}{"a":1}`,
    );
    expect([...b.bytes.subarray(b.offsets[1], b.offsets[2])]).toEqual([0xff, 0x00]);
    expect(b.offsets[3]).toBe(b.bytes.length);
    expect(b.bytes.buffer.byteLength).toBe(b.bytes.length); // sized to the batch
    expect(rawTransferables(b)).toContain(b.bytes.buffer);
    expect(p.size()).toBe(0);
    const next = p.take();
    expect([next.seq.length, next.subjects.length, next.bytes.length]).toEqual([0, 0, 0]);
  });

  it('without nats.js internals, writes the header block from the parsed headers', () => {
    const h = MsgHdrsImpl.decode(enc.encode('NATS/1.0\r\nNats-Msg-Id: m1\r\nX: a\r\nX: b\r\n\r\n'));
    const p = new RawPacker();
    p.add({
      seq: 1,
      subject: 's',
      info: { timestampNanos: 1e18 },
      data: enc.encode('hi'),
      headers: h,
    });
    p.add({ seq: 2, subject: 's', info: { timestampNanos: 1e18 }, data: enc.encode('yo') });
    const b = p.take();
    const blockOf = (i: number) =>
      b.bytes.subarray(b.offsets[i], (b.offsets[i] as number) + (b.hdrLen[i] as number));
    expect(headersFromBlock(blockOf(0))).toEqual([
      ['Nats-Msg-Id', 'm1'],
      ['X', 'a'],
      ['X', 'b'],
    ]);
    expect(
      new TextDecoder().decode(
        b.bytes.subarray((b.offsets[0] as number) + (b.hdrLen[0] as number), b.offsets[1]),
      ),
    ).toBe('hi');
    expect([
      b.hdrLen[1],
      new TextDecoder().decode(b.bytes.subarray(b.offsets[1], b.offsets[2])),
    ]).toEqual([0, 'yo']);
  });
});
