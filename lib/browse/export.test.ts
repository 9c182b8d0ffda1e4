import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodePayload, ndjsonPayloadBytes, toCsvLine, toNdjsonLine } from './export';
import { adjacentMatch, matchPosition } from './matches';
import {
  boundsWithLoaded,
  checkRange,
  defaultRange,
  estimateRange,
  RANGE_WARN_MESSAGES,
} from './range';
import { parseNdjson } from '@/lib/replay/ndjson';
import type { StreamMessage } from '@/lib/stream/reader';

const msg = (seq: number, data: Uint8Array, headers: [string, string][] = []): StreamMessage => ({
  seq,
  subject: 'odd.payload',
  timeMs: Date.parse('2026-01-01T00:00:00Z'),
  time: '2026-01-01T00:00:00.123456789Z',
  headers,
  data,
  size: data.length,
});
type Line = {
  seq: number;
  subject: string;
  time: string;
  headers: [string, string][];
  payload: string;
  encoding?: string;
};
const parse = (s: string) => JSON.parse(s) as Line;

describe('NDJSON line format (byte-exact payloads)', () => {
  it('writes valid UTF-8 as text and anything else as base64 with encoding', () => {
    const t = parse(
      toNdjsonLine(
        msg(3, new TextEncoder().encode('{"a":"é"}'), [
          ['X', '1'],
          ['X', '2'],
        ]),
      ),
    );
    expect(t).toEqual({
      seq: 3,
      subject: 'odd.payload',
      time: '2026-01-01T00:00:00.123456789Z',
      headers: [
        ['X', '1'],
        ['X', '2'],
      ],
      payload: '{"a":"é"}',
    });
    const b = parse(toNdjsonLine(msg(4, new Uint8Array([0xff, 0x00, 0xfe]))));
    expect(b).toMatchObject({ payload: '/wD+', encoding: 'base64' });
    expect(parse(toNdjsonLine(msg(5, new Uint8Array()))).payload).toBe('');
  });

  it('keeps a BOM, NUL and other control bytes of valid UTF-8 exactly', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x00, 0x01, 0x68, 0x69, 0x0a]);
    const line = parse(toNdjsonLine(msg(1, bytes)));
    expect(line.encoding).toBeUndefined();
    expect(ndjsonPayloadBytes(line)).toEqual(bytes);
  });

  it('round-trips any bytes through one line (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, asText) => {
        // Half the cases are valid UTF-8 text (incl. astral characters) to cover both encodings.
        const data = asText
          ? new TextEncoder().encode(new TextDecoder().decode(bytes) + '😀')
          : bytes;
        const s = toNdjsonLine(msg(9, data));
        expect(s.endsWith('\n')).toBe(true);
        expect(s.slice(0, -1)).not.toContain('\n');
        expect(ndjsonPayloadBytes(parse(s))).toEqual(data);
      }),
    );
  });

  it('is importable by /replay (lib/replay/ndjson parseNdjson) with identical bytes', () => {
    const msgs = [
      msg(1, new Uint8Array([0, 159, 146, 150])),
      msg(2, new TextEncoder().encode('<script>x</script>'), [['Nats-Msg-Id', 'a']]),
    ];
    const back = parseNdjson(msgs.map(toNdjsonLine).join(''));
    expect(back.errors).toEqual([]);
    expect(back.messages.map((m) => [m.seq, m.headers, Array.from(m.data)])).toEqual(
      msgs.map((m) => [m.seq, m.headers, Array.from(m.data)]),
    );
  });

  it('writes CSV with an encoding column', () => {
    expect(encodePayload(new Uint8Array([0xc3]))).toEqual({ payload: 'ww==', encoding: 'base64' });
    expect(toCsvLine(msg(1, new Uint8Array([0xc3])))).toMatch(/,base64,ww==\n$/);
    expect(toCsvLine(msg(2, new TextEncoder().encode('a,b')))).toMatch(/,utf-8,"a,b"\n$/);
  });
});

describe('download range helpers', () => {
  const b = { first: 10, last: 1000, messages: 900, bytes: 900 * 500 };
  it('defaults to the loaded rows, else the whole stream', () => {
    expect(defaultRange({ first: 200, last: 399 }, b)).toEqual({ from: 200, to: 399 });
    expect(defaultRange(null, b)).toEqual({ from: 10, to: 1000 });
    expect(defaultRange(null, { first: 1, last: 0, messages: 0 })).toBeNull();
  });
  it('opens with defaults it does not itself warn about (rows loaded after the stream info was read)', () => {
    // The browser read rows 900–1,050 while STREAM.INFO still said the stream ends at 1,000.
    const loaded = { first: 900, last: 1050 };
    const nb = boundsWithLoaded(b, loaded);
    expect(nb).toMatchObject({ first: 10, last: 1050, messages: 950 });
    const d = defaultRange(loaded, nb)!;
    expect(checkRange(String(d.from), String(d.to), nb)).toEqual({
      ok: true,
      range: { from: 900, to: 1050 },
      notice: null,
    });
    // Rows older than the first stored message (aged out since) are left out of the default.
    const old = defaultRange({ first: 1, last: 50 }, b)!;
    expect(checkRange(String(old.from), String(old.to), b)).toMatchObject({
      ok: true,
      notice: null,
    });
    expect(boundsWithLoaded(b, { first: 10, last: 20 })).toBe(b);
  });
  it('validates and clamps typed ranges', () => {
    expect(checkRange('20', '30', b)).toEqual({
      ok: true,
      range: { from: 20, to: 30 },
      notice: null,
    });
    expect(checkRange('1', '5000', b)).toMatchObject({
      ok: true,
      range: { from: 10, to: 1000 },
      notice: expect.stringMatching(/Clamped/),
    });
    expect(checkRange('30', '20', b)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/after/),
    });
    expect(checkRange('x', '20', b)).toMatchObject({ ok: false });
    expect(checkRange('0', '20', b)).toMatchObject({ ok: false });
    expect(checkRange('2000', '3000', b)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/nothing in/),
    });
  });
  it('estimates size and warns above the threshold', () => {
    expect(estimateRange({ from: 10, to: 109 }, b)).toEqual({
      maxMessages: 100,
      approxBytes: 50_000,
      warn: false,
    });
    const big = { first: 1, last: 1_000_000, messages: 1_000_000 };
    expect(estimateRange({ from: 1, to: RANGE_WARN_MESSAGES + 1 }, big).warn).toBe(true);
    expect(estimateRange({ from: 1, to: RANGE_WARN_MESSAGES }, big).warn).toBe(false);
  });
});

describe('next / previous match', () => {
  const m = [5, 10, 20];
  it('moves down the table like j, in both orders', () => {
    expect(adjacentMatch(m, 'asc', 5, 1)).toBe(10);
    expect(adjacentMatch(m, 'asc', 20, 1)).toBeNull();
    expect(adjacentMatch(m, 'asc', 10, -1)).toBe(5);
    expect(adjacentMatch(m, 'desc', 20, 1)).toBe(10);
    expect(adjacentMatch(m, 'desc', 10, -1)).toBe(20);
    expect(adjacentMatch(m, 'desc', 5, 1)).toBeNull();
  });
  it('starts from the nearest match when the open message is not one, or from the top', () => {
    expect(adjacentMatch(m, 'asc', 12, 1)).toBe(20);
    expect(adjacentMatch(m, 'asc', 12, -1)).toBe(10);
    expect(adjacentMatch(m, 'desc', 12, 1)).toBe(10);
    expect(adjacentMatch(m, 'desc', 1, -1)).toBe(5);
    expect(adjacentMatch(m, 'asc', null, 1)).toBe(5);
    expect(adjacentMatch(m, 'desc', null, 1)).toBe(20);
    expect(adjacentMatch([], 'asc', null, 1)).toBeNull();
  });
  it('says which match is open', () => {
    expect(matchPosition(m, 'asc', 10)).toBe(2);
    expect(matchPosition(m, 'desc', 20)).toBe(1);
    expect(matchPosition(m, 'desc', 11)).toBeNull();
  });
});
