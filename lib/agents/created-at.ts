/**
 * The agents' clock without parsing the payload: the top-level `created_at` of a JSON object,
 * as the contract reads it (lib/agents/contract.ts: parseAgentTime, a time without a zone is
 * UTC). The timeline reads thousands of messages a second and otherwise parses only status and
 * task events, so this walks the bytes once, skipping strings and nested values, instead.
 * Like JSON.parse, the last of duplicate keys wins. It does not validate the rest of the
 * payload: bytes that are not JSON may still yield a time (replay, which parses, says null).
 * contract.corpus.test.ts holds it to the contract's reading.
 */
import { parseAgentTime } from './contract';

const KEY = 'created_at';
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isWs = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Index just past the string that opens at `i` (a quote), or -1 when it never closes. */
function stringEnd(d: Uint8Array, i: number): number {
  for (let j = i + 1; j < d.length; j++) {
    const c = d[j];
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  return -1;
}

/** Whether the string at [i, end) (quotes included) is exactly `"created_at"`. */
function isKey(d: Uint8Array, i: number, end: number): boolean {
  if (end - i !== KEY.length + 2) return false;
  for (let k = 0; k < KEY.length; k++) if (d[i + 1 + k] !== KEY.charCodeAt(k)) return false;
  return true;
}

/** The text of the JSON string at [i, end), escapes decoded (short values only). */
function stringText(d: Uint8Array, i: number, end: number): string | null {
  if (end - i > 80) return null;
  let s = '';
  let escaped = false;
  for (let k = i + 1; k < end - 1; k++) {
    if (d[k] === BACKSLASH) escaped = true;
    s += String.fromCharCode(d[k]!);
  }
  if (!escaped) return s;
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return null;
  }
}

/** `created_at` of a JSON object payload as epoch ms, or null when absent or not a time. */
export function createdAtOfBytes(d: Uint8Array): number | null {
  let i = d[0] === 0xef && d[1] === 0xbb && d[2] === 0xbf ? 3 : 0;
  while (isWs(d[i])) i++;
  if (d[i] !== 0x7b) return null;
  let depth = 0;
  let found: number | null = null;
  while (i < d.length) {
    const c = d[i]!;
    if (c === QUOTE) {
      const end = stringEnd(d, i);
      if (end < 0) return found;
      if (depth === 1 && isKey(d, i, end)) {
        let j = end;
        while (isWs(d[j])) j++;
        if (d[j] === 0x3a) {
          j++;
          while (isWs(d[j])) j++;
          // A key: its value decides (a non-string value reads as no time, as in the contract).
          found = null;
          if (d[j] === QUOTE) {
            const vEnd = stringEnd(d, j);
            if (vEnd < 0) return null;
            const text = stringText(d, j, vEnd);
            found = text === null ? null : (parseAgentTime(text)?.ms ?? null);
            i = vEnd;
            continue;
          }
          i = j;
          continue;
        }
      }
      i = end;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return found;
    }
    i++;
  }
  return found;
}
