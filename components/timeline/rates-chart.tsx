'use client';

import { memo, useEffect, useRef, useState } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatTime } from '@/lib/format';
import { prepareRates, type RatePoint } from '@/lib/timeline/rates';
import type { TimelineStore } from '@/lib/timeline/store';
import type { ViewStore } from './view-store';

const SERIES = [
  { key: 'message', label: 'messages', color: 'var(--accent)' },
  { key: 'status', label: 'status', color: '#22c55e' },
  { key: 'task', label: 'task', color: '#f59e0b' },
] as const;

/** Events per second by kind over the visible window, re-prepared every 2 s (recharts renders are not cheap). */
export const RatesChart = memo(function RatesChart({
  store,
  view,
}: {
  store: TimelineStore;
  view: ViewStore;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [points, setPoints] = useState<RatePoint[]>([]);
  useEffect(() => {
    const update = () => {
      const width = Math.max(10, (ref.current?.clientWidth ?? 600) - 60);
      const vp = view.viewport(store.pausedAtMs ?? Date.now());
      setPoints(prepareRates(store.model.ring, vp.endMs - vp.spanMs, vp.endMs, width));
    };
    update();
    const id = setInterval(update, 2000);
    const off = view.subscribe(update);
    return () => {
      clearInterval(id);
      off();
    };
  }, [store, view]);
  const span = points.length > 1 ? points[points.length - 1]!.t - points[0]!.t : 0;
  const tick = (t: number) =>
    span > 6 * 3600_000 ? formatTime(t).slice(11, 16) : formatTime(t).slice(11, 19);
  return (
    <div
      ref={ref}
      className="h-40"
      aria-label="Events per second by kind in the visible window"
      role="figure"
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={tick}
            stroke="var(--muted)"
            fontSize={11}
          />
          <YAxis
            width={48}
            stroke="var(--muted)"
            fontSize={11}
            tickFormatter={(v: number) =>
              v >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(Math.round(v))
            }
          />
          <Tooltip
            contentStyle={{
              background: 'var(--panel)',
              border: '1px solid var(--border)',
              fontSize: 12,
            }}
            labelFormatter={(t) => formatTime(Number(t))}
            formatter={(v, n) => [`${Number(v).toFixed(1)}/s`, String(n)]}
          />
          {SERIES.map((s) => (
            <Area
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.label}
              stackId="1"
              stroke={s.color}
              fill={s.color}
              fillOpacity={0.25}
              isAnimationActive={false}
              dot={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
});
