/**
 * Pure helpers for showing one message's payload: truncation, hex dumps, JSON tree nodes and
 * the `nats` CLI command. Kept out of React so big or hostile payloads are handled (and
 * tested) in one place.
 */

/** Payloads above this many bytes are shown truncated until the user asks for all. */
export const TRUNCATE_BYTES = 256 * 1024;

/** Children of an object/array shown per "show more" step (million-element arrays stay usable). */
export const JSON_PAGE = 100;

/** Levels expanded by default; deeper levels start collapsed (10,000-level nesting stays cheap). */
export const JSON_OPEN_DEPTH = 2;

/**
 * The shell-quoted `nats` CLI command (natscli v0.5) that prints the same message. With the
 * server the tab reads from, so the command reads the same server (the CLI speaks ws:// and
 * wss:// too); credentials are never put in copied text: the user's context or flags add them.
 */
export function natsCliCommand(stream: string, seq: number, server?: string | null): string {
  const base = `nats stream get ${shellQuote(stream)} ${seq}`;
  return server ? `${base} --server ${shellQuote(server)}` : base;
}

/**
 * The URL (with its scheme) of the server the tab is connected to, for the CLI command:
 * nats.js reports the current server as host:port, the configured list has the scheme.
 * Null when it cannot be told which configured server is the current one.
 */
export function cliServerUrl(
  current: string | null | undefined,
  servers: readonly string[],
): string | null {
  if (current && /^[a-z]+:\/\//i.test(current)) return current;
  if (current) {
    for (const s of servers) {
      try {
        if (new URL(s).host === current || new URL(s).host === new URL(`ws://${current}`).host)
          return s;
      } catch {
        // not a URL; try the next one
      }
    }
  }
  return servers.length === 1 ? (servers[0] ?? null) : null;
}

/** Quotes a word for POSIX shells only when needed. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_.\-/:=@%+]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A classic 16-bytes-per-line hex dump with an ASCII column, of at most `max` bytes. */
export function hexDump(data: Uint8Array, max = data.length): string {
  const n = Math.min(data.length, max);
  const lines: string[] = [];
  for (let off = 0; off < n; off += 16) {
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      const j = off + i;
      if (j < n) {
        const b = data[j] as number;
        hex += b.toString(16).padStart(2, '0') + (i === 7 ? '  ' : ' ');
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else hex += i === 7 ? '    ' : '   ';
    }
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex}|${ascii}|`);
  }
  return lines.join('\n');
}

/** Lossy UTF-8 decode of at most `max` bytes (for previews of large or odd payloads). */
export function textPreview(data: Uint8Array, max = data.length): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(
    data.subarray(0, Math.min(max, data.length)),
  );
}

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** The JSON type of a parsed value. */
export function jsonKind(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'object') return 'object';
  if (t === 'string' || t === 'number' || t === 'boolean') return t;
  return 'null';
}

/** Number of children of an object/array without copying (arrays: length; objects: key count). */
export function childCount(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object') {
    let n = 0;
    for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) n++;
    return n;
  }
  return 0;
}

/** Children `[key, value]` of a container from `start`, at most `count` (no full copy of huge arrays). */
export function childSlice(v: unknown, start: number, count: number): [string, unknown][] {
  const out: [string, unknown][] = [];
  if (Array.isArray(v)) {
    const end = Math.min(v.length, start + count);
    for (let i = start; i < end; i++) out.push([String(i), v[i]]);
    return out;
  }
  if (v && typeof v === 'object') {
    let i = 0;
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      if (i >= start + count) break;
      if (i >= start) out.push([k, (v as Record<string, unknown>)[k]]);
      i++;
    }
  }
  return out;
}

/** One-line summary of a value for a collapsed node or a table cell, bounded to `max` chars. */
export function summarize(v: unknown, max = 80): string {
  const k = jsonKind(v);
  let s: string;
  if (k === 'array') s = `[…] ${childCount(v)} items`;
  else if (k === 'object') s = `{…} ${childCount(v)} keys`;
  else if (k === 'string')
    s = JSON.stringify((v as string).length > max ? (v as string).slice(0, max) : v);
  else s = String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Text split at line breaks, then lines longer than `width` cut into pieces ending in "↩". */
export function splitLines(text: string, width: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    for (let i = start; ; i += width) {
      const piece = text.slice(i, Math.min(i + width, end));
      out.push(i + width < end ? `${piece}↩` : piece);
      if (i + width >= end) break;
    }
    start = end + 1;
  }
  return out;
}
