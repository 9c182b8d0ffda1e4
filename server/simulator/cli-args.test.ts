import { describe, expect, it } from 'vitest';
import { parseCliArgs, parseDuration } from './cli-args';

describe('parseDuration', () => {
  it('reads the usual units', () => {
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('45s')).toBe(45_000);
    expect(parseDuration('1500ms')).toBe(1500);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('2w')).toBe(1_209_600_000);
  });
  it('rejects nonsense', () => {
    expect(() => parseDuration('soon')).toThrow(/invalid duration/);
    expect(() => parseDuration('0h')).toThrow(/greater than zero/);
  });
});

describe('parseCliArgs', () => {
  it('uses env and defaults', () => {
    const o = parseCliArgs([], { NATS_URL: 'nats://example:4222', NATS_STREAM_NAME: 's1' });
    expect(o).toMatchObject({
      url: 'nats://example:4222',
      stream: 's1',
      seed: 42,
      backfill: 0,
      spanMs: 86_400_000,
      live: false,
      worker: false,
    });
    expect(parseCliArgs([], {}).url).toBe('nats://127.0.0.1:4222');
    expect(parseCliArgs([], {}).stream).toBe('agent-messages');
  });
  it('reads flags; --start fixes the end of the span', () => {
    const o = parseCliArgs(
      [
        '--url',
        'nats://h:1',
        '--seed',
        '7',
        '--backfill',
        '5000',
        '--span',
        '6h',
        '--start',
        '2026-01-01T00:00:00Z',
        '--live',
        '--rate',
        '100',
        '--worker',
      ],
      { NATS_URL: 'nats://ignored:1' },
    );
    expect(o).toMatchObject({
      url: 'nats://h:1',
      seed: 7,
      backfill: 5000,
      spanMs: 21_600_000,
      live: true,
      rate: 100,
      worker: true,
    });
    expect(o.endMs).toBe(Date.parse('2026-01-01T06:00:00Z'));
  });
  it('explains bad input', () => {
    expect(() => parseCliArgs(['--backfill', 'lots'], {})).toThrow(/--backfill expects a number/);
    expect(() => parseCliArgs(['--start', 'yesterday'], {})).toThrow(/ISO time/);
    expect(() => parseCliArgs(['--bogus'], {})).toThrow();
  });
});
