/**
 * Consumer rows for the stats page: the figures from CONSUMER.INFO, whether a consumer is one
 * of this app's own ephemeral ordered readers, and whether it looks stuck.
 */

/** The CONSUMER.INFO fields used here (a structural subset of nats.js ConsumerInfo). */
export type ConsumerInfoLike = {
  name: string;
  created: string;
  config: {
    durable_name?: string;
    ack_policy?: string;
    max_ack_pending?: number;
    max_deliver?: number;
    filter_subject?: string;
    filter_subjects?: string[];
    inactive_threshold?: number;
    mem_storage?: boolean;
    flow_control?: boolean;
    deliver_subject?: string;
  };
  delivered: { consumer_seq: number; stream_seq: number; last_active?: string | number | null };
  ack_floor: { consumer_seq: number; stream_seq: number; last_active?: string | number | null };
  num_ack_pending: number;
  num_redelivered: number;
  num_waiting: number;
  num_pending: number;
  push_bound?: boolean;
};

/** A consumer with no durable name. */
export function isEphemeral(c: ConsumerInfoLike): boolean {
  return !c.config.durable_name;
}

/**
 * Ordered readers (what lib/stream/follow.ts and fetch-page.ts make, this app's only consumers,
 * and nats.js ordered consumers of other tools) are ephemeral, ack none, memory storage with an
 * inactivity threshold. Marked, not counted.
 */
export function isOrderedReader(c: ConsumerInfoLike): boolean {
  return isEphemeral(c) && c.config.ack_policy === 'none' && c.config.mem_storage === true;
}

/** Last activity (epoch ms) of a consumer: the later of last delivery and last ack. */
export function lastActiveMs(c: ConsumerInfoLike): number | null {
  const ms = [c.delivered.last_active, c.ack_floor.last_active]
    .map((v) => (typeof v === 'string' && v ? Date.parse(v) : NaN))
    .filter((v) => Number.isFinite(v) && v > 0);
  return ms.length ? Math.max(...ms) : null;
}

/** One reading of a consumer's backlog, kept while the page is open. */
export type LagSample = { t: number; pending: number; ackPending: number; delivered: number };

export type StuckReason = 'lag-growing' | 'ack-pending-full';

/**
 * Why a consumer looks stuck: its backlog grew on each of the last `minGrowth` readings while
 * nothing was delivered, or its ack pending sits at max_ack_pending (it cannot get more).
 */
export function stuckReasons(
  c: ConsumerInfoLike,
  history: readonly LagSample[],
  minGrowth = 3,
): StuckReason[] {
  const out: StuckReason[] = [];
  const tail = history.slice(-(minGrowth + 1));
  if (tail.length === minGrowth + 1) {
    let growing = true;
    for (let i = 1; i < tail.length; i++) {
      const a = tail[i - 1]!;
      const b = tail[i]!;
      if (!(b.pending > a.pending) || b.delivered > a.delivered) growing = false;
    }
    if (growing) out.push('lag-growing');
  }
  const max = c.config.max_ack_pending;
  if (max !== undefined && max > 0 && c.num_ack_pending >= max) out.push('ack-pending-full');
  return out;
}

/** The stream sequence of the oldest message the consumer has not finished (ack floor + 1). */
export function oldestUnfinishedSeq(c: ConsumerInfoLike): number | null {
  if (c.num_pending === 0 && c.num_ack_pending === 0) return null;
  return c.ack_floor.stream_seq + 1;
}
