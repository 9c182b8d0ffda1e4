/**
 * Downloads of messages as NDJSON or CSV. Payloads are written byte-exact: the UTF-8 text
 * when the bytes are valid UTF-8, else base64 marked `"encoding":"base64"` (NDJSON) or an
 * `encoding` column (CSV), so decoding a line gives back the stored bytes. The NDJSON line
 * has the same shape as the replay export (lib/replay/ndjson.ts), so /replay can import it.
 * Pure strings.
 */
import type { StreamMessage } from '@/lib/stream/reader';
import { toRow } from './rows';

// fatal: invalid UTF-8 → base64; ignoreBOM: a leading BOM is kept, so bytes round-trip.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The payload as UTF-8 text when valid, else base64 (never alters the bytes). */
export function encodePayload(data: Uint8Array): { payload: string; encoding?: 'base64' } {
  try {
    return { payload: utf8.decode(data) };
  } catch {
    return { payload: base64(data), encoding: 'base64' };
  }
}

/** One NDJSON line (with trailing newline): seq, subject, time, headers ([name, value] pairs in wire order), payload[, encoding]. */
export function toNdjsonLine(m: StreamMessage): string {
  return `${JSON.stringify({ seq: m.seq, subject: m.subject, time: m.time, headers: m.headers, ...encodePayload(m.data) })}\n`;
}

/** The exact payload bytes of a parsed NDJSON line (inverse of toNdjsonLine's payload). */
export function ndjsonPayloadBytes(line: { payload: string; encoding?: string }): Uint8Array {
  if (line.encoding === 'base64')
    return Uint8Array.from(atob(line.payload), (c) => c.charCodeAt(0));
  return new TextEncoder().encode(line.payload);
}

/** CSV header line. */
export const CSV_HEADER = 'seq,time,subject,type,from,to,size,headers,encoding,payload\n';

/** One CSV line (with trailing newline) for a message. */
export function toCsvLine(m: StreamMessage): string {
  const r = toRow(m);
  const p = encodePayload(m.data);
  const headers = m.headers.map(([k, v]) => `${k}: ${v}`).join('\n');
  return `${[m.seq, m.time, m.subject, r.type, r.from, r.to, m.size, headers, p.encoding ?? 'utf-8', p.payload].map(csvCell).join(',')}\n`;
}

/** Quotes a CSV cell when it holds a comma, quote or line break; guards against formula injection. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function base64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}
