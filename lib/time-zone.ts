/**
 * How times are shown: in UTC or the browser's local zone. One shared preference: the URL's
 * `tz=utc|local` wins (a link shows what its sender saw), else the default the user last
 * picked (localStorage), else local. Pure helpers here; the hook is components/ui/use-time-zone.ts.
 */
import { formatTime as formatLocal } from './format';

export type TimeZone = 'utc' | 'local';

/** localStorage key of the remembered default. */
export const TZ_STORAGE_KEY = 'agent-replay.tz';

/** `v` as a time zone choice, or null (absent or not one we know). */
export function parseTimeZone(v: unknown): TimeZone | null {
  return v === 'utc' || v === 'local' ? v : null;
}

/** "2026-11-27 18:06:10.123" in `tz` ("—" for an invalid time). */
export function formatTime(ms: number | Date | string, tz: TimeZone): string {
  if (tz === 'local') return formatLocal(ms);
  const d = ms instanceof Date ? ms : new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  // toISOString is UTC: "2026-11-27T18:06:10.123Z" → "2026-11-27 18:06:10.123".
  return d.toISOString().slice(0, 23).replace('T', ' ');
}

/** The zone's offset from UTC at `at`, in ms (0 for UTC; DST-aware for local). */
export function zoneOffsetMs(tz: TimeZone, at: number): number {
  return tz === 'utc' ? 0 : -new Date(at).getTimezoneOffset() * 60_000;
}

/**
 * The short zone tag next to a time or a column head: "UTC", or "local (UTC−5)" /
 * "local (UTC+5:30)" with the offset in force at `at` (it changes across DST).
 */
export function zoneTag(tz: TimeZone, at: number = Date.now()): string {
  return tz === 'utc' ? 'UTC' : `local (${offsetTag(tz, at)})`;
}

/** The zone as an offset, for tight column heads: "UTC", or "UTC−5" / "UTC+5:30" for local. */
export function offsetTag(tz: TimeZone, at: number = Date.now()): string {
  if (tz === 'utc') return 'UTC';
  const off = zoneOffsetMs(tz, at) / 60_000;
  const a = Math.abs(off);
  const m = a % 60;
  return `UTC${off < 0 ? '−' : '+'}${Math.floor(a / 60)}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/**
 * The label shown next to times: "UTC", or the local zone's name and offset at `at`
 * ("Europe/Berlin, UTC+01:00"); the offset alone when the browser does not name the zone.
 */
export function timeZoneLabel(tz: TimeZone, at: number = Date.now()): string {
  if (tz === 'utc') return 'UTC';
  const off = -new Date(at).getTimezoneOffset();
  const sign = off < 0 ? '−' : '+';
  const a = Math.abs(off);
  const offset = `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
  let name = '';
  try {
    name = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    // No Intl zone data: the offset says enough.
  }
  return name && name !== 'UTC' ? `${name}, ${offset}` : `local, ${offset}`;
}
