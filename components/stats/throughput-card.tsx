'use client';

import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Card, CardHeader } from '@/components/ui/card';
import { streamTimeSamplesQuery } from '@/components/queries/stats';
import { formatBytes, formatCompact, formatCount } from '@/lib/format';
import { formatTime, zoneTag, type TimeZone } from '@/lib/time-zone';
import { useTimeZone } from '@/components/ui/use-time-zone';
import { deriveRates, type StreamSample } from '@/lib/stats/rates';
import { downsample } from '@/lib/stats/downsample';
import { histogramFromSamples, pointsOnClock } from '@/lib/stats/histogram';
import { parseAsStringLiteral, useQueryState } from 'nuqs';
import { CHART, useWidth } from './parts';
import { formatRate } from './stream-figures';

const clock = (t: number, tz: TimeZone) => formatTime(t, tz).slice(11, 19);

/** Live msgs/s while the page is open, and a sampled histogram of the whole stream. */
export function ThroughputCard({
  stream,
  samples,
  enabled,
  lastSeq,
  refreshMs,
}: {
  stream: string;
  samples: readonly StreamSample[];
  enabled: boolean;
  lastSeq: number;
  /** The page's refresh interval (false = off). */ refreshMs: number | false;
}) {
  const [tz] = useTimeZone();
  const [ref, width] = useWidth<HTMLDivElement>();
  const rates = useMemo(
    () => downsample(deriveRates(samples), Math.max(2, width), (p) => p.msgsPerSec),
    [samples, width],
  );
  const hist = useQuery({ ...streamTimeSamplesQuery(stream), enabled: enabled && lastSeq > 0 });
  // The agents' clock (created_at) by default, as on /timeline and in replay: a history written
  // in seconds (a backfill, an import) is then drawn over the day it was, not as one bar.
  const [clockChoice, setClock] = useQueryState(
    'clock',
    parseAsStringLiteral(['agent', 'stream'] as const).withDefault('agent'),
  );
  const onClock = useMemo(
    () => (hist.data ? pointsOnClock(hist.data.points, clockChoice) : null),
    [hist.data, clockChoice],
  );
  const buckets = useMemo(() => {
    if (!onClock || onClock.points.length === 0) return [];
    const from = onClock.fromMs;
    const to = Math.max(from + 1000, onClock.toMs);
    const n = Math.max(10, Math.min(60, Math.floor(width / 14)));
    return histogramFromSamples(onClock.points, { buckets: n, fromMs: from, toMs: to }).map(
      (b) => ({ t: b.start, count: Math.round(b.count) }),
    );
  }, [onClock, width]);
  const spanMs = buckets.length > 1 ? buckets[buckets.length - 1]!.t - buckets[0]!.t : 0;
  // Days: month-day and minutes; seconds; a span of a few seconds (a stream written in one
  // burst) in tenths, else every tick read the same second.
  const tick = (t: number) =>
    spanMs > 86_400_000
      ? formatTime(t, tz).slice(5, 16)
      : spanMs < 30_000
        ? formatTime(t, tz).slice(11, 21)
        : clock(t, tz);

  return (
    <Card>
      <CardHeader title="Throughput" />
      <div ref={ref} className="grid gap-4 p-4 lg:grid-cols-2">
        <section aria-label="Messages per second while this page is open">
          <h3 className="text-sm text-muted">
            Messages/s while this page is open (from successive STREAM.INFO readings)
          </h3>
          {rates.length < 1 ? (
            <p className="flex h-56 items-center justify-center text-sm text-muted">
              {refreshMs
                ? `Collecting readings… (one every ${refreshMs / 1000} s; a rate needs two)`
                : 'Refresh is off: turn it on to see a rate.'}
            </p>
          ) : (
            <div className="h-56">
              <ResponsiveContainer width="100%" height="100%">
                <AreaChart data={rates} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid {...CHART.grid} />
                  <XAxis
                    dataKey="t"
                    type="number"
                    domain={['dataMin', 'dataMax']}
                    tickFormatter={(t: number) => clock(t, tz)}
                    {...CHART.axis}
                  />
                  <YAxis width={56} tickFormatter={(v: number) => formatRate(v)} {...CHART.axis} />
                  <Tooltip
                    {...CHART.tooltip}
                    labelFormatter={(t) => `${clock(Number(t), tz)} ${zoneTag(tz, Number(t))}`}
                    formatter={(v, _n, item) => [
                      `${formatRate(Number(v))} msgs/s · ${formatBytes((item.payload as { bytesPerSec: number }).bytesPerSec)}/s`,
                      'rate',
                    ]}
                  />
                  <Area
                    type="linear"
                    dataKey="msgsPerSec"
                    stroke="var(--accent)"
                    fill="var(--accent)"
                    fillOpacity={0.2}
                    strokeWidth={2}
                    isAnimationActive={false}
                  />
                </AreaChart>
              </ResponsiveContainer>
            </div>
          )}
        </section>
        <section aria-label="Messages over time">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
            <h3 className="text-sm text-muted" data-testid="histogram-caption">
              Messages over time on{' '}
              {onClock?.clock === 'stream'
                ? 'stream time (ingest)'
                : "the agents' clock (created_at)"}
              , estimated from {hist.data?.points.length ?? '…'} sampled messages
              {onClock &&
              clockChoice === 'agent' &&
              onClock.withCreated < (hist.data?.points.length ?? 0)
                ? onClock.withCreated === 0
                  ? ' (none has created_at)'
                  : ` (${onClock.withCreated} with created_at)`
                : ''}
            </h3>
            <label className="flex items-center gap-1 text-xs">
              <span className="text-muted">Clock</span>
              <select
                aria-label="Histogram clock"
                className="h-7 rounded-md border border-border bg-panel px-1.5 text-xs"
                value={clockChoice}
                onChange={(e) => void setClock(e.target.value === 'stream' ? 'stream' : null)}
              >
                <option value="agent">agents&apos; (created_at)</option>
                <option value="stream">stream (ingest)</option>
              </select>
            </label>
          </div>
          {hist.error ? (
            <p className="flex h-56 items-center justify-center text-sm text-bad">
              Cannot sample the stream: {String((hist.error as Error).message)}
            </p>
          ) : buckets.length === 0 ? (
            <p className="flex h-56 items-center justify-center text-sm text-muted">
              {lastSeq > 0 ? 'Sampling…' : 'The stream is empty.'}
            </p>
          ) : (
            <div
              className="h-56"
              data-testid="stats-histogram"
              role="figure"
              aria-label="Histogram"
            >
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={buckets} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid {...CHART.grid} vertical={false} />
                  <XAxis dataKey="t" tickFormatter={tick} {...CHART.axis} minTickGap={24} />
                  {/* Compact ticks ("100K"): the axis has a fixed width, and "100,000" was cut off. */}
                  <YAxis
                    width={56}
                    tickFormatter={(v: number) => formatCompact(v)}
                    {...CHART.axis}
                  />
                  <Tooltip
                    {...CHART.tooltip}
                    cursor={{ fill: 'var(--panel-2)' }}
                    labelFormatter={(t) => `${formatTime(Number(t), tz)} ${zoneTag(tz, Number(t))}`}
                    formatter={(v) => [`≈ ${formatCount(Number(v))}`, 'messages']}
                  />
                  <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </section>
      </div>
    </Card>
  );
}
