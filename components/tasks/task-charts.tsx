'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { CHART } from '@/components/stats/parts';
import { Card, CardHeader } from '@/components/ui/card';
import { formatDuration } from '@/lib/format';
import type { OutcomeFigures, Responder } from '@/lib/tasks/summary';

const ms = (v: unknown) => formatDuration(Number(v));

/** Duration p50/p95 per outcome. */
export function DurationChart({ data }: { data: OutcomeFigures[] }) {
  return (
    <Card>
      <CardHeader title="Duration by outcome (p50 / p95)" />
      <div
        className="h-56 p-3"
        role="img"
        aria-label={data
          .map(
            (d) =>
              `${d.outcome}: p50 ${formatDuration(d.p50)}, p95 ${formatDuration(d.p95)} over ${d.count} tasks`,
          )
          .join('; ')}
      >
        {data.length === 0 ? (
          <p className="flex h-full items-center justify-center text-sm text-muted">
            No tasks yet.
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid {...CHART.grid} />
              <XAxis dataKey="outcome" {...CHART.axis} />
              <YAxis width={64} tickFormatter={ms} {...CHART.axis} />
              <Tooltip {...CHART.tooltip} formatter={(v, n) => [ms(v), n]} />
              <Legend />
              <Bar dataKey="p50" name="p50" fill={CHART.series[0]} isAnimationActive={false} />
              <Bar dataKey="p95" name="p95" fill={CHART.series[2]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
    </Card>
  );
}

/** Agents by answer-latency p95, slowest first. */
export function RespondersChart({ data, scanning }: { data: Responder[]; scanning: boolean }) {
  return (
    <Card>
      <CardHeader title="Slowest responders (reply latency p95)" />
      <div
        className="h-56 p-3"
        role="img"
        aria-label={
          data
            .map((d) => `${d.name}: p95 ${formatDuration(d.p95)} over ${d.count} replies`)
            .join('; ') || 'No replies yet'
        }
      >
        {data.length === 0 ? (
          <p className="flex h-full items-center justify-center text-sm text-muted">
            {scanning ? 'Scanning messages…' : 'No question or review was answered.'}
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={data}
              layout="vertical"
              margin={{ top: 0, right: 8, bottom: 0, left: 0 }}
            >
              <CartesianGrid {...CHART.grid} />
              <XAxis type="number" tickFormatter={ms} {...CHART.axis} />
              <YAxis type="category" dataKey="name" width={140} {...CHART.axis} fontSize={12} />
              <Tooltip {...CHART.tooltip} formatter={(v, n) => [ms(v), n]} />
              <Bar dataKey="p95" name="p95" fill={CHART.series[2]} isAnimationActive={false} />
              <Bar dataKey="p50" name="p50" fill={CHART.series[0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
    </Card>
  );
}
