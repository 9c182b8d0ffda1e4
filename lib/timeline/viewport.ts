/**
 * The visible time range and its maths: time ↔ x, zoom around a point (5 seconds to a day),
 * pan, and the backfill window parameter (`5m`, `1h`, `24h`, or any `<n>s|m|h|d`).
 */
import { formatTime, zoneOffsetMs, type TimeZone } from '@/lib/time-zone';

/**
 * Five seconds: at 10,000 events/s a lane's task events fit as single marks only at a few
 * seconds per view (a minute is still aggregated; see prepare-ring.ts).
 */
export const MIN_SPAN_MS = 5_000;
export const MAX_SPAN_MS = 86_400_000;

export type Viewport = { endMs: number; spanMs: number };

/** Clamps a span to [5 seconds, 1 day]. */
export function clampSpan(ms: number): number {
  return Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, Number.isFinite(ms) ? ms : MIN_SPAN_MS));
}

/** x in [0, width] for time t. */
export function timeToX(v: Viewport, t: number, width: number): number {
  return ((t - (v.endMs - v.spanMs)) / v.spanMs) * width;
}

/** Time at x. */
export function xToTime(v: Viewport, x: number, width: number): number {
  return v.endMs - v.spanMs + (x / width) * v.spanMs;
}

/** Zooms by `factor` (<1 in, >1 out) keeping the time under `x` where it is. */
export function zoomAt(v: Viewport, factor: number, x: number, width: number): Viewport {
  const spanMs = clampSpan(v.spanMs * factor);
  const anchor = xToTime(v, x, width);
  const frac = width > 0 ? x / width : 1;
  return { spanMs, endMs: anchor + (1 - frac) * spanMs };
}

/** Pans by `dx` pixels (positive = towards the past). */
export function panBy(v: Viewport, dx: number, width: number): Viewport {
  return { spanMs: v.spanMs, endMs: v.endMs - (dx / width) * v.spanMs };
}

const UNIT: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The backfill window presets offered in the toolbar. */
export const WINDOW_PRESETS = ['5m', '1h', '24h'] as const;
export const DEFAULT_WINDOW = '5m';
/** Longest backfill accepted (the stream keeps 7 days). */
export const MAX_WINDOW_MS = 7 * 86_400_000;

/** Parses `90s`, `5m`, `1h`, `24h`, `2d` into ms; null when malformed or out of range. */
export function parseWindow(s: string | null | undefined): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$/i.exec(s ?? '');
  if (!m) return null;
  const ms = Number(m[1]) * UNIT[m[2]!.toLowerCase()]!;
  return ms >= 1000 && ms <= MAX_WINDOW_MS ? ms : null;
}

/** A span in ms as the shortest `<n><unit>` string (for the URL). */
export function formatSpan(ms: number): string {
  for (const u of ['d', 'h', 'm'] as const) if (ms % UNIT[u]! === 0) return `${ms / UNIT[u]!}${u}`;
  return `${Math.round(ms / 1000)}s`;
}

/**
 * A tick's label: the time of day in `tz`, to the minute for spans over 6 h, else to the second.
 */
export function axisLabel(t: number, spanMs: number, tz: TimeZone = 'local'): string {
  return formatTime(t, tz).slice(11, spanMs > 6 * 3600_000 ? 16 : 19);
}

/**
 * Tick positions for the axis: a "nice" step giving about `target` ticks, on round wall-clock
 * times of `tz` (a 3 h step in UTC−5 ticks at 00:00, 03:00 local, not at UTC's).
 */
export function axisTicks(v: Viewport, target: number, tz: TimeZone = 'local'): number[] {
  const steps = [
    1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5,
  ];
  const raw = v.spanMs / Math.max(1, target);
  const step = steps.find((s) => s >= raw) ?? 864e5;
  const from = v.endMs - v.spanMs;
  const out: number[] = [];
  // Step through wall-clock time (instant + offset), mapping each round wall time back to its
  // instant with the offset in force there: ticks stay on round local times across a DST
  // change (a repeated wall time gets one tick, a skipped one none).
  const off = (t: number) => zoneOffsetMs(tz, t);
  const off0 = off(from);
  for (let w = Math.ceil((from + off0) / step) * step; ; w += step) {
    let t = w - off(w - off0);
    if (t + off(t) !== w) t = w - off(t);
    if (t > v.endMs) break;
    if (t < from || t + off(t) !== w) continue;
    if (out[out.length - 1] !== t) out.push(t);
  }
  return out;
}
