import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTime, parseTimeZone, timeZoneLabel, zoneOffsetMs, zoneTag } from './time-zone';

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

describe('zone tag and offset across DST', () => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    process.env.TZ = saved;
  });
  it('tags UTC and the local offset in force at the time', () => {
    expect(zoneTag('utc', Date.UTC(2026, 0, 1))).toBe('UTC');
    expect(zoneTag('local', Date.UTC(2026, 0, 1))).toBe('local (UTC−5)');
    expect(zoneTag('local', Date.UTC(2026, 6, 1))).toBe('local (UTC−4)');
    // Either side of spring forward (07:00 UTC on 2026-03-08).
    expect(zoneOffsetMs('local', Date.UTC(2026, 2, 8, 6, 59))).toBe(-5 * 3600_000);
    expect(zoneOffsetMs('local', Date.UTC(2026, 2, 8, 7, 0))).toBe(-4 * 3600_000);
    expect(zoneOffsetMs('utc', Date.UTC(2026, 2, 8, 7, 0))).toBe(0);
  });
  it('shows minutes when the offset has them', () => {
    process.env.TZ = 'Asia/Kolkata';
    expect(zoneTag('local', Date.UTC(2026, 0, 1))).toBe('local (UTC+5:30)');
    expect(timeZoneLabel('local', Date.UTC(2026, 0, 1))).toMatch(/UTC\+05:30$/);
    process.env.TZ = 'America/New_York';
  });
});
