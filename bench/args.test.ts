import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('parseArgs', () => {
  it('gates by default and not with --no-gate', () => {
    expect(parseArgs([]).gate).toBe(true);
    expect(parseArgs(['--no-gate']).gate).toBe(false);
    expect(parseArgs(['--only', 'browse', '--no-gate', '--size', '2000']).gate).toBe(false);
  });
  it('keeps the other defaults and derives the small range', () => {
    const o = parseArgs(['--size', '20000']);
    expect(o.sizeLarge).toBe(20_000);
    expect(o.sizeSmall).toBe(2_000);
    expect(o.only).toContain('browse');
  });
  it('rejects an unknown flag with the usage', () => {
    expect(() => parseArgs(['--gate=no'])).toThrow(/unknown option "--gate"/);
  });
});
