import { describe, expect, it } from 'vitest';
import type { Msg } from '@nats-io/nats-core';
import { parsedMsg } from '@/lib/nats/internals.test-util';
import { batchMessage } from './batch-get';
import { directFields } from './direct-headers';

const enc = new TextEncoder();
const server = (seq: number, ts: string, more = '') =>
  `Nats-Stream: s\r\nNats-Subject: agent.status.a-1.idle\r\nNats-Sequence: ${seq}\r\nNats-Time-Stamp: ${ts}\r\nNats-Num-Pending: 41\r\nNats-Last-Sequence: 0\r\n${more}`;

/** The same answer read by the byte parser (real MsgImpl) and by nats.js's header decode. */
function both(block: string, payload = '{"x":1}') {
  const m = parsedMsg('_INBOX.x', block, payload);
  const fast = batchMessage(m);
  // Without the private fields batchMessage takes nats.js's parsed headers (the old path).
  const slow = batchMessage({ headers: m.headers, data: m.data } as unknown as Msg);
  return { fast, slow };
}

describe('directFields (batch direct get headers read from bytes)', () => {
  it('gives what nats.js’s own header decode gives, producer headers included', () => {
    const blocks = [
      `NATS/1.0\r\n${server(7, '2026-12-06T04:00:52.123456789Z')}\r\n`,
      `NATS/1.0\r\nNats-Msg-Id: m-1\r\nX-Tag: a\r\n${server(8, '2026-12-06T04:00:52Z')}X-Tag: b\r\n\r\n`,
      `NATS/1.0\r\nX-A:  spaced value  \r\nX-B: 2\r\nX-A: again\r\n${server(9, '2026-12-06T04:00:53.1Z')}\r\n`,
      `NATS/1.0\r\n${server(10, '2026-12-06T04:00:53.000001Z', 'Nats-Expected-Stream: s\r\n')}\r\n`,
    ];
    for (const b of blocks) {
      const { fast, slow } = both(b);
      expect(directFields(enc.encode(b)), b).not.toBeNull();
      expect(fast, b).toEqual(slow);
    }
    const f = directFields(enc.encode(blocks[1] as string));
    expect(f?.headers).toEqual([
      ['Nats-Msg-Id', 'm-1'],
      ['X-Tag', 'a'],
      ['X-Tag', 'b'],
    ]);
    expect([f?.seq, f?.subject, f?.pending, f?.time]).toEqual([
      8,
      'agent.status.a-1.idle',
      41,
      '2026-12-06T04:00:52.000000000Z',
    ]);
  });

  it('declines what it does not expect (the string path reads it) without losing anything', () => {
    const odd = [
      `NATS/1.0\r\nX-Name: ü\r\n${server(11, '2026-12-06T04:00:52.5Z')}\r\n`,
      `NATS/1.0\r\n${server(12, '2026-12-06 04:00:52Z')}\r\n`,
      `NATS/1.0\r\n${server(13, '2026-12-06T04:00:52.1234567890Z')}\r\n`,
      `NATS/1.0\r\nNats-Subject: a\r\nNats-Time-Stamp: 2026-12-06T04:00:52Z\r\n\r\n`,
    ];
    for (const b of odd) {
      expect(directFields(enc.encode(b)), b).toBeNull();
      const { fast, slow } = both(b);
      expect(fast, b).toEqual(slow);
    }
    expect(directFields(enc.encode('NATS/1.0 404 No Messages\r\n\r\n'))).toBeNull();
    expect(directFields(enc.encode('NATS/1.0\r\nbroken'))).toBeNull();
  });

  it('reads only the block (bytes past `end` are the payload)', () => {
    const block = `NATS/1.0\r\n${server(5, '2026-12-06T04:00:52.25Z')}\r\n`;
    const raw = enc.encode(`${block}Nats-Sequence: 99\r\n`);
    expect(directFields(raw, enc.encode(block).length)?.seq).toBe(5);
  });
});
