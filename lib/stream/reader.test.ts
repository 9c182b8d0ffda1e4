import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MsgHdrsImpl } from '@nats-io/nats-core';
import { testJsMsg } from '../nats/internals.test-util';
import {
  InvalidReadError,
  headersFromBlock,
  headersOf,
  isoTime,
  msOf,
  parseHeaderBlock,
  stamp,
  stampFromDigits,
  stampFromNanos,
  stampOfJsMsg,
  validateRead,
} from './reader';

describe('validateRead', () => {
  it('accepts sensible reads', () => {
    expect(() => validateRead({ kind: 'seq', seq: 1 }, 'agent.>')).not.toThrow();
    expect(() => validateRead({ kind: 'time', time: '2026-01-01T00:00:00Z' })).not.toThrow();
    expect(() => validateRead({ kind: 'first' }, '>')).not.toThrow();
  });
  it.each([0, -1, 1e20, Number.NaN, 1.5, Number.POSITIVE_INFINITY])(
    'rejects sequence %s with a clear message',
    (seq) => {
      expect(() => validateRead({ kind: 'seq', seq })).toThrow(InvalidReadError);
      expect(() => validateRead({ kind: 'seq', seq })).toThrow(/is not a whole number/);
    },
  );
  it('rejects unparsable times and invalid filters', () => {
    expect(() => validateRead({ kind: 'time', time: 'yesterday-ish' })).toThrow(/is not a time/);
    expect(() => validateRead({ kind: 'first' }, 'agent..x')).toThrow(
      /Invalid subject filter "agent..x"/,
    );
    expect(() => validateRead({ kind: 'first' }, '>.a')).toThrow(InvalidReadError);
  });
});

describe('stream times, exact', () => {
  // The reference: BigInt arithmetic on the server's epoch nanoseconds.
  const iso = (n: bigint) =>
    `${new Date(Number(n / 1_000_000n)).toISOString().slice(0, 19)}.${(n % 1_000_000_000n).toString().padStart(9, '0')}Z`;
  const floorMs = (n: bigint) => Number(n / 1_000_000n);
  // Epoch nanos from 2001 to 2096, weighted to the last nanoseconds before a ms or a second.
  const nanos = fc.oneof(
    fc.bigInt({ min: 1_000_000_000_000_000_000n, max: 3_999_999_999_999_999_999n }),
    fc
      .tuple(
        fc.bigInt({ min: 1_000_000_000_000n, max: 3_999_999_999_999n }),
        fc.integer({ min: 1, max: 300 }),
      )
      .map(([ms, back]) => ms * 1_000_000n - BigInt(back)),
    fc
      .tuple(
        fc.bigInt({ min: 1_000_000_000n, max: 3_999_999_999n }),
        fc.integer({ min: 0, max: 300 }),
      )
      .map(([s, back]) => s * 1_000_000_000n - BigInt(back)),
  );
  const formatted = () => isoTime(msOf(stamp.sec, stamp.sub), stamp.sub);

  it('reads the digits of epoch nanos exactly: the ISO time and the floor of timeMs', () => {
    fc.assert(
      fc.property(nanos, (n) => {
        const d = `x.${n}.y`;
        expect(stampFromDigits(d, 2, d.length - 2)).toBe(true);
        expect(formatted()).toBe(iso(n));
        const ms = msOf(stamp.sec, stamp.sub);
        expect(Math.floor(ms)).toBe(floorMs(n));
        expect(Math.abs(ms - Number(n) / 1e6)).toBeLessThanOrEqual(0.0011);
        stampFromNanos(n);
        expect(formatted()).toBe(iso(n));
      }),
      { numRuns: 3000 },
    );
  });

  it('a double of the nanos (what nats.js parses) is off; the ack subject is not', () => {
    const n = 1_796_138_295_123_456_789n;
    expect(iso(BigInt(Number(n)))).toBe('2026-12-01T15:18:15.123456768Z'); // a double's nanos
    for (const layout of [9, 12] as const) {
      stampOfJsMsg(testJsMsg({ seq: 7, subject: 'a', nanos: n, data: '', layout }));
      expect(formatted()).toBe('2026-12-01T15:18:15.123456789Z');
    }
    // No ack subject (another nats.js): the public bigint, then info's double.
    stampOfJsMsg({ info: { timestampNanos: 1 }, timestampNanos: n });
    expect(formatted()).toBe('2026-12-01T15:18:15.123456789Z');
    stampOfJsMsg({ info: { timestampNanos: 1_700_000_000_000_000_000 }, reply: 'not.an.ack' });
    expect(formatted()).toBe('2023-11-14T22:13:20.000000000Z');
  });

  it('rejects what is not 10 to 19 digits', () => {
    for (const d of ['', '123456789', '12345678901234567890', '17963a8295123456789', '-1796138295'])
      expect(stampFromDigits(d, 0, d.length)).toBe(false);
  });

  it('keeps the floor of the ms exact where a double would round up into the next one', () => {
    // 999,999,999 ns into a second: the nearest double of its ms is the next second.
    const n = 1_796_138_295_999_999_999n;
    stampFromNanos(n);
    expect(Math.floor(msOf(stamp.sec, stamp.sub))).toBe(1_796_138_295_999);
    expect(formatted()).toBe('2026-12-01T15:18:15.999999999Z');
    expect(isoTime(1_700_000_001_000, 0)).toBe('2023-11-14T22:13:21.000000000Z');
    expect(isoTime(msOf(1_700_000_000, 123), 123)).toBe('2023-11-14T22:13:20.000000123Z');
  });
});

describe('headersOf / parseHeaderBlock', () => {
  const enc = new TextEncoder();
  // nats.js's own parse, flattened as headerPairs did: the reference for every block.
  const reference = (block: string): [string, string][] | 'throws' => {
    try {
      const h = MsgHdrsImpl.decode(enc.encode(block));
      return h.keys().flatMap((k) => h.values(k).map((v): [string, string] => [k, v]));
    } catch {
      return 'throws';
    }
  };
  const blocks = [
    'NATS/1.0\r\nNats-Msg-Id: 6f1c2d\r\n\r\n',
    'NATS/1.0\r\n\r\n',
    'NATS/1.0 503 No Responders\r\n\r\n',
    'NATS/1.0\r\nA: 1\r\nB:2\r\nA:  3 \r\nc-d: \r\n:empty name\r\nno colon\r\n\r\n',
    'NATS/1.0\r\nX: a\r\nX: b\r\nY: c\r\n\r\n',
    'NATS/1.0\r\nK: caf\u00e9 \u2603\r\n\r\n',
    'NATS/1.0\r\nK: a\nb\r\n\r\n',
    'NATS/1.0\r\nK: v\n\r\n\r\n',
    'NATS/1.0\r\nBad Name: v\r\n\r\n',
    'NATS/1.0\r\nK: a:b:c\r\n',
  ];

  it.each(blocks)('parses %j as nats.js does (null where nats.js throws)', (block) => {
    const want = reference(block);
    const got = parseHeaderBlock(block);
    if (want === 'throws') expect(got).toBeNull();
    else expect(got).toEqual(want);
  });

  it.each(blocks)(
    'headersFromBlock(%j) gives what headersOf gives for a message carrying it',
    (block) => {
      const bytes = enc.encode(block);
      let want: [string, string][] | 'throws';
      try {
        want = headersOf(testJsMsg({ seq: 1, subject: 's', nanos: 1e18, block: bytes, data: '' }));
      } catch {
        want = 'throws';
      }
      if (want === 'throws') expect(() => headersFromBlock(bytes)).toThrow();
      else expect(headersFromBlock(bytes)).toEqual(want);
      expect(headersFromBlock(new Uint8Array(0))).toEqual([]);
    },
  );

  it('reads the raw block of a JsMsg, or falls back to nats.js headers', () => {
    type Arg = Parameters<typeof headersOf>[0];
    const block = enc.encode('NATS/1.0\r\nNats-Msg-Id: m1\r\nX: \u00fc\r\n\r\n');
    const rdata = new Uint8Array([...block, ...enc.encode('{"a":1}')]);
    const m = testJsMsg({ seq: 1, subject: 's', nanos: 1e18, block, data: '{"a":1}' });
    // The raw block is read, not nats.js's parsed headers.
    Object.defineProperty(m, 'headers', {
      get: (): never => {
        throw new Error('not used');
      },
    });
    expect(headersOf(m)).toEqual([
      ['Nats-Msg-Id', 'm1'],
      ['X', 'ü'],
    ]);
    expect(
      headersOf(testJsMsg({ seq: 1, subject: 's', nanos: 1e18, block: null, data: rdata })),
    ).toEqual([]);
    const h = MsgHdrsImpl.decode(block);
    expect(headersOf({ headers: h } as unknown as Arg)).toEqual([
      ['Nats-Msg-Id', 'm1'],
      ['X', 'ü'],
    ]);
  });
});
