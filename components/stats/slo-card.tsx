'use client';

import { useQuery } from '@tanstack/react-query';
import type { ConsumerInfo } from '@nats-io/jetstream';
import { Card, CardHeader } from '@/components/ui/card';
import { consumerOldestQuery } from '@/components/queries/consumers';
import { oldestTarget } from '@/lib/stats/read';
import { formatCount, formatDuration } from '@/lib/format';
import type { RatePoint } from '@/lib/stats/rates';
import { SLO_LAG_MS, SLO_THROUGHPUT_MSGS_PER_SEC, lagMs, lagStatus, throughputStatus, type SloStatus } from '@/lib/stats/slo';
import { BigStat, Pill } from './parts';
import { formatRate } from './stream-figures';

const tone = (s: SloStatus) => (s === 'met' ? 'ok' : s === 'missed' ? 'bad' : undefined);
const word = (s: SloStatus) => (s === 'met' ? 'met' : s === 'missed' ? 'missed' : 'not measurable');

/** The seed's targets: > 10,000 msgs/s and consumer lag < 100 ms, for the seed's consumer. */
export function SloCard({ rate, consumer, consumerName, direct, enabled, nowMs }: {
  rate: RatePoint | null;
  consumer: ConsumerInfo | undefined;
  consumerName: string;
  direct: boolean;
  enabled: boolean;
  nowMs: number;
}) {
  const oldest = useQuery({ ...consumerOldestQuery(consumerName, consumer ? oldestTarget(consumer) : null, direct), enabled: enabled && !!consumer });
  const tp = throughputStatus(rate?.msgsPerSec);
  const caughtUp = consumer && consumer.num_pending === 0 && consumer.num_ack_pending === 0;
  const lag = caughtUp ? 0 : oldest.data ? lagMs(oldest.data.timeMs, nowMs) : null;
  const ls = lagStatus(lag);
  return (
    <Card>
      <CardHeader title="Service levels (seed targets)" />
      <div className="grid gap-6 p-4 sm:grid-cols-3" data-testid="stats-slo">
        <BigStat
          label={<>Throughput <Pill tone={tone(tp) ?? 'muted'}>{word(tp)}</Pill></>}
          value={rate ? `${formatRate(rate.msgsPerSec)}/s` : '—'}
          hint={`target > ${formatCount(SLO_THROUGHPUT_MSGS_PER_SEC)} msgs/s${tp === 'unknown' ? ' · judged while messages flow' : ''}`}
          tone={tone(tp)}
        />
        <BigStat
          label={<>Lag of <span className="font-mono">{consumerName}</span> (messages)</>}
          value={consumer ? formatCount(consumer.num_pending + consumer.num_ack_pending) : '—'}
          hint={consumer ? `${formatCount(consumer.num_pending)} undelivered + ${formatCount(consumer.num_ack_pending)} unacked` : 'no such consumer on this stream'}
          tone={consumer ? (consumer.num_pending + consumer.num_ack_pending === 0 ? 'ok' : 'warn') : undefined}
        />
        <BigStat
          label={<>Lag in time <Pill tone={tone(ls) ?? 'muted'}>{word(ls)}</Pill></>}
          value={lag === null ? '—' : formatDuration(lag)}
          hint={`target < ${SLO_LAG_MS} ms · age of the oldest unfinished message${oldest.data ? ` (seq ${formatCount(oldest.data.seq)})` : ''}`}
          tone={tone(ls)}
        />
      </div>
    </Card>
  );
}
