'use client';

import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ConsumerInfo } from '@nats-io/jetstream';
import { Card, CardHeader } from '@/components/ui/card';
import { consumerOldestQuery } from '@/components/queries/consumers';
import { oldestTarget } from '@/lib/stats/read';
import { formatCount, formatDuration } from '@/lib/format';
import { deriveRates, type RatePoint, type StreamSample } from '@/lib/stats/rates';
import {
  SLO_LAG_MS,
  SLO_THROUGHPUT_MSGS_PER_SEC,
  appendLagReading,
  lagMs,
  lagWindowMs,
  smoothLag,
  throughputHeadroom,
  type LagReading,
  type SloStatus,
} from '@/lib/stats/slo';
import { BigStat, Pill } from './parts';
import { formatRate } from './stream-figures';

const tone = (s: SloStatus) => (s === 'met' ? 'ok' : s === 'missed' ? 'bad' : undefined);
const word = (s: SloStatus) => (s === 'met' ? 'met' : s === 'missed' ? 'missed' : 'not measurable');
const pct = (share: number) =>
  share >= 0.1
    ? `${(share * 100).toFixed(0)}%`
    : share >= 0.001
      ? `${(share * 100).toFixed(2)}%`
      : '< 0.1%';

/**
 * The seed's targets: > 10,000 msgs/s (a capacity target: shown as headroom, never as a miss
 * of light traffic) and consumer lag < 100 ms (judged on the median over a window).
 */
export function SloCard({
  rate,
  samples,
  refreshMs,
  consumer,
  consumerName,
  direct,
  enabled,
  nowMs,
}: {
  rate: RatePoint | null;
  /** The page's STREAM.INFO readings (for the peak rate seen while it is open). */
  samples: readonly StreamSample[];
  refreshMs: number | false;
  consumer: ConsumerInfo | undefined;
  consumerName: string;
  direct: boolean;
  enabled: boolean;
  nowMs: number;
}) {
  const oldest = useQuery({
    ...consumerOldestQuery(consumerName, consumer ? oldestTarget(consumer) : null, direct),
    enabled: enabled && !!consumer,
  });
  const hr = throughputHeadroom(rate?.msgsPerSec);
  const peak = useMemo(
    () => deriveRates(samples).reduce((m, p) => Math.max(m, p.msgsPerSec), 0),
    [samples],
  );
  const caughtUp = consumer && consumer.num_pending === 0 && consumer.num_ack_pending === 0;
  const lag = caughtUp ? 0 : oldest.data ? lagMs(oldest.data.timeMs, nowMs) : null;
  const windowMs = lagWindowMs(refreshMs);
  // One reading per refresh (state derived while rendering, as React documents it, not in an effect).
  const [readings, setReadings] = useState<readonly LagReading[]>([]);
  const [seenAt, setSeenAt] = useState(0);
  if (lag !== null && nowMs > seenAt) {
    setSeenAt(nowMs);
    setReadings(appendLagReading(readings, { t: nowMs, lagMs: lag }, windowMs));
  }
  const smooth = smoothLag(readings, nowMs, windowMs);
  const ls: SloStatus = smooth?.status ?? 'unknown';
  const windowLabel = `${Math.round(windowMs / 1000)} s`;
  return (
    <Card>
      <CardHeader title="Service levels (seed targets)" />
      <div
        className="grid gap-6 p-4 md:grid-cols-3"
        data-testid="stats-slo"
        role="group"
        aria-label="Service levels"
      >
        <BigStat
          label={
            <>
              Throughput{' '}
              <Pill
                tone={hr.state === 'at' ? 'ok' : 'muted'}
                title="The seed's target is a capacity the bus must carry, not a rate the traffic must reach"
              >
                {hr.state === 'at' ? 'at target' : 'capacity target'}
              </Pill>
            </>
          }
          value={rate ? `${formatRate(rate.msgsPerSec)}/s` : '—'}
          hint={
            <>
              {hr.share !== null && hr.state !== 'idle'
                ? `${pct(hr.share)} of the ${formatCount(SLO_THROUGHPUT_MSGS_PER_SEC)} msgs/s target`
                : `target ${formatCount(SLO_THROUGHPUT_MSGS_PER_SEC)} msgs/s`}
              {peak > 0 ? ` · peak seen ${formatRate(peak)}/s` : ''}
            </>
          }
          wrapHint
        />
        <BigStat
          label={
            <>
              Lag of <span className="font-mono">{consumerName}</span> (messages)
            </>
          }
          value={consumer ? formatCount(consumer.num_pending + consumer.num_ack_pending) : '—'}
          hint={
            consumer
              ? `${formatCount(consumer.num_pending)} undelivered + ${formatCount(consumer.num_ack_pending)} unacked`
              : 'no such consumer on this stream'
          }
          tone={
            consumer
              ? consumer.num_pending + consumer.num_ack_pending === 0
                ? 'ok'
                : 'warn'
              : undefined
          }
          wrapHint
        />
        <BigStat
          label={
            <>
              Lag in time <Pill tone={tone(ls) ?? 'muted'}>{word(ls)}</Pill>
            </>
          }
          value={smooth ? formatDuration(smooth.medianMs) : '—'}
          hint={
            smooth
              ? `median of ${smooth.readings} reading${smooth.readings === 1 ? '' : 's'} over the last ${windowLabel} (max ${formatDuration(smooth.maxMs)}, now ${lag === null ? '—' : formatDuration(lag)}) · target < ${SLO_LAG_MS} ms`
              : `target < ${SLO_LAG_MS} ms, median over the last ${windowLabel} · age of the oldest unfinished message`
          }
          tone={tone(ls)}
          testId="stats-lag-time"
          wrapHint
        />
      </div>
    </Card>
  );
}
