/**
 * What one timeline frame draws, and where, as plain data (no canvas): lane labels, axis ticks,
 * status runs, task attempt bars with retry badges, task event marks (aggregated per lane and
 * column when too dense), the message density
 * histogram, reconnect gaps and the "now" line. Only the visible window of the ring is visited
 * (binary search on time). The painter (draw.ts) turns a frame into canvas calls; keeping the
 * decisions here makes them testable without a canvas. Framework-free.
 */
import { roleColor } from '@/lib/agents/colors';
import { roleLabel } from '@/lib/agents/schema';
import { showHidden } from '@/lib/hidden-chars';
import type { AxisTick, LaneLabel, PrepareInput, TimelineFrame } from './frame';
import { LAYOUT, laneTop } from './layout';
import { barRects, statusRuns } from './prepare-lanes';
import { scanRing } from './prepare-ring';
import { traceEnd, traceStart } from './trace';
import { axisLabel, axisTicks, timeToX } from './viewport';

/** Decides what one frame draws where; `measure` sizes the axis labels. */
export function prepareFrame(d: PrepareInput): TimelineFrame {
  const { width, view, filters } = d;
  const plotW = Math.max(1, width - LAYOUT.labelW);
  const x0 = LAYOUT.labelW;
  const tx = (t: number) => x0 + timeToX(view, t, plotW);
  const startMs = view.endMs - view.spanMs;
  const laneIndex = new Map<string, number>();
  d.lanes.forEach((a, i) => laneIndex.set(a.id, i));

  const lanes = d.lanes.map((a, i): LaneLabel => ({
    y: laneTop(i),
    striped: i % 2 === 1,
    dot: roleColor(a.role),
    name: truncate(showHidden(a.name ?? a.id), 18),
    sub: `${truncate(roleLabel(a.role), 20)}${a.status ? ` · ${showHidden(a.status)}` : ''}`,
  }));

  // Every label of a frame has the same format: measured once (a label that would run past the
  // plot's edges is left out, not cut: "18:49").
  const ticks: AxisTick[] = [];
  let half = -1;
  for (const t of axisTicks(view, Math.max(2, Math.floor(plotW / 110)), filters.tz)) {
    const x = Math.round(tx(t)) + 0.5;
    const label = axisLabel(t, view.spanMs, filters.tz);
    if (half < 0) half = d.measure(label) / 2;
    ticks.push({ x, label: x - half >= x0 && x + half <= width ? label : null });
  }

  let mark = traceStart();
  const status = filters.kinds.has('status') ? statusRuns(d, laneIndex, tx, x0, startMs) : null;
  traceEnd('tl:segments', mark);
  mark = traceStart();
  const bars = filters.kinds.has('task') ? barRects(d, laneIndex, tx, x0, startMs) : null;
  traceEnd('tl:bars', mark);
  mark = traceStart();
  const { density, marks, taskDensity, aggregated, visited } = scanRing(
    d,
    laneIndex,
    x0,
    plotW,
    startMs,
  );
  traceEnd('tl:ring', mark);

  const gaps: { xa: number; xb: number }[] = [];
  for (const g of d.gaps) {
    const xa = tx(g.fromMs);
    const xb = Math.max(xa + 3, tx(g.toMs ?? d.nowMs));
    if (xb < x0 || xa > width) continue;
    gaps.push({ xa, xb });
  }
  // Events before the oldest held one left memory: that stretch is marked, not left blank.
  const held = d.model.heldSinceMs();
  const xh = held === null ? null : tx(held);
  const evictedX = xh !== null && xh > x0 ? Math.min(width, xh) : null;
  const xn = tx(d.nowMs);
  const nowX = xn >= x0 && xn <= width ? Math.min(width - 2, xn - 1) : null;

  return {
    width,
    height: d.height,
    x0,
    plotW,
    lanes,
    ticks,
    status,
    bars,
    marks,
    taskDensity,
    aggregated,
    density,
    gaps,
    evictedX,
    nowX,
    visited,
  };
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
