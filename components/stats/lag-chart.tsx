'use client';

import { useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Card, CardHeader } from '@/components/ui/card';
import { formatCompact, formatCount } from '@/lib/format';
import { formatTime, zoneTag, type TimeZone } from '@/lib/time-zone';
import { useTimeZone } from '@/components/ui/use-time-zone';
import { downsample } from '@/lib/stats/downsample';
import type { LagSeries } from './use-stats-data';
import { CHART, useWidth } from './parts';

const clock = (t: number, tz: TimeZone) => formatTime(t, tz).slice(11, 19);

/** Pending (lag) of each consumer over time, while the page is open. */
export function LagChart({ lags, names }: { lags: LagSeries; names: string[] }) {
  const [tz] = useTimeZone();
  const [ref, width] = useWidth<HTMLDivElement>();
  const series = useMemo(
    () =>
      names.slice(0, CHART.series.length).map((n) => ({
        name: n,
        data: downsample(lags.get(n) ?? [], Math.max(2, width), (p) => p.pending),
      })),
    [lags, names, width],
  );
  const points = series.reduce((s, x) => s + x.data.length, 0);
  return (
    <Card>
      <CardHeader title="Lag over time (pending messages)" />
      <div ref={ref} className="h-64 p-4">
        {points < 2 ? (
          <p className="flex h-full items-center justify-center text-sm text-muted">
            Collecting readings…
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid {...CHART.grid} />
              <XAxis
                dataKey="t"
                type="number"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(t: number) => clock(t, tz)}
                allowDuplicatedCategory={false}
                {...CHART.axis}
              />
              <YAxis width={64} tickFormatter={(v: number) => formatCompact(v)} {...CHART.axis} />
              <Tooltip
                {...CHART.tooltip}
                labelFormatter={(t) => `${clock(Number(t), tz)} ${zoneTag(tz, Number(t))}`}
                formatter={(v, n) => [formatCount(Number(v)), n]}
              />
              <Legend />
              {series.map((s, i) => (
                <Line
                  key={s.name}
                  data={s.data as { t: number; pending: number }[]}
                  dataKey="pending"
                  name={s.name}
                  stroke={CHART.series[i]}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </Card>
  );
}
