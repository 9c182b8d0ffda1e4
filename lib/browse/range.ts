/**
 * "Download range…": the default range, validation of the typed from/to sequences, and the
 * size estimate shown before a big download. Pure.
 */
import type { StreamBounds } from './seek';

/** Above this many messages the dialog warns before downloading. */
export const RANGE_WARN_MESSAGES = 200_000;

export type SeqRange = { from: number; to: number };

/**
 * The range offered by default: the loaded rows (ascending) when there are any, else the
 * whole stream (the subject filter is applied by the read itself). Null for an empty stream.
 */
export function defaultRange(
  loaded: { first: number; last: number } | null,
  b: StreamBounds | null,
): SeqRange | null {
  const empty = !b || b.messages === 0 || b.last < b.first;
  if (loaded && loaded.first <= loaded.last) {
    // Within the stream's range, so the dialog never opens warning about its own defaults
    // (loaded rows older than the first stored message were aged out since).
    if (empty) return { from: loaded.first, to: loaded.last };
    const from = Math.min(Math.max(loaded.first, b.first), b.last);
    return { from, to: Math.max(from, Math.min(loaded.last, b.last)) };
  }
  if (empty) return null;
  return { from: b.first, to: b.last };
}

/**
 * The stream's bounds as the download should see them: rows loaded after STREAM.INFO was read
 * (the browser reads newer messages as the stream grows) prove the stream holds them, so
 * the last sequence is at least the last loaded row's.
 */
export function boundsWithLoaded<B extends StreamBounds>(
  b: B,
  loaded: { first: number; last: number } | null,
): B {
  if (!loaded || loaded.last <= b.last) return b;
  const added = loaded.last - Math.max(b.last, loaded.first - 1);
  return {
    ...b,
    last: loaded.last,
    messages: b.messages + Math.max(0, added),
    first: b.messages === 0 ? loaded.first : b.first,
  };
}

export type RangeCheck =
  { ok: true; range: SeqRange; notice: string | null } | { ok: false; error: string };

const fmt = (n: number) => n.toLocaleString('en-US');
const parseSeq = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);

/** Validates typed from/to sequences against the stream; clamps to its range with a notice. */
export function checkRange(fromText: string, toText: string, b: StreamBounds): RangeCheck {
  const from = parseSeq(fromText);
  const to = parseSeq(toText);
  if (!Number.isSafeInteger(from) || from < 1)
    return { ok: false, error: `“From” must be a sequence number ≥ 1.` };
  if (!Number.isSafeInteger(to) || to < 1)
    return { ok: false, error: `“To” must be a sequence number ≥ 1.` };
  if (from > to) return { ok: false, error: `“From” (${fmt(from)}) is after “To” (${fmt(to)}).` };
  if (b.messages === 0 || to < b.first || from > b.last) {
    return {
      ok: false,
      error:
        b.messages === 0
          ? 'The stream is empty.'
          : `The stream holds sequences ${fmt(b.first)}–${fmt(b.last)}; nothing in ${fmt(from)}–${fmt(to)}.`,
    };
  }
  const range = { from: Math.max(from, b.first), to: Math.min(to, b.last) };
  const notice =
    range.from !== from || range.to !== to
      ? `Clamped to the stored range: ${fmt(range.from)}–${fmt(range.to)}.`
      : null;
  return { ok: true, range, notice };
}

export type RangeEstimate = {
  /** Most messages the range can hold (sequences in it, capped by the stream's count). */
  maxMessages: number;
  /** Rough bytes, from the stream's average stored message size. */
  approxBytes: number;
  /** True when the range is large enough to warn about. */
  warn: boolean;
};

/** How big a download of `r` may get (an upper bound: a filter or deleted messages make it smaller). */
export function estimateRange(r: SeqRange, b: StreamBounds & { bytes?: number }): RangeEstimate {
  const maxMessages = Math.min(r.to - r.from + 1, b.messages);
  const avg = b.bytes && b.messages ? b.bytes / b.messages : 0;
  return {
    maxMessages,
    approxBytes: Math.round(maxMessages * avg),
    warn: maxMessages > RANGE_WARN_MESSAGES,
  };
}
