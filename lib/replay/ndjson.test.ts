import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNdjson, toNdjson, toNdjsonLine } from './ndjson';
import { isoMs, msOf } from '@/lib/stream/reader';

const msg = (seq: number, data: Uint8Array, headers: [string, string][] = []) => ({
  seq,
  subject: `agent.message.qa_tester.question`,
  time: '2026-01-01T12:00:00.123456789Z',
  headers,
  data,
});

describe('NDJSON export/import', () => {
  it('writes text payloads as text and binary ones as base64', () => {
    const t = JSON.parse(
      toNdjsonLine(msg(1, new TextEncoder().encode('{"a":"é"}'), [['Nats-Msg-Id', 'x']])),
    );
    expect(t).toEqual({
      seq: 1,
      subject: 'agent.message.qa_tester.question',
      time: '2026-01-01T12:00:00.123456789Z',
      headers: [['Nats-Msg-Id', 'x']],
      payload: '{"a":"é"}',
    });
    const b = JSON.parse(toNdjsonLine(msg(2, new Uint8Array([0xff, 0x00, 0xfe]))));
    expect(b).toMatchObject({
      payload: '//7+'.slice(0, 0) + btoa('\xff\x00\xfe'),
      encoding: 'base64',
    });
  });

  it('round-trips every byte, headers, order and time (binary, BOM, empty and text payloads)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.uint8Array({ maxLength: 64 }),
            fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string()), { maxLength: 3 }),
          ),
          { maxLength: 20 },
        ),
        (items) => {
          const msgs = items.map(([d, h], i) => msg(i + 1, d, h));
          msgs.push(msg(items.length + 1, new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])));
          msgs.push(msg(items.length + 2, new Uint8Array()));
          const back = parseNdjson(toNdjson(msgs));
          expect(back.errors).toEqual([]);
          expect(
            back.messages.map((m) => [m.seq, m.subject, m.time, m.headers, [...m.data]]),
          ).toEqual(msgs.map((m) => [m.seq, m.subject, m.time, m.headers, [...m.data]]));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reports bad lines by number and keeps the good ones', () => {
    const good = toNdjsonLine(msg(5, new TextEncoder().encode('hi')));
    const r = parseNdjson(
      [
        'not json',
        '{"seq":0,"subject":"a","payload":"","time":"2026-01-01T00:00:00Z"}',
        '',
        good,
        good,
        '{"seq":9,"subject":"a","payload":"@@","encoding":"base64","time":"2026-01-01T00:00:00Z"}',
      ].join('\n'),
    );
    expect(r.messages.map((m) => m.seq)).toEqual([5]);
    expect(r.errors[0]).toBe('Line 1: not valid JSON.');
    expect(r.errors[1]).toMatch(/^Line 2: "seq"/);
    expect(r.errors[2]).toMatch(/^Line 5: sequence 5 is not after 5/);
    expect(r.errors[3]).toMatch(/^Line 6: "payload" is not valid base64/);
  });

  it('parses nanosecond times as a read gives them', () => {
    const ms = isoMs('2026-01-01T12:00:00.123456789Z');
    expect(Math.floor(ms)).toBe(Date.parse('2026-01-01T12:00:00.123Z'));
    expect(ms).toBe(msOf(Date.parse('2026-01-01T12:00:00Z') / 1000, 123_456_789));
    expect(isoMs('2026-01-01T13:00:00.123456789+01:00')).toBe(
      Date.parse('2026-01-01T12:00:00.123Z'),
    );
  });
});
