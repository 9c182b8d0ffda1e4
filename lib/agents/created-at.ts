/**
 * The agents' clock: a payload's `created_at` as epoch ms, found without parsing the whole
 * payload (the timeline reads thousands of messages a second and otherwise parses only status
 * and task events). Naive ISO times (Python's `datetime.isoformat()` without a zone, as the
 * seed's nats-py agents write) are read as UTC, as everywhere else in the app.
 */

const KEY = [0x22, 0x63, 0x72, 0x65, 0x61, 0x74, 0x65, 0x64, 0x5f, 0x61, 0x74, 0x22]; // "created_at"
/** Longest ISO time read (with nanoseconds and an offset), past the key. */
const MAX_VALUE = 48;

/** An ISO 8601 time as epoch ms (naive = UTC, fractions past ms dropped), or null. */
export function parseAgentTime(iso: string): number | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      iso.trim(),
    );
  if (!m) return null;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms);
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return Number.isFinite(t) ? t : null;
}

/**
 * `created_at` of a JSON payload (top level or not: the first `"created_at": "<time>"`), or
 * null when there is none or it is not a time.
 */
export function createdAtOfBytes(data: Uint8Array): number | null {
  const n = data.length;
  outer: for (
    let i = data.indexOf(0x22);
    i >= 0 && i + KEY.length < n;
    i = data.indexOf(0x22, i + 1)
  ) {
    for (let k = 1; k < KEY.length; k++) if (data[i + k] !== KEY[k]) continue outer;
    let j = i + KEY.length;
    let colon = false;
    for (; j < n && (data[j] === 0x20 || data[j] === 0x09 || (data[j] === 0x3a && !colon)); j++) {
      if (data[j] === 0x3a) colon = true;
    }
    // The text "created_at" as a value (or inside one) is no key: look further.
    if (!colon) continue;
    if (data[j] !== 0x22) return null;
    const start = j + 1;
    let end = start;
    while (end < n && end - start <= MAX_VALUE && data[end] !== 0x22) end++;
    if (data[end] !== 0x22) return null;
    let s = '';
    for (let k = start; k < end; k++) s += String.fromCharCode(data[k]!);
    return parseAgentTime(s);
  }
  return null;
}
