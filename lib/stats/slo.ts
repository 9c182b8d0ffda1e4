/**
 * The seed's service levels (NATS_MIGRATION_PLAN.md, performance targets): throughput
 * above 10,000 msgs/s and consumer lag under 100 ms.
 *
 * The throughput figure is a capacity target (what the bus must be able to carry), not a
 * rate the traffic must reach: a healthy system with light traffic is not "missing" it. So
 * throughput is reported as headroom, never as a miss. Lag in time is judged on the median
 * of the readings over a window, because one reading flips with every refresh (a consumer
 * that acks every few ms is "caught up" in one reading and 150 ms behind in the next).
 */

export const SLO_THROUGHPUT_MSGS_PER_SEC = 10_000;
export const SLO_LAG_MS = 100;
/** Least window over which lag readings are smoothed. */
export const LAG_WINDOW_MIN_MS = 30_000;
/** Readings a window should hold at least (the window grows with a slow refresh). */
export const LAG_WINDOW_READINGS = 6;

export type SloStatus = 'met' | 'missed' | 'unknown';

/** Current rate against the capacity target: the share of it in use, never a miss. */
export type Headroom = {
  /** idle: no traffic (or no rate yet); below: under the target; at: at or above it. */
  state: 'idle' | 'below' | 'at';
  /** rate / target (0..), null without a rate. */
  share: number | null;
  /** target - rate (0 when at or above it), null without a rate. */
  headroom: number | null;
};

/** The current rate as a share of the throughput target (a capacity target, not a floor). */
export function throughputHeadroom(
  msgsPerSec: number | null | undefined,
  target = SLO_THROUGHPUT_MSGS_PER_SEC,
): Headroom {
  if (
    msgsPerSec === null ||
    msgsPerSec === undefined ||
    !Number.isFinite(msgsPerSec) ||
    msgsPerSec < 0
  )
    return { state: 'idle', share: null, headroom: null };
  if (msgsPerSec === 0) return { state: 'idle', share: 0, headroom: target };
  return {
    state: msgsPerSec >= target ? 'at' : 'below',
    share: msgsPerSec / target,
    headroom: Math.max(0, target - msgsPerSec),
  };
}

/** Lag in time (age of the oldest unfinished message) against the target; 0 when caught up. */
export function lagStatus(lagMs: number | null | undefined): SloStatus {
  if (lagMs === null || lagMs === undefined || !Number.isFinite(lagMs)) return 'unknown';
  return lagMs <= SLO_LAG_MS ? 'met' : 'missed';
}

/** Age in ms of a message stored at `messageTimeMs`, seen at `nowMs` (never negative). */
export function lagMs(messageTimeMs: number | null, nowMs: number): number {
  if (messageTimeMs === null) return 0;
  return Math.max(0, nowMs - messageTimeMs);
}

/** One lag reading: at refresh time `t`, the consumer was `lagMs` behind. */
export type LagReading = { t: number; lagMs: number };

/** The smoothing window for a refresh interval: at least 30 s and at least 6 readings. */
export function lagWindowMs(refreshMs: number | false): number {
  return Math.max(LAG_WINDOW_MIN_MS, refreshMs ? refreshMs * LAG_WINDOW_READINGS : 0);
}

/**
 * Appends a reading (ignored when not finite, or not newer than the last one) and drops the
 * readings older than `windowMs` before it. Returns the same array when nothing changed.
 */
export function appendLagReading(
  list: readonly LagReading[],
  r: LagReading,
  windowMs: number,
): readonly LagReading[] {
  if (!Number.isFinite(r.t) || !Number.isFinite(r.lagMs)) return list;
  const prev = list[list.length - 1];
  if (prev && prev.t >= r.t) return list;
  const from = r.t - windowMs;
  let i = 0;
  while (i < list.length && list[i]!.t < from) i++;
  return [...list.slice(i), r];
}

/** The readings within `windowMs` of `nowMs`, summarised; null when there are none. */
export type SmoothedLag = {
  medianMs: number;
  maxMs: number;
  readings: number;
  windowMs: number;
  status: SloStatus;
};

/** Median (judged against the target) and max of the lag readings in the window ending at `nowMs`. */
export function smoothLag(
  list: readonly LagReading[],
  nowMs: number,
  windowMs: number,
): SmoothedLag | null {
  const xs = list.filter((r) => r.t <= nowMs && r.t >= nowMs - windowMs).map((r) => r.lagMs);
  if (xs.length === 0) return null;
  xs.sort((a, b) => a - b);
  const mid = xs.length >> 1;
  const medianMs = xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  return {
    medianMs,
    maxMs: xs[xs.length - 1]!,
    readings: xs.length,
    windowMs,
    status: lagStatus(medianMs),
  };
}
