/**
 * Throughput derived from successive STREAM.INFO samples. Messages/s comes from the growth of
 * last_seq (not `messages`, which stalls once a limit discards as fast as publishers write);
 * bytes/s from the growth of `bytes`, or, when discards hide it, messages/s × mean size.
 */

/** One STREAM.INFO reading, as kept while the page is open. */
export type StreamSample = { t: number; messages: number; bytes: number; lastSeq: number };

/** The rate between two successive samples, stamped at the later one. */
export type RatePoint = { t: number; msgsPerSec: number; bytesPerSec: number };

/** Rate between two samples; null when time did not move forward or the stream was reset. */
export function rateBetween(a: StreamSample, b: StreamSample): RatePoint | null {
  const dt = (b.t - a.t) / 1000;
  if (!(dt > 0)) return null;
  const dSeq = b.lastSeq - a.lastSeq;
  // A purge or a re-created stream moves last_seq backwards: no meaningful rate there.
  if (dSeq < 0) return null;
  const msgsPerSec = dSeq / dt;
  const dMsgs = b.messages - a.messages;
  const dBytes = b.bytes - a.bytes;
  let bytesPerSec: number;
  if (dMsgs === dSeq && dBytes >= 0) bytesPerSec = dBytes / dt;
  else bytesPerSec = b.messages > 0 ? msgsPerSec * (b.bytes / b.messages) : 0;
  return { t: b.t, msgsPerSec, bytesPerSec };
}

/** Rates for every successive pair of samples (samples in time order). */
export function deriveRates(samples: readonly StreamSample[]): RatePoint[] {
  const out: RatePoint[] = [];
  for (let i = 1; i < samples.length; i++) {
    const r = rateBetween(samples[i - 1]!, samples[i]!);
    if (r) out.push(r);
  }
  return out;
}

/** Mean rate over the samples in the last `windowMs` (first to last sample), null if < 2. */
export function recentRate(samples: readonly StreamSample[], windowMs: number): RatePoint | null {
  const last = samples[samples.length - 1];
  if (!last) return null;
  let first: StreamSample | undefined;
  for (let i = samples.length - 2; i >= 0; i--) {
    const s = samples[i]!;
    if (last.t - s.t > windowMs) break;
    first = s;
  }
  return first ? rateBetween(first, last) : null;
}

/** Appends a sample unless it repeats the previous reading's time; keeps at most `cap`. */
export function appendSample<T extends { t: number }>(list: readonly T[], s: T, cap: number): T[] {
  const prev = list[list.length - 1];
  if (prev && prev.t >= s.t) return list as T[];
  const next = list.length >= cap ? list.slice(list.length - cap + 1) : list.slice();
  next.push(s);
  return next;
}
