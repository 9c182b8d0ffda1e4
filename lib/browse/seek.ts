/**
 * Where the browser starts reading: sequence and time parameters from the URL, clamped into
 * the stream's range with a notice the user can read. Pure.
 */

/** The stream's current range (STREAM.INFO state). An empty stream has messages = 0. */
export type StreamBounds = {
  first: number;
  last: number;
  messages: number;
  firstMs?: number;
  lastMs?: number;
};

export type Clamped = { seq: number; notice: string | null };

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Clamps a `seq` URL value into [first, last]. Bad input (0, -1, 1e20, NaN, text, beyond the
 * last) gets a notice and the nearest sensible sequence. Null when the stream is empty.
 */
export function clampSeq(raw: string | number, b: StreamBounds): Clamped | null {
  if (b.messages === 0 || b.last < b.first) return null;
  const s = String(raw).trim();
  const n =
    typeof raw === 'number'
      ? raw
      : /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(s)
        ? Number(s)
        : NaN;
  if (!Number.isFinite(n)) {
    return {
      seq: b.last,
      notice: `“${s.slice(0, 40)}” is not a sequence number; showing the newest message (${fmt(b.last)}).`,
    };
  }
  if (!Number.isInteger(n)) {
    const seq = clampInt(Math.floor(n), b);
    return { seq, notice: `Sequence ${s} is not a whole number; showing ${fmt(seq)}.` };
  }
  if (n < b.first) {
    const why =
      n < 1
        ? `Sequence ${s} does not exist (sequences start at 1)`
        : `Sequence ${fmt(n)} is before the first stored message (older ones were deleted or expired)`;
    return { seq: b.first, notice: `${why}; showing from the first, ${fmt(b.first)}.` };
  }
  if (n > b.last) {
    return {
      seq: b.last,
      notice: `Sequence ${n > 1e15 ? s : fmt(n)} is beyond the last message; showing the newest, ${fmt(b.last)}.`,
    };
  }
  return { seq: n, notice: null };
}

function clampInt(n: number, b: StreamBounds): number {
  return Math.min(b.last, Math.max(b.first, n));
}

export type TimeCheck =
  | { ok: true; iso: string; ms: number; notice: string | null; clamp: 'first' | 'last' | null }
  | { ok: false; error: string };

/**
 * Parses a `time` URL value (ISO 8601) and says when it lies outside the stream's time range
 * (the browser then starts at the first or newest message).
 */
export function checkTime(raw: string, b: StreamBounds): TimeCheck {
  const ms = Date.parse(raw);
  if (!raw.trim() || !Number.isFinite(ms)) {
    return {
      ok: false,
      error: `“${raw.slice(0, 40)}” is not a date and time. Use ISO 8601, e.g. 2026-01-01T12:00:00Z.`,
    };
  }
  const iso = new Date(ms).toISOString();
  if (b.firstMs !== undefined && ms < b.firstMs) {
    return {
      ok: true,
      iso,
      ms,
      clamp: 'first',
      notice: `${iso} is before the first stored message; showing from the first.`,
    };
  }
  if (b.lastMs !== undefined && ms > b.lastMs) {
    return {
      ok: true,
      iso,
      ms,
      clamp: 'last',
      notice: `${iso} is after the newest message; showing the newest.`,
    };
  }
  return { ok: true, iso, ms, clamp: null, notice: null };
}
