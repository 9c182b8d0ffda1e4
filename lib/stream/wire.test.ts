import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '@/lib/stream/reader';
import { fromWireError, packBatch, toWireError, transferables, unpackBatch } from './wire';

const enc = new TextEncoder();
const msg = (seq: number, body: string | Uint8Array, headers: [string, string][] = []): StreamMessage => {
  // Payloads as views into a larger buffer, as nats.js hands them over.
  const bytes = typeof body === 'string' ? enc.encode(body) : body;
  const big = new Uint8Array(bytes.length + 20);
  big.set(bytes, 10);
  const data = big.subarray(10, 10 + bytes.length);
  return { seq, subject: `agent.message.r${seq}`, timeMs: 1_700_000_000_000 + seq, time: `2023-11-14T22:13:20.${String(seq).padStart(9, '0')}Z`, headers, data, size: data.length };
};

describe('packBatch / unpackBatch', () => {
  it('round-trips every field and the exact payload bytes, in order', () => {
    const msgs = [msg(1, '{"a":1}'), msg(2, new Uint8Array([0xef, 0xbb, 0xbf, 0xff, 0x00])), msg(3, ''), msg(4, 'ünï', [['Nats-Msg-Id', 'x'], ['X', 'a'], ['X', 'b']])];
    const back = unpackBatch(packBatch(msgs));
    expect(back.map((m) => ({ ...m, data: [...m.data] }))).toEqual(msgs.map((m) => ({ ...m, data: [...m.data] })));
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
    expect(unpackBatch(packed).map((m) => m.subject)).toEqual(['agent.message.r1', 'agent.message.r1', 'agent.message.r3']);
  });

  it('sends each header name once and no per-message arrays; messages without headers share one empty list', () => {
    const packed = packBatch([msg(1, 'a', [['Nats-Msg-Id', 'm1']]), msg(2, 'b'), msg(3, 'c', [['Nats-Msg-Id', 'm3'], ['X', '1']])]);
    expect(packed.headers).toMatchObject({ names: ['Nats-Msg-Id', 'X'], values: ['m1', 'm3', '1'] });
    expect([...(packed.headers?.counts ?? [])]).toEqual([1, 0, 2]);
    expect(transferables(packed)).toContain(packed.headers?.nameIx.buffer);
    const back = unpackBatch(packed);
    expect(back.map((m) => m.headers)).toEqual([[['Nats-Msg-Id', 'm1']], [], [['Nats-Msg-Id', 'm3'], ['X', '1']]]);
    expect(unpackBatch(packBatch([msg(4, 'd'), msg(5, 'e')])).every((m, _, all) => m.headers === all[0]?.headers)).toBe(true);
  });

  it('packs an empty batch', () => {
    expect(unpackBatch(packBatch([]))).toEqual([]);
  });
});

describe('wire errors', () => {
  it('keep the name, message, code and API error code explainNatsError reads', () => {
    const e = Object.assign(new Error('stream not found'), { name: 'JetStreamApiError', code: '404', api_error: { err_code: 10059 } });
    const back = fromWireError(toWireError(e)) as Error & { code?: string; api_error?: { err_code?: number } };
    expect([back.name, back.message, back.code, back.api_error?.err_code]).toEqual(['JetStreamApiError', 'stream not found', '404', 10059]);
    expect(fromWireError(toWireError('plain')).message).toBe('plain');
  });
});
