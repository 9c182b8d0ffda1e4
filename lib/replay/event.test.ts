import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RawPacker, packBatch, unpackBatch } from '@/lib/stream/pack';
import { testJsMsg } from '@/lib/nats/internals.test-util';
import { headersFromBlock, isoTime, msOf, type StreamMessage } from '@/lib/stream/reader';
import {
  batchText,
  eventHeaders,
  eventIsoTime,
  rawBatchEvents,
  toReplayEvent,
  toReplayEventIn,
  type ReplayEvent,
} from './event';
import { eventsToNdjson, toNdjson } from './ndjson';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A batch as the reader worker delivers it: payloads as views into one buffer. */
const batch = (payloads: Uint8Array[]): StreamMessage[] =>
  unpackBatch(
    packBatch(
      payloads.map((data, i) => ({
        seq: i + 1,
        subject: 'agent.message.engineer.request',
        timeMs: i,
        time: '',
        headers: [],
        data,
        size: data.length,
      })),
    ),
  );

describe('batchText', () => {
  it('gives every payload exactly the text a decode of that payload alone gives (any bytes)', () => {
    // Bytes drawn mostly from ASCII with UTF-8 fragments, BOMs and stray bytes mixed in, so
    // multi-byte characters also straddle two payloads.
    const byte = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          0xef,
          0xbb,
          0xbf,
          0xe2,
          0x82,
          0xac,
          0xc3,
          0xbc,
          0x80,
          0xff,
          0x00,
        ),
      },
    );
    fc.assert(
      fc.property(fc.array(fc.array(byte, { maxLength: 12 }), { maxLength: 8 }), (raw) => {
        const msgs = batch(raw.map((b) => Uint8Array.from(b)));
        const text = batchText(msgs);
        for (const m of msgs)
          expect(text ? text(m.data) : dec.decode(m.data)).toBe(dec.decode(m.data));
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
      {
        sender_id: 'a1',
        recipient_id: null,
        message_type: 'announcement',
        content: 'hi',
        created_at: '2026-01-01T00:00:00Z',
        metadata: { sender_role: 'lead' },
      },
      { sender_id: 'a1', recipient_id: 'a2', message_type: 'question', content: 'why?' },
    ].map((p) => enc.encode(JSON.stringify(p)));
    const msgs = batch([...payloads, enc.encode('not json'), enc.encode('{"broken":')]);
    const text = batchText(msgs);
    expect(text).not.toBeNull();
    expect(msgs.map((m) => toReplayEventIn(m, text))).toEqual(msgs.map(toReplayEvent));
  });
});

/** A stream time from exact epoch nanos, as the readers give it. */
const timeMsOf = (n: bigint) => msOf(Number(n / 1_000_000_000n), Number(n % 1_000_000_000n));
const isoOf = (n: bigint) => isoTime(timeMsOf(n), Number(n % 1_000_000_000n));

describe('rawBatchEvents', () => {
  /** Packs messages as the reader worker does (RawPacker over nats.js-like messages). */
  const raw = (
    msgs: { seq: number; subject: string; nanos: bigint; block: string; data: Uint8Array }[],
  ) => {
    const p = new RawPacker(2);
    for (const m of msgs) {
      p.add(
        testJsMsg({
          seq: m.seq,
          subject: m.subject,
          nanos: m.nanos,
          block: m.block || null,
          data: m.data,
        }),
      );
    }
    return p.take();
  };
  const contract = [
    {
      sender_id: 'a1',
      recipient_id: null,
      message_type: 'announcement',
      content: 'hi',
      created_at: '2026-01-01T00:00:00Z',
      metadata: { sender_role: 'lead' },
    },
    { agent_id: 'a2', status: 'busy', agent_role: 'qa', created_at: '2026-01-01T00:00:01Z' },
    { task_id: 't1', event: 'progress', progress: 40, title: 'T' },
  ];
  const subjects = [
    'agent.message.lead.announcement',
    'agent.status.a2.busy',
    'agent.task.t1.progress',
    'other.subject',
    'agent',
  ];

  it('gives the events toReplayEvent gives for the same messages, with the same stream time text and headers', () => {
    const byte = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      { weight: 1, arbitrary: fc.constantFrom(0xef, 0xbb, 0xbf, 0xc3, 0xbc, 0xff, 0x00) },
    );
    const payload = fc.oneof(
      fc.constantFrom(...contract.map((c) => enc.encode(JSON.stringify(c)))),
      fc.constant(enc.encode(JSON.stringify({ ...contract[0], content: 'ünïcode ☃' }))),
      fc.array(byte, { maxLength: 12 }).map((b) => Uint8Array.from(b)),
    );
    const block = fc.constantFrom(
      '',
      'NATS/1.0\r\nNats-Msg-Id: m1\r\n\r\n',
      'NATS/1.0\r\nX: a\r\nY: b\r\nX: c\r\n\r\n',
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            payload,
            fc.integer({ min: 0, max: subjects.length - 1 }),
            block,
            fc.integer({ min: 0, max: 3e9 }),
          ),
          { maxLength: 10 },
        ),
        (items) => {
          const msgs = items.map(([data, s, b, dn], i) => ({
            seq: i + 1,
            subject: subjects[s] as string,
            nanos: 1_764_300_000_000_000_000n + BigInt(dn) * 1000n,
            block: b,
            data,
          }));
          const b = raw(msgs);
          const at = rawBatchEvents(b);
          msgs.forEach((m, i) => {
            const e = at(i);
            const sm: StreamMessage = {
              seq: m.seq,
              subject: m.subject,
              timeMs: timeMsOf(m.nanos),
              time: isoOf(m.nanos),
              headers: headersFromBlock(enc.encode(m.block)),
              data: m.data,
              size: m.data.length,
            };
            const want = toReplayEvent(sm);
            expect([eventIsoTime(e), eventHeaders(e), [...e.data]]).toEqual([
              sm.time,
              sm.headers,
              [...m.data],
            ]);
            const strip = (x: ReplayEvent) => ({
              ...x,
              time: null,
              nanos: 0,
              headers: null,
              hdrLen: 0,
              data: [...x.data],
            });
            expect(strip(e)).toEqual(strip(want));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('exports the same NDJSON as the messages it was read from', () => {
    const msgs = contract.map((c, i) => ({
      seq: i + 10,
      subject: subjects[i] as string,
      nanos: 1_764_300_000_123_456_789n + BigInt(i) * 1_000_000_000n,
      block: i === 1 ? '' : 'NATS/1.0\r\nNats-Msg-Id: m\r\n\r\n',
      data: enc.encode(JSON.stringify(c)),
    }));
    const at = rawBatchEvents(raw(msgs));
    const events = msgs.map((_, i) => at(i));
    const sms = msgs.map((m) => ({
      seq: m.seq,
      subject: m.subject,
      time: isoOf(m.nanos),
      headers: headersFromBlock(enc.encode(m.block)),
      data: m.data,
    }));
    expect(eventsToNdjson(events)).toBe(toNdjson(sms));
  });
});
