/** Small formatting helpers shared by the views. Pure. */

const nf = new Intl.NumberFormat('en-US');

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return nf.format(n);
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** 100000 → "100K", 1234567 → "1.2M", 950 → "950": chart axis ticks, which have a fixed width. */
export function formatCompact(n: number): string {
  return Number.isFinite(n) ? compact.format(n) : '—';
}

/**
 * Bytes as B/KiB/MiB/GiB/TiB with one decimal (whole bytes below 1 KiB). A value that would
 * round to "1024.0" of a unit is shown as the next unit ("1.0 MiB", not "1024.0 KiB").
 */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  // Bytes: exactly 1024; above: from 1023.95, which toFixed(1) would show as "1024.0".
  while (Math.abs(v) >= (i === 0 ? 1024 : 1023.95) && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** Duration in ms as "850 ms", "12.3 s", "4m 05s", "3h 02m", "2d 04h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const neg = ms < 0;
  const a = Math.abs(ms);
  let s: string;
  if (a < 1000) s = `${Math.round(a)} ms`;
  else if (a < 60_000) s = `${(a / 1000).toFixed(1)} s`;
  else if (a < 3_600_000)
    s = `${Math.floor(a / 60_000)}m ${String(Math.floor((a % 60_000) / 1000)).padStart(2, '0')}s`;
  else if (a < 86_400_000)
    s = `${Math.floor(a / 3_600_000)}h ${String(Math.floor((a % 3_600_000) / 60_000)).padStart(2, '0')}m`;
  else
    s = `${Math.floor(a / 86_400_000)}d ${String(Math.floor((a % 86_400_000) / 3_600_000)).padStart(2, '0')}h`;
  return neg ? `-${s}` : s;
}

/** ISO-ish local time with milliseconds: "2026-11-27 18:06:10.123". */
export function formatTime(ms: number | Date | string): string {
  const d = ms instanceof Date ? ms : new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}
