import { describe, expect, it } from 'vitest';
import { MsgHdrsImpl } from '@nats-io/nats-core';
import { testJsMsg } from '../nats/internals.test-util';
import {
  InvalidReadError,
  headersFromBlock,
  headersOf,
  isoTime,
  nanosToIso,
  parseHeaderBlock,
  subSecondNanos,
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

describe('nanosToIso', () => {
  // The former formatting (BigInt remainder, a fresh Date per call): the output must not change.
  const reference = (nanos: number, ms: number) =>
    `${new Date(ms).toISOString().slice(0, 19)}.${(BigInt(Math.floor(nanos)) % 1_000_000_000n).toString().padStart(9, '0')}Z`;

  it('matches the BigInt formatting for stream timestamps (doubles above 2^53)', () => {
    let x = 0x2545f491;
    const rnd = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const base = 1_764_300_000_000_000_000;
    for (let i = 0; i < 2000; i++) {
      // Runs of times in the same second and jumps between seconds, in both orders.
      const nanos = base + Math.floor(rnd() * 3e9) * (i % 3 === 0 ? 1000 : 1) + (i % 7) * 1e9;
      const ms = nanos / 1_000_000;
      expect(nanosToIso(nanos, ms)).toBe(reference(nanos, ms));
    }
  });

  it('is isoTime of the ms and subSecondNanos (the parts a RawBatch carries)', () => {
    for (const nanos of [
      1_764_300_000_123_456_789, 1_764_300_001_000_000_000, 1_700_000_000_999_000_000,
    ]) {
      expect(isoTime(nanos / 1_000_000, subSecondNanos(nanos))).toBe(
        nanosToIso(nanos, nanos / 1_000_000),
      );
    }
    expect(subSecondNanos(1_700_000_000_000_000_123n)).toBe(123);
  });

  it('formats exact BigInt nanos and sub-second zeros', () => {
    expect(nanosToIso(1_700_000_000_000_000_123n, 1_700_000_000_000)).toBe(
      '2023-11-14T22:13:20.000000123Z',
    );
    expect(nanosToIso(1_700_000_001_000_000_000, 1_700_000_001_000)).toBe(
      '2023-11-14T22:13:21.000000000Z',
    );
    expect(nanosToIso(1_700_000_000_999_000_000n, 1_700_000_000_999)).toBe(
      '2023-11-14T22:13:20.999000000Z',
    );
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
