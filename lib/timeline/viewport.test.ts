import { describe, expect, it } from 'vitest';
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
  it('zooms around the pointer and clamps to a minute..a day', () => {
    const z = zoomAt({ endMs: 3_600_000, spanMs: 3_600_000 }, 0.5, 300, 600);
    expect(z.spanMs).toBe(1_800_000);
    expect(xToTime(z, 300, 600)).toBe(1_800_000);
    expect(zoomAt(v, 0.1, 0, 600).spanMs).toBe(60_000);
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
