import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packBatch, unpackBatch } from '@/lib/stream/wire';
import type { StreamMessage } from '@/lib/stream/reader';
import { batchText, toReplayEvent, toReplayEventIn } from './event';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A batch as the reader worker delivers it: payloads as views into one buffer. */
const batch = (payloads: Uint8Array[]): StreamMessage[] =>
  unpackBatch(
    packBatch(
      payloads.map((data, i) => ({ seq: i + 1, subject: 'agent.message.engineer.request', timeMs: i, time: '', headers: [], data, size: data.length })),
    ),
  );

describe('batchText', () => {
  it('gives every payload exactly the text a decode of that payload alone gives (any bytes)', () => {
    // Bytes drawn mostly from ASCII with UTF-8 fragments, BOMs and stray bytes mixed in, so
    // multi-byte characters also straddle two payloads.
    const byte = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      { weight: 1, arbitrary: fc.constantFrom(0xef, 0xbb, 0xbf, 0xe2, 0x82, 0xac, 0xc3, 0xbc, 0x80, 0xff, 0x00) },
    );
    fc.assert(
      fc.property(fc.array(fc.array(byte, { maxLength: 12 }), { maxLength: 8 }), (raw) => {
        const msgs = batch(raw.map((b) => Uint8Array.from(b)));
        const text = batchText(msgs);
        for (const m of msgs) expect(text ? text(m.data) : dec.decode(m.data)).toBe(dec.decode(m.data));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes an ASCII batch at once, and declines non-ASCII text and payloads in different buffers', () => {
    expect(batchText(batch([enc.encode('{"a":1}'), enc.encode('{"b":2}')]))).not.toBeNull();
    expect(batchText(batch([enc.encode('{"a":"ü"}')]))).toBeNull();
    expect(batchText([{ data: enc.encode('a') }, { data: enc.encode('b') }])).toBeNull();
    expect(batchText([])).toBeNull();
  });

  it('decoding with the batch text gives the same events as decoding each payload', () => {
    const payloads = [
      { sender_id: 'a1', recipient_id: null, message_type: 'announcement', content: 'hi', created_at: '2026-01-01T00:00:00Z', metadata: { sender_role: 'lead' } },
      { sender_id: 'a1', recipient_id: 'a2', message_type: 'question', content: 'why?' },
    ].map((p) => enc.encode(JSON.stringify(p)));
    const msgs = batch([...payloads, enc.encode('not json'), enc.encode('{"broken":')]);
    const text = batchText(msgs);
    expect(text).not.toBeNull();
    expect(msgs.map((m) => toReplayEventIn(m, text))).toEqual(msgs.map(toReplayEvent));
  });
});
