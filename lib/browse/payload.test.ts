import { describe, expect, it } from 'vitest';
import { childCount, childSlice, hexDump, natsCliCommand, shellQuote, splitLines, summarize, textPreview } from './payload';

describe('payload helpers', () => {
  it('builds the nats CLI command, quoting odd stream names', () => {
    expect(natsCliCommand('agent-messages', 42)).toBe('nats stream get agent-messages 42');
    expect(shellQuote("it's odd")).toBe(`'it'\\''s odd'`);
  });

  it('hex dumps 16 bytes a line with an ASCII column, capped', () => {
    const data = new TextEncoder().encode('Hello, world! 0123456789');
    const dump = hexDump(data);
    expect(dump.split('\n')).toHaveLength(2);
    expect(dump.startsWith('00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 20 30 31 |Hello, world! 01|')).toBe(true);
    expect(hexDump(new Uint8Array(1000), 32).split('\n')).toHaveLength(2);
    expect(hexDump(new Uint8Array([0, 255]))).toContain('|..|');
  });

  it('pages children of huge arrays and objects without copying them', () => {
    const big = new Array(1_000_000).fill(1);
    expect(childCount(big)).toBe(1_000_000);
    expect(childSlice(big, 999_998, 100)).toEqual([
      ['999998', 1],
      ['999999', 1],
    ]);
    const obj = { a: 1, b: 2, c: 3 };
    expect(childSlice(obj, 1, 1)).toEqual([['b', 2]]);
    expect(childCount(obj)).toBe(3);
  });

  it('summarizes values in bounded length', () => {
    expect(summarize([1, 2])).toBe('[…] 2 items');
    expect(summarize({ a: 1 })).toBe('{…} 1 keys');
    expect(summarize('x'.repeat(500), 20).length).toBeLessThanOrEqual(20);
    expect(summarize(null)).toBe('null');
  });

  it('previews invalid UTF-8 without throwing', () => {
    expect(textPreview(new Uint8Array([0x68, 0xff, 0x69]))).toBe('h\uFFFDi');
  });

  it('splits big text into bounded lines for the virtual view, losing nothing', () => {
    expect(splitLines('ab\ncdefg\n', 3)).toEqual(['ab', 'cde↩', 'fg', '']);
    expect(splitLines('', 3)).toEqual(['']);
    const big = 'x'.repeat(1024 * 1024 - 3) + 'END';
    const lines = splitLines(big, 120);
    expect(lines).toHaveLength(Math.ceil(big.length / 120));
    expect(lines.map((l) => l.replace(/↩$/, '')).join('')).toBe(big);
    expect(lines[lines.length - 1]!.endsWith('END')).toBe(true);
  });
});
