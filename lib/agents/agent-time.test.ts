import { describe, expect, it } from 'vitest';
import { parseAgentTime, regexAgentTime } from './contract';

/** A small deterministic PRNG (mulberry32), so a failure names a reproducible input. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('parseAgentTime fast path', () => {
  it('agrees with the regex path on generated times, valid and not', () => {
    const r = rng(19);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
    const n = (max: number) => Math.floor(r() * max);
    let fastShaped = 0;
    for (let k = 0; k < 20_000; k++) {
      // Mostly the common shape, with fields sometimes out of range (month 13, Feb 30, 24:00,
      // 23:59:60), other separators, fraction lengths and offsets.
      const y = pick([pad(n(10_000), 4), '2026', '1969', '0000', '20x6']);
      const mo = pick([pad(1 + n(12), 2), '13', '00', '02']);
      const d = pick([pad(1 + n(31), 2), '30', '29', '00', '32']);
      const sep = pick(['T', 'T', 'T', ' ', 't', 'X']);
      const hh = pick([pad(n(24), 2), '24', '23', '00', '99']);
      const mi = pick([pad(n(60), 2), '59', '60']);
      const ss = pick([pad(n(60), 2), '59', '60', '61']);
      const frac = pick([
        '',
        '.',
        `.${pad(n(10), 1)}`,
        `.${pad(n(100), 2)}`,
        `.${pad(n(1000), 3)}`,
        `.${pad(n(1e6), 6)}`,
        `.${pad(n(1e9), 9)}`,
        '.12a',
      ]);
      const zone = pick(['', '', 'Z', 'z', '+01:00', '-0500', '+00:00', ' ', 'ZZ']);
      const v = `${y}-${mo}-${d}${sep}${hh}:${mi}:${ss}${frac}${zone}`;
      if (frac.length >= 4 && (zone === '' || zone === 'Z' || zone === 'z')) fastShaped++;
      expect(parseAgentTime(v), v).toEqual(regexAgentTime(v));
    }
    // The common shape was exercised, not only the fallbacks.
    expect(fastShaped).toBeGreaterThan(3000);
  });

  it('gives the same answer for times of the same hour, in any order (the hour cache)', () => {
    const vs = [
      '2026-03-01T10:59:59.999999',
      '2026-03-01T10:00:00.000Z',
      '2026-03-01 10:30:00.500',
      '2026-02-30T10:00:00.000',
      '2026-03-01T10:30:00.500',
      '2026-03-02T10:30:00.500',
    ];
    for (const v of [...vs, ...vs.reverse()])
      expect(parseAgentTime(v), v).toEqual(regexAgentTime(v));
    expect(parseAgentTime('2026-03-01T10:59:59.999999')).toEqual({
      ms: Date.UTC(2026, 2, 1, 10, 59, 59, 999),
      naive: true,
    });
  });
});
