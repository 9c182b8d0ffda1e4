'use client';

import { memo, useEffect, useRef } from 'react';
import { formatTime, zoneTag, type TimeZone } from '@/lib/time-zone';
import { niceMax, prepareRates, type RatePoint } from '@/lib/timeline/rates';
import type { TimelineStore } from '@/lib/timeline/store';
import { traceEnd, traceStart } from '@/lib/timeline/trace';
import { axisLabel, axisTicks } from '@/lib/timeline/viewport';
import { Legend } from '@/components/ui/legend';
import type { ViewStore } from '@/lib/timeline/view-store';

const SERIES = [
  { key: 'message', label: 'messages', color: 'var(--accent)', fallback: '#4f46e5' },
  { key: 'status', label: 'status', color: '#22c55e', fallback: '#22c55e' },
  { key: 'task', label: 'task', color: '#f59e0b', fallback: '#f59e0b' },
] as const;

const H = 160;
const AXIS_W = 48;
const AXIS_H = 18;
/** Room above the plot for the legend. */
const TOP = 20;
const refreshMs = 1000;

const fmtRate = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(Math.round(v)));

/**
 * Events per second by kind over the visible window as stacked areas, drawn on a canvas and
 * refreshed every second. (It was a recharts chart: re-rendering ~300 points × 3 series cost
 * 100–200 ms of main thread per refresh under load, the page's longest tasks.)
 */
export const RatesChart = memo(function RatesChart({
  store,
  view,
  tz,
}: {
  store: TimelineStore;
  view: ViewStore;
  /** Zone of the axis labels and the tooltip's time. */
  tz: TimeZone;
}) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const wrap = wrapRef.current!;
    const canvas = canvasRef.current!;
    const tip = tipRef.current!;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    let points: RatePoint[] = [];
    let max = 1;
    // The width comes from the ResizeObserver: reading clientWidth in the 1 s timer forced a
    // synchronous layout of whatever React had just changed (a long task in the trace).
    let width = wrap.clientWidth;
    const plot = () => ({ x0: AXIS_W, w: Math.max(10, width - AXIS_W - 8) });
    let colorsKey: string | null = null;
    let colors = { muted: '', border: '', accent: '' };

    const draw = () => {
      const mark = traceStart();
      const { x0, w } = plot();
      const vp = view.viewport(store.pausedAtMs ?? Date.now());
      const from = vp.endMs - vp.spanMs;
      points = prepareRates(store.model.ring, from, vp.endMs, w);
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(H * dpr);
        canvas.style.width = `${width}px`;
        canvas.style.height = `${H}px`;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, H);
      // Theme colours are read again only when the theme class changes (getComputedStyle
      // would otherwise recalculate styles React just dirtied, every second).
      if (document.documentElement.className !== colorsKey) {
        colorsKey = document.documentElement.className;
        const cs = getComputedStyle(document.documentElement);
        const css = (n: string, d: string) => cs.getPropertyValue(n).trim() || d;
        colors = {
          muted: css('--muted', '#5b6474'),
          border: css('--border', '#dfe3ea'),
          accent: css('--accent', '#4f46e5'),
        };
      }
      const { muted, border } = colors;
      max = 1;
      for (const p of points) max = Math.max(max, p.message + p.status + p.task);
      max = niceMax(max);
      const plotH = H - AXIS_H - TOP;
      const y = (v: number) => TOP + plotH - (v / max) * plotH;
      const x = (i: number) => x0 + (points.length > 1 ? (i / (points.length - 1)) * w : 0);
      ctx.font = '11px ui-sans-serif, system-ui, sans-serif';
      ctx.fillStyle = muted;
      ctx.strokeStyle = border;
      ctx.setLineDash([3, 3]);
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      for (let k = 0; k <= 4; k++) {
        const v = (max * k) / 4;
        const yy = Math.round(y(v)) + 0.5;
        ctx.beginPath();
        ctx.moveTo(x0, yy);
        ctx.lineTo(x0 + w, yy);
        ctx.stroke();
        ctx.fillText(fmtRate(v), x0 - 6, yy);
      }
      ctx.setLineDash([]);
      ctx.textAlign = 'center';
      // Labels share one format: measured once; one that would run off the canvas's edge is
      // left out, not cut ("18:49:").
      let half = -1;
      for (const t of axisTicks(vp, Math.max(2, Math.floor(w / 110)), tz)) {
        const xx = x0 + ((t - from) / vp.spanMs) * w;
        const label = axisLabel(t, vp.spanMs, tz);
        if (half < 0) half = ctx.measureText(label).width / 2;
        if (xx - half >= 0 && xx + half <= width) ctx.fillText(label, xx, H - 8);
      }
      if (points.length < 2) return traceEnd('timeline:rates', mark);
      // Stacked areas: each series from the running total below it up to the total with it.
      const base = new Float64Array(points.length);
      for (const s of SERIES) {
        const top = points.map((p, i) => base[i]! + p[s.key]);
        ctx.beginPath();
        for (let i = 0; i < points.length; i++) ctx.lineTo(x(i), y(top[i]!));
        for (let i = points.length - 1; i >= 0; i--) ctx.lineTo(x(i), y(base[i]!));
        ctx.closePath();
        const c = s.color.startsWith('var(') ? colors.accent || s.fallback : s.color;
        ctx.globalAlpha = 0.25;
        ctx.fillStyle = c;
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.strokeStyle = c;
        ctx.beginPath();
        for (let i = 0; i < points.length; i++) ctx.lineTo(x(i), y(top[i]!));
        ctx.stroke();
        top.forEach((v, i) => (base[i] = v));
      }
      traceEnd('timeline:rates', mark);
    };

    const onMove = (e: PointerEvent) => {
      const { x0, w } = plot();
      const px = e.clientX - canvas.getBoundingClientRect().left;
      const i = Math.round(((px - x0) / w) * (points.length - 1));
      const p = points[i];
      if (!p || px < x0) {
        tip.hidden = true;
        return;
      }
      tip.hidden = false;
      tip.textContent = `${formatTime(p.t, tz)} ${zoneTag(tz, p.t)} · ${SERIES.map((s) => `${s.label} ${p[s.key].toFixed(1)}/s`).join(' · ')}`;
      tip.style.transform = `translate(${Math.max(0, Math.min(px + 12, width - 300))}px, 4px)`;
    };
    const onLeave = () => (tip.hidden = true);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerleave', onLeave);
    draw();
    const id = setInterval(draw, refreshMs);
    const off = view.subscribe(draw);
    const ro = new ResizeObserver(() => {
      width = wrap.clientWidth;
      draw();
    });
    ro.observe(wrap);
    return () => {
      clearInterval(id);
      off();
      ro.disconnect();
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerleave', onLeave);
    };
  }, [store, view, tz]);

  return (
    <div ref={wrapRef} className="relative h-40 w-full">
      <canvas
        ref={canvasRef}
        role="img"
        aria-label="Events per second by kind in the visible window"
        data-testid="rates-chart"
      />
      <div
        ref={tipRef}
        hidden
        role="tooltip"
        className="pointer-events-none absolute top-0 left-0 z-10 rounded-md border border-border bg-panel px-2 py-1 text-xs shadow-lg"
      />
      {/* Above the plot (TOP px are kept free for it), 12 px so it reads on a projector. */}
      <Legend
        label="Event kinds"
        className="pointer-events-none absolute top-0 right-2"
        items={SERIES.map((s) => ({ label: s.label, color: s.color, shape: 'bar' as const }))}
      />
    </div>
  );
});
