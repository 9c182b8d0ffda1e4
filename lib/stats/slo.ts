/**
 * The seed's service levels (NATS_MIGRATION_PLAN.md, performance targets): throughput
 * above 10,000 msgs/s and consumer lag under 100 ms.
 */

export const SLO_THROUGHPUT_MSGS_PER_SEC = 10_000;
export const SLO_LAG_MS = 100;

export type SloStatus = 'met' | 'missed' | 'unknown';

/** Throughput against the target. Only judged while messages flow (an idle stream is not "missing" it). */
export function throughputStatus(msgsPerSec: number | null | undefined): SloStatus {
  if (msgsPerSec === null || msgsPerSec === undefined || !Number.isFinite(msgsPerSec) || msgsPerSec === 0) return 'unknown';
  return msgsPerSec >= SLO_THROUGHPUT_MSGS_PER_SEC ? 'met' : 'missed';
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
