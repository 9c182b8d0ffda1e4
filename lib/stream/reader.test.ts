import { describe, expect, it } from 'vitest';
import { InvalidReadError, validateRead } from './reader';

describe('validateRead', () => {
  it('accepts sensible reads', () => {
    expect(() => validateRead({ kind: 'seq', seq: 1 }, 'agent.>')).not.toThrow();
    expect(() => validateRead({ kind: 'time', time: '2026-01-01T00:00:00Z' })).not.toThrow();
    expect(() => validateRead({ kind: 'first' }, '>')).not.toThrow();
  });
  it.each([0, -1, 1e20, Number.NaN, 1.5, Number.POSITIVE_INFINITY])('rejects sequence %s with a clear message', (seq) => {
    expect(() => validateRead({ kind: 'seq', seq })).toThrow(InvalidReadError);
    expect(() => validateRead({ kind: 'seq', seq })).toThrow(/is not a whole number/);
  });
  it('rejects unparsable times and invalid filters', () => {
    expect(() => validateRead({ kind: 'time', time: 'yesterday-ish' })).toThrow(/is not a time/);
    expect(() => validateRead({ kind: 'first' }, 'agent..x')).toThrow(/Invalid subject filter "agent..x"/);
    expect(() => validateRead({ kind: 'first' }, '>.a')).toThrow(InvalidReadError);
  });
});
