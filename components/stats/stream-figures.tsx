'use client';

import type { StreamInfo } from '@nats-io/jetstream';
import { Card, CardHeader } from '@/components/ui/card';
import { formatBytes, formatCount } from '@/lib/format';
import { formatTime } from '@/lib/time-zone';
import { useTimeZone } from '@/components/ui/use-time-zone';
import type { RatePoint } from '@/lib/stats/rates';
import { BigStat } from './parts';

/** The stream's headline figures from STREAM.INFO, plus the current rate. */
export function StreamFigures({ info, rate }: { info: StreamInfo; rate: RatePoint | null }) {
  const [tz] = useTimeZone();
  const s = info.state;
  return (
    <Card>
      <CardHeader title="Stream" />
      <div
        className="grid grid-cols-2 gap-6 p-4 sm:grid-cols-3 lg:grid-cols-5"
        data-testid="stats-stream-figures"
        role="group"
        aria-label="Stream figures"
      >
        <BigStat label="Messages" value={formatCount(s.messages)} testId="stat-messages" />
        <BigStat
          label="Size"
          value={formatBytes(s.bytes)}
          hint={`${formatCount(s.bytes)} bytes`}
          testId="stat-bytes"
        />
        <BigStat
          label="Rate"
          value={rate ? `${formatRate(rate.msgsPerSec)}/s` : '—'}
          hint={rate ? `${formatBytes(rate.bytesPerSec)}/s` : 'needs two readings'}
        />
        <BigStat label="Subjects" value={formatCount(s.num_subjects ?? 0)} testId="stat-subjects" />
        <BigStat label="Consumers" value={formatCount(s.consumer_count)} testId="stat-consumers" />
        <BigStat
          label="First seq · stored"
          value={formatCount(s.first_seq)}
          hint={s.messages ? formatTime(s.first_ts, tz) : '—'}
          testId="stat-first-seq"
        />
        <BigStat
          label="Last seq · stored"
          value={formatCount(s.last_seq)}
          hint={s.messages ? formatTime(s.last_ts, tz) : '—'}
          testId="stat-last-seq"
        />
        <BigStat label="Deleted" value={formatCount(s.num_deleted ?? 0)} hint="interior gaps" />
        <BigStat
          label="Mean size"
          value={s.messages ? formatBytes(Math.round(s.bytes / s.messages)) : '—'}
        />
        {/* Date as the value, time as the hint: "2026-12-06 02:04" was cut at 1024 px. */}
        <BigStat
          label="Created"
          value={
            <span className="text-xl" title={formatTime(info.created, tz)}>
              {formatTime(info.created, tz).slice(0, 10)}
            </span>
          }
          hint={formatTime(info.created, tz).slice(11, 19)}
        />
      </div>
    </Card>
  );
}

/** Messages per second, compact: 12.3, 1,234, 12.3k. */
export function formatRate(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v >= 100_000) return `${(v / 1000).toFixed(0)}k`;
  if (v >= 10_000) return `${(v / 1000).toFixed(1)}k`;
  if (v >= 100) return formatCount(Math.round(v));
  return v.toFixed(1);
}
