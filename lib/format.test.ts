import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, formatTime } from './format';

describe('format', () => {
  it('counts and bytes', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1024 * 1024)).toBe('1.0 MiB');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
  it('durations', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4m 05s');
    expect(formatDuration(3 * 3_600_000 + 120_000)).toBe('3h 02m');
    expect(formatDuration(-1500)).toBe('-1.5 s');
  });
  it('times', () => {
    expect(formatTime('nope')).toBe('—');
    expect(formatTime(new Date(2026, 0, 2, 3, 4, 5, 6))).toBe('2026-01-02 03:04:05.006');
  });
});
