import { describe, expect, it } from 'vitest';
import { createdAtOfBytes } from './created-at';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

describe('the agents’ clock', () => {
  it('finds created_at in a payload without parsing it, and nothing where there is none', () => {
    expect(
      createdAtOfBytes(enc({ id: 'x', content: 'created_at', created_at: '2026-11-20T10:00:00Z' })),
    ).toBe(Date.UTC(2026, 10, 20, 10));
    expect(createdAtOfBytes(enc('{"created_at" : "2026-11-20T10:00:01"}'))).toBe(
      Date.UTC(2026, 10, 20, 10, 0, 1),
    );
    expect(createdAtOfBytes(enc({ id: 'x' }))).toBeNull();
    expect(createdAtOfBytes(enc({ created_at: 12 }))).toBeNull();
    expect(createdAtOfBytes(enc({ created_at: 'not a time at all' }))).toBeNull();
    expect(createdAtOfBytes(new Uint8Array([0x22, 0xff, 0x00]))).toBeNull();
    expect(createdAtOfBytes(new Uint8Array())).toBeNull();
  });

  it('reads the top-level key only, the last of duplicates, escapes decoded (as JSON.parse would)', () => {
    const t = '2026-11-20T10:00:00Z';
    expect(
      createdAtOfBytes(enc({ metadata: { created_at: '2020-01-01T00:00:00Z' }, created_at: t })),
    ).toBe(Date.parse(t));
    expect(createdAtOfBytes(enc({ metadata: { created_at: '2020-01-01T00:00:00Z' } }))).toBeNull();
    expect(
      createdAtOfBytes(
        enc({
          list: [{ created_at: '2020-01-01T00:00:00Z' }],
          content: 'a "created_at": "2020-01-01T00:00:00Z"',
        }),
      ),
    ).toBeNull();
    expect(
      createdAtOfBytes(
        enc('{"created_at":"2020-01-01T00:00:00Z","created_at":"2026-11-20T10:00:00Z"}'),
      ),
    ).toBe(Date.parse(t));
    expect(
      createdAtOfBytes(enc('{"created_at":"2026-11-20T10:00:00Z","created_at":null}')),
    ).toBeNull();
    expect(createdAtOfBytes(enc('{"created_at":"2026-11-20T10:00:00\\u005A"}'))).toBe(
      Date.parse(t),
    );
    expect(createdAtOfBytes(enc(['created_at', t]))).toBeNull();
  });
});
