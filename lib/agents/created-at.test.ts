import { describe, expect, it } from 'vitest';
import { createdAtOfBytes, parseAgentTime } from './created-at';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

describe('the agents’ clock', () => {
  it('reads ISO times: Z, offsets, naive (UTC), micro- and nanoseconds', () => {
    expect(parseAgentTime('2026-11-20T10:00:00.123Z')).toBe(Date.UTC(2026, 10, 20, 10, 0, 0, 123));
    expect(parseAgentTime('2026-11-20T10:00:00.123456')).toBe(
      Date.UTC(2026, 10, 20, 10, 0, 0, 123),
    );
    expect(parseAgentTime('2026-11-20T12:00:00+02:00')).toBe(Date.UTC(2026, 10, 20, 10));
    expect(parseAgentTime('2026-11-20T10:00:00.123456789-0130')).toBe(
      Date.UTC(2026, 10, 20, 11, 30, 0, 123),
    );
    expect(parseAgentTime('yesterday')).toBeNull();
    expect(parseAgentTime('')).toBeNull();
  });

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
});
