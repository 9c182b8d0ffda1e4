import { describe, expect, it } from 'vitest';
import { formatBytes, formatCompact, formatCount, formatDuration, formatTime } from './format';

describe('format', () => {
  it('counts and bytes', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1024 * 1024)).toBe('1.0 MiB');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
  it('bytes never show 1024.0 of a unit: each threshold moves to the next unit', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    // Just under 1 MiB used to read "1024.0 KiB".
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.0 MiB');
    expect(formatBytes(1024 * 1024 - 52)).toBe('1023.9 KiB');
    expect(formatBytes(1024 * 1024)).toBe('1.0 MiB');
    expect(formatBytes(1024 * 1024 + 200)).toBe('1.0 MiB');
    expect(formatBytes(1024 ** 3 - 1)).toBe('1.0 GiB');
    expect(formatBytes(1024 ** 3)).toBe('1.0 GiB');
    expect(formatBytes(1024 ** 4 - 1)).toBe('1.0 TiB');
    expect(formatBytes(5 * 1024 ** 5)).toBe('5120.0 TiB');
    expect(formatBytes(-2048)).toBe('-2.0 KiB');
    // No value shows 1024.0 of any unit.
    for (let e = 10; e <= 40; e += 10)
      for (let d = -200; d <= 200; d++) expect(formatBytes(2 ** e + d)).not.toMatch(/^1024\.0 /);
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

describe('formatCompact', () => {
  it('fits chart ticks: thousands and millions abbreviated, small numbers whole', () => {
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(25_000)).toBe('25K');
    expect(formatCompact(100_000)).toBe('100K');
    expect(formatCompact(1_234_567)).toBe('1.2M');
    expect(formatCompact(Number.NaN)).toBe('—');
  });
});
