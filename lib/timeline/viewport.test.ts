import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axisLabel,
  axisTicks,
  clampSpan,
  formatSpan,
  panBy,
  parseWindow,
  timeToX,
  xToTime,
  zoomAt,
} from './viewport';

describe('viewport', () => {
  const v = { endMs: 120_000, spanMs: 60_000 };
  it('maps time and x both ways', () => {
    expect(timeToX(v, 90_000, 600)).toBe(300);
    expect(xToTime(v, 300, 600)).toBe(90_000);
  });
  it('zooms around the pointer and clamps to 5 seconds..a day', () => {
    const z = zoomAt({ endMs: 3_600_000, spanMs: 3_600_000 }, 0.5, 300, 600);
    expect(z.spanMs).toBe(1_800_000);
    expect(xToTime(z, 300, 600)).toBe(1_800_000);
    expect(zoomAt(v, 0.1, 0, 600).spanMs).toBe(6_000);
    expect(zoomAt(v, 0.01, 0, 600).spanMs).toBe(5_000);
    expect(clampSpan(1e12)).toBe(86_400_000);
  });
  it('pans by pixels', () => {
    expect(panBy(v, 300, 600).endMs).toBe(90_000);
  });
  it('parses and formats backfill windows', () => {
    expect(parseWindow('5m')).toBe(300_000);
    expect(parseWindow('24h')).toBe(86_400_000);
    expect(parseWindow('90s')).toBe(90_000);
    expect(parseWindow('8d')).toBeNull();
    expect(parseWindow('abc')).toBeNull();
    expect(parseWindow('')).toBeNull();
    expect(formatSpan(3_600_000)).toBe('1h');
    expect(formatSpan(90_000)).toBe('90s');
  });
  it('places nice ticks', () => {
    expect(axisTicks(v, 6)).toEqual([60_000, 70_000, 80_000, 90_000, 100_000, 110_000, 120_000]);
  });

  it('labels ticks to the second, or to the minute beyond 6 h', () => {
    const t = new Date(2026, 11, 3, 18, 49, 5).getTime();
    expect(axisLabel(t, 5 * 60_000)).toBe('18:49:05');
    expect(axisLabel(t, 6 * 3600_000)).toBe('18:49:05');
    expect(axisLabel(t, 24 * 3600_000)).toBe('18:49');
  });
});

// Process-wide zone for the local cases: New York, far from UTC and with DST.
describe('axis in a time zone', () => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    process.env.TZ = saved;
  });
  const H = 3600_000;
  it('labels ticks in the chosen zone', () => {
    const t = Date.UTC(2026, 0, 15, 18, 49, 5);
    expect(axisLabel(t, 5 * 60_000, 'utc')).toBe('18:49:05');
    expect(axisLabel(t, 5 * 60_000, 'local')).toBe('13:49:05');
    expect(axisLabel(t, 24 * H, 'local')).toBe('13:49');
  });
  it('puts multi-hour ticks on round wall times of the zone', () => {
    // 24 h ending at 2026-01-16 00:00 UTC, 3 h steps.
    const v = { endMs: Date.UTC(2026, 0, 16), spanMs: 24 * H };
    const utc = axisTicks(v, 8, 'utc').map((t) => axisLabel(t, v.spanMs, 'utc'));
    expect(utc).toEqual([
      '00:00',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
      '15:00',
      '18:00',
      '21:00',
      '00:00',
    ]);
    const local = axisTicks(v, 8, 'local').map((t) => axisLabel(t, v.spanMs, 'local'));
    // UTC−5: 19:00 local is 00:00 UTC; round local hours are 21:00, 00:00, ...
    expect(local).toEqual(['21:00', '00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00']);
  });
  it('keeps hourly ticks on the hour across the spring-forward gap (02:00 does not exist)', () => {
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT at 07:00 UTC.
    const v = { endMs: Date.UTC(2026, 2, 8, 10), spanMs: 6 * H };
    const labels = axisTicks(v, 6, 'local').map((t) => axisLabel(t, v.spanMs, 'local'));
    // 04:00..10:00 UTC is 23:00 EST..06:00 EDT: no 02:00 tick, the rest on the hour.
    expect(labels).toEqual([
      '23:00:00',
      '00:00:00',
      '01:00:00',
      '03:00:00',
      '04:00:00',
      '05:00:00',
      '06:00:00',
    ]);
  });
  it('gives the repeated hour one tick when the clocks fall back', () => {
    // 2026-11-01: 02:00 EDT goes back to 01:00 EST at 06:00 UTC.
    const v = { endMs: Date.UTC(2026, 10, 1, 9), spanMs: 6 * H };
    const ticks = axisTicks(v, 6, 'local');
    const labels = ticks.map((t) => axisLabel(t, v.spanMs, 'local'));
    expect(labels).toEqual([
      '23:00:00',
      '00:00:00',
      '01:00:00',
      '02:00:00',
      '03:00:00',
      '04:00:00',
    ]);
    expect(new Set(ticks).size).toBe(ticks.length);
  });
});
