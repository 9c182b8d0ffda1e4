/**
 * Retention pressure: how close the stream is to each of its limits (max messages, max
 * bytes, max age), and when the oldest message will expire by age. JetStream uses -1 (and
 * 0 for max_age) for "no limit"; those come back as null shares.
 */

export type LimitUse = { used: number; limit: number; share: number } | null;

export type RetentionPressure = {
  msgs: LimitUse;
  bytes: LimitUse;
  /** Age of the oldest message against max_age (both ms). */
  age: LimitUse;
  /** Epoch ms when the oldest message expires by age; null without max_age or messages. */
  oldestExpiresAt: number | null;
  /** The limit closest to being hit, for the headline. */
  tightest: 'msgs' | 'bytes' | 'age' | null;
};

function limitUse(used: number, limit: number | undefined): LimitUse {
  if (limit === undefined || limit === null || limit <= 0) return null;
  return { used, limit, share: used / limit };
}

/** Computes retention pressure from a stream's config and state at `nowMs`. */
export function retentionPressure(
  config: { max_msgs?: number; max_bytes?: number; max_age?: number },
  state: { messages: number; bytes: number; first_ts?: string },
  nowMs: number,
): RetentionPressure {
  const msgs = limitUse(state.messages, config.max_msgs);
  const bytes = limitUse(state.bytes, config.max_bytes);
  const maxAgeMs = config.max_age && config.max_age > 0 ? config.max_age / 1e6 : 0;
  const firstMs = state.messages > 0 && state.first_ts ? Date.parse(state.first_ts) : NaN;
  const hasOldest = Number.isFinite(firstMs) && firstMs > 0;
  const age = maxAgeMs > 0 && hasOldest ? limitUse(Math.max(0, nowMs - firstMs), maxAgeMs) : null;
  const oldestExpiresAt = maxAgeMs > 0 && hasOldest ? firstMs + maxAgeMs : null;
  let tightest: RetentionPressure['tightest'] = null;
  let best = -1;
  for (const [k, v] of [
    ['msgs', msgs],
    ['bytes', bytes],
    ['age', age],
  ] as const) {
    if (v && v.share > best) {
      best = v.share;
      tightest = k;
    }
  }
  return { msgs, bytes, age, oldestExpiresAt, tightest };
}
