import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classify, createdAtMs, decodeEvent, decodePayload } from './decode';

const enc = new TextEncoder();
const subjects = fc.constantFrom(
  'agent.message.qa_tester.question',
  'agent.status.a1.online',
  'agent.task.t1.started',
  'other.thing',
);

describe('payload decoding (property-based)', () => {
  it('never throws on arbitrary bytes, and never changes them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), subjects, (bytes, subject) => {
        const copy = bytes.slice();
        const { payload, event } = decodeEvent(subject, bytes);
        expect(['empty', 'json', 'text', 'binary']).toContain(payload.kind);
        expect(['message', 'status', 'task', 'generic']).toContain(event.kind);
        expect(bytes).toEqual(copy);
        createdAtMs(event);
      }),
    );
  });

  it('text is exactly the bytes (when there is no BOM) and JSON is exactly what JSON.parse gives', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
        ),
        (text) => {
          // TextDecoder drops a leading BOM from the text (the bytes are kept as they are).
          fc.pre(!text.startsWith('\uFEFF'));
          const bytes = enc.encode(text);
          const p = decodePayload(bytes);
          if (p.kind === 'text' || p.kind === 'json') expect(enc.encode(p.text)).toEqual(bytes);
          if (p.kind === 'json')
            expect(p.value).toEqual(JSON.parse(new TextDecoder().decode(bytes)));
          if (text.length === 0) expect(p.kind).toBe('empty');
        },
      ),
    );
  });

  it('every JSON object or array is decoded as JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue())),
        (v) => {
          const text = JSON.stringify(v);
          // Control characters inside strings are escaped by JSON.stringify, so this is never "binary".
          expect(decodePayload(enc.encode(text)).kind).toBe('json');
        },
      ),
    );
  });

  it('invalid UTF-8 is binary, never text', () => {
    const invalid = fc.constantFrom(
      [0xc3, 0x28],
      [0xff],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xe2, 0x82],
    );
    fc.assert(
      fc.property(fc.string(), invalid, fc.string(), (a, bad, b) => {
        const bytes = new Uint8Array([...enc.encode(a), ...bad, ...enc.encode(b)]);
        expect(decodePayload(bytes).kind).toBe('binary');
      }),
    );
  });

  it('a well-formed event survives extra fields; a missing required field makes it generic, a missing optional one does not', () => {
    const message = fc.record({
      id: fc.string(),
      sender_id: fc.string({ minLength: 1 }),
      recipient_id: fc.option(fc.string(), { nil: null }),
      content: fc.string(),
      message_type: fc.string(),
      created_at: fc
        .date({ noInvalidDate: true, min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z') })
        .map((d) => d.toISOString()),
    });
    fc.assert(
      fc.property(
        message,
        fc.dictionary(
          fc.string().map((k) => `x_${k}`),
          fc.jsonValue(),
        ),
        fc.constantFrom('sender_id', 'content'),
        fc.constantFrom('id', 'created_at', 'recipient_id', 'message_type'),
        (m, extra, required, optional) => {
          const ok = classify('agent.message.r.q', {
            kind: 'json',
            value: { ...extra, ...m },
            text: '',
          });
          expect(ok.kind).toBe('message');
          if (ok.kind === 'message') {
            expect(ok.message.content).toBe(m.content);
            // An empty message_type falls back to the subject's last token.
            expect(ok.message.message_type).toBe(m.message_type || 'q');
            expect(createdAtMs(ok)).toBe(Date.parse(m.created_at));
          }
          const noRequired: Record<string, unknown> = { ...m };
          delete noRequired[required];
          expect(
            classify('agent.message.r.q', { kind: 'json', value: noRequired, text: '' }).kind,
          ).toBe('generic');
          const noOptional: Record<string, unknown> = { ...m };
          delete noOptional[optional];
          expect(
            classify('agent.message.r.q', { kind: 'json', value: noOptional, text: '' }).kind,
          ).toBe('message');
          // Same shape on a subject outside the contract: generic.
          expect(classify('other.message', { kind: 'json', value: m, text: '' }).kind).toBe(
            'generic',
          );
        },
      ),
    );
  });
});

describe('hostile payloads from the issue: no crash, bounded time', () => {
  const timed = <T>(fn: () => T): [T, number] => {
    const t = performance.now();
    const r = fn();
    return [r, performance.now() - t];
  };
  it('non-JSON, binary, invalid UTF-8 and empty', () => {
    expect(decodePayload(enc.encode('{not json')).kind).toBe('text');
    expect(decodePayload(new Uint8Array([0, 1, 2, 255])).kind).toBe('binary');
    expect(decodePayload(new Uint8Array([0xc3, 0x28])).kind).toBe('binary');
    expect(decodePayload(new Uint8Array()).kind).toBe('empty');
  });
  it('1 MiB of text', () => {
    const [p, ms] = timed(() => decodePayload(new Uint8Array(1 << 20).fill(0x61)));
    expect(p.kind).toBe('text');
    expect(ms).toBeLessThan(1500);
  });
  it('10,000-level nested arrays and objects', () => {
    const arr = enc.encode('['.repeat(10_000) + ']'.repeat(10_000));
    const obj = enc.encode('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000));
    expect(decodeEvent('agent.message.r.q', arr).payload.kind).toBe('json');
    const [r, ms] = timed(() => decodeEvent('agent.message.r.q', obj));
    expect(r.payload.kind).toBe('json');
    expect(r.event.kind).toBe('generic');
    expect(ms).toBeLessThan(1500);
  });
  it('a million-element array, and an event with 200,000 metadata keys and 200,000 extra keys', () => {
    const [a, msA] = timed(() =>
      decodeEvent('agent.message.r.q', enc.encode(`[${'1,'.repeat(999_999)}1]`)),
    );
    expect(a.payload.kind).toBe('json');
    expect(a.event.kind).toBe('generic');
    expect(msA).toBeLessThan(5000);
    const many = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]));
    const value = {
      ...many,
      id: 'm1',
      sender_id: 's',
      recipient_id: null,
      content: 'hi',
      message_type: 'question',
      created_at: '2026-01-01T00:00:00Z',
      metadata: many,
    };
    // Before the fix this took ~5 s (zod walked every key twice).
    const [e, msE] = timed(() => classify('agent.message.r.q', { kind: 'json', value, text: '' }));
    expect(e.kind).toBe('message');
    expect(msE).toBeLessThan(1000);
  });
  it('an unknown schema on an agent subject is generic, not an error', () => {
    expect(
      decodeEvent('agent.message.r.q', enc.encode('{"schema":"v9","body":1}')).event.kind,
    ).toBe('generic');
    expect(decodeEvent('agent.status.a.b', enc.encode('[1,2,3]')).event.kind).toBe('generic');
    expect(decodeEvent('agent.task.t.e', enc.encode('"just a string"')).event.kind).toBe('generic');
  });
  it('a __proto__ key does not pollute Object.prototype', () => {
    decodeEvent(
      'agent.status.a.b',
      enc.encode('{"__proto__":{"polluted":1},"agent_id":"a","status":"x","created_at":"z"}'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
