'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/** A figure sized for a projector: big number, small label, optional hint. */
export function BigStat({
  label,
  value,
  hint,
  tone,
  testId,
  wrapHint,
}: {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  tone?: 'ok' | 'warn' | 'bad';
  testId?: string;
  /** Long hints wrap instead of being cut (a narrow screen cut them mid-word). */ wrapHint?: boolean;
}) {
  // Values and hints that still do not fit are cut with an ellipsis and shown whole in a tooltip.
  const titleOf = (n: ReactNode) =>
    typeof n === 'string' || typeof n === 'number' ? String(n) : undefined;
  const labelId = useId();
  return (
    // A group named by its visible label, so a reader (and a test) finds the figure by it.
    <div className="min-w-0" data-testid={testId} role="group" aria-labelledby={labelId}>
      <div className="text-sm text-muted" id={labelId}>
        {label}
      </div>
      <div
        title={titleOf(value)}
        className={cn(
          'truncate font-mono text-3xl font-semibold tabular-nums',
          tone === 'ok' && 'text-ok',
          tone === 'warn' && 'text-warn',
          tone === 'bad' && 'text-bad',
        )}
      >
        {value}
      </div>
      {hint ? (
        <div
          title={titleOf(hint)}
          className={cn('text-xs text-muted', wrapHint ? 'break-words' : 'truncate')}
        >
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** A labelled horizontal bar for a share 0..1 (coloured by how close to full it is). */
export function ShareBar({
  label,
  share,
  detail,
}: {
  label: ReactNode;
  share: number | null;
  detail: ReactNode;
}) {
  const pct = share === null ? 0 : Math.min(100, Math.max(0, share * 100));
  const tone =
    share === null ? 'bg-muted/40' : share >= 0.9 ? 'bg-bad' : share >= 0.7 ? 'bg-warn' : 'bg-ok';
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="font-mono tabular-nums text-lg">
          {share === null ? 'no limit' : `${pct.toFixed(pct < 10 ? 1 : 0)}%`}
        </span>
      </div>
      <div
        className="mt-1 h-3 overflow-hidden rounded bg-panel-2"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
        aria-label={typeof label === 'string' ? label : undefined}
      >
        <div className={cn('h-full rounded', tone)} style={{ width: `${pct}%` }} />
      </div>
      <div className="mt-0.5 text-xs text-muted">{detail}</div>
    </div>
  );
}

/** A small pill: SLO met/missed, durable/ephemeral, stuck. */
export function Pill({
  tone = 'muted',
  children,
  title,
}: {
  tone?: 'ok' | 'warn' | 'bad' | 'muted' | 'accent';
  children: ReactNode;
  title?: string;
}) {
  const tones = {
    ok: 'border-ok/40 text-ok',
    warn: 'border-warn/50 text-warn',
    bad: 'border-bad/50 text-bad',
    muted: 'border-border text-muted',
    accent: 'border-accent/50 text-accent',
  } as const;
  return (
    <span
      title={title}
      className={cn(
        'inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap',
        tones[tone],
      )}
    >
      {children}
    </span>
  );
}

/** Width of an element in CSS pixels (for ~1 chart point per pixel). */
export function useWidth<T extends HTMLElement>(fallback = 800) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => {
      if (e) setWidth(Math.max(100, Math.round(e.contentRect.width)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

/** Axis/grid/tooltip styling shared by the charts, from the theme tokens (light and dark). */
export const CHART = {
  axis: { stroke: 'var(--muted)', fontSize: 13, tickLine: false },
  grid: { stroke: 'var(--border)', strokeDasharray: '3 3' },
  tooltip: {
    contentStyle: {
      background: 'var(--panel)',
      border: '1px solid var(--border)',
      borderRadius: 6,
      color: 'var(--fg)',
    },
    labelStyle: { color: 'var(--muted)' },
    itemStyle: { color: 'var(--fg)' },
  },
  series: [
    'var(--accent)',
    'var(--ok)',
    'var(--warn)',
    'var(--bad)',
    '#0ea5e9',
    '#a855f7',
    '#f97316',
    '#14b8a6',
  ],
} as const;
