import { describe, expect, it } from 'vitest';
import {
  childCount,
  childSlice,
  cliServerUrl,
  hexDump,
  natsCliCommand,
  shellQuote,
  splitLines,
  summarize,
  textPreview,
} from './payload';

describe('payload helpers', () => {
  it('builds the nats CLI command, quoting odd stream names', () => {
    expect(natsCliCommand('agent-messages', 42)).toBe('nats stream get agent-messages 42');
    expect(shellQuote("it's odd")).toBe(`'it'\\''s odd'`);
  });

  it('names the server the tab reads from in the CLI command (natscli v0.5 speaks ws:// and wss://)', () => {
    expect(natsCliCommand('agent-messages', 42, 'ws://127.0.0.1:8080')).toBe(
      'nats stream get agent-messages 42 --server ws://127.0.0.1:8080',
    );
    expect(natsCliCommand('odd name', 7, 'wss://nats.example.com/ws?x=1&y=2')).toBe(
      `nats stream get 'odd name' 7 --server 'wss://nats.example.com/ws?x=1&y=2'`,
    );
    expect(natsCliCommand('agent-messages', 42, null)).toBe('nats stream get agent-messages 42');
  });

  it('finds the current server’s URL with its scheme (nats.js reports host:port)', () => {
    const servers = ['ws://127.0.0.1:4001', 'wss://b.example.com', 'ws://127.0.0.1:4003'];
    expect(cliServerUrl('127.0.0.1:4003', servers)).toBe('ws://127.0.0.1:4003');
    expect(cliServerUrl('b.example.com', servers)).toBe('wss://b.example.com');
    expect(cliServerUrl('wss://c.example.com:443', servers)).toBe('wss://c.example.com:443');
    // A gossiped server not in the list: unknown scheme, so no guess with several configured.
    expect(cliServerUrl('10.0.0.9:4222', servers)).toBeNull();
    expect(cliServerUrl(null, ['ws://127.0.0.1:1'])).toBe('ws://127.0.0.1:1');
    expect(cliServerUrl(undefined, [])).toBeNull();
    expect(cliServerUrl('x:1', ['not a url', 'ws://x:1'])).toBe('ws://x:1');
  });

  it('hex dumps 16 bytes a line with an ASCII column, capped', () => {
    const data = new TextEncoder().encode('Hello, world! 0123456789');
    const dump = hexDump(data);
    expect(dump.split('\n')).toHaveLength(2);
    expect(
      dump.startsWith(
        '00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 20 30 31 |Hello, world! 01|',
      ),
    ).toBe(true);
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
