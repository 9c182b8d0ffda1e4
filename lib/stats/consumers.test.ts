import { describe, expect, it } from 'vitest';
import {
  isOrderedReader,
  lastActiveMs,
  oldestUnfinishedSeq,
  stuckReasons,
  type ConsumerInfoLike,
  type LagSample,
} from './consumers';

const base: ConsumerInfoLike = {
  name: 'agent-processor',
  created: '2026-01-01T00:00:00Z',
  config: { durable_name: 'agent-processor', ack_policy: 'explicit', max_ack_pending: 100 },
  delivered: { consumer_seq: 10, stream_seq: 10, last_active: '2026-01-01T00:00:05Z' },
  ack_floor: { consumer_seq: 8, stream_seq: 8, last_active: '2026-01-01T00:00:04Z' },
  num_ack_pending: 2,
  num_redelivered: 1,
  num_waiting: 0,
  num_pending: 50,
};
const lag = (t: number, pending: number, delivered = 10): LagSample => ({
  t,
  pending,
  ackPending: 0,
  delivered,
});

describe('consumer rows', () => {
  it('recognises ordered readers', () => {
    expect(isOrderedReader(base)).toBe(false);
    expect(isOrderedReader({ ...base, config: { ack_policy: 'none', mem_storage: true } })).toBe(
      true,
    );
  });
  it('takes the later of delivery and ack as last activity', () => {
    expect(lastActiveMs(base)).toBe(Date.parse('2026-01-01T00:00:05Z'));
    expect(
      lastActiveMs({
        ...base,
        delivered: { ...base.delivered, last_active: null },
        ack_floor: { ...base.ack_floor, last_active: null },
      }),
    ).toBeNull();
  });
  it('flags growing lag without deliveries, and full ack pending', () => {
    expect(stuckReasons(base, [lag(0, 1), lag(1, 2), lag(2, 3), lag(3, 4)])).toEqual([
      'lag-growing',
    ]);
    expect(stuckReasons(base, [lag(0, 1), lag(1, 2), lag(2, 3, 11), lag(3, 4, 12)])).toEqual([]);
    expect(stuckReasons(base, [lag(0, 1), lag(1, 2), lag(2, 2), lag(3, 4)])).toEqual([]);
    expect(stuckReasons({ ...base, num_ack_pending: 100 }, [])).toEqual(['ack-pending-full']);
  });
  it('points at the oldest unfinished message', () => {
    expect(oldestUnfinishedSeq(base)).toBe(9);
    expect(oldestUnfinishedSeq({ ...base, num_pending: 0, num_ack_pending: 0 })).toBeNull();
  });
});
