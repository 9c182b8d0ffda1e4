import { describe, expect, it } from 'vitest';
import { formatTime, parseTimeZone, timeZoneLabel } from './time-zone';

describe('time zone helpers', () => {
  it('formats in UTC whatever the local zone', () => {
    expect(formatTime(Date.UTC(2026, 10, 27, 18, 6, 10, 123), 'utc')).toBe(
      '2026-11-27 18:06:10.123',
    );
    expect(formatTime('nope', 'utc')).toBe('—');
  });
  it('formats local time like lib/format', () => {
    expect(formatTime(new Date(2026, 0, 2, 3, 4, 5, 6), 'local')).toBe('2026-01-02 03:04:05.006');
  });
  it('parses only known values', () => {
    expect(parseTimeZone('utc')).toBe('utc');
    expect(parseTimeZone('local')).toBe('local');
    expect(parseTimeZone('UTC+2')).toBeNull();
    expect(parseTimeZone(null)).toBeNull();
  });
  it('labels the zone', () => {
    expect(timeZoneLabel('utc')).toBe('UTC');
    expect(timeZoneLabel('local')).toMatch(/UTC[+−]\d\d:\d\d/);
  });
});
