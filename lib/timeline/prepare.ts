/**
 * What one timeline frame draws, and where, as plain data (no canvas): lane labels, axis ticks,
 * status runs, task attempt bars with retry badges, task event marks, the message density
 * histogram, reconnect gaps and the "now" line. Only the visible window of the ring is visited
 * (binary search on time). The painter (draw.ts) turns a frame into canvas calls; keeping the
 * decisions here makes them testable without a canvas. Framework-free.
 */
import { roleColor, STATUS_COLORS, TASK_COLORS } from '@/lib/agents/colors';
import { roleLabel } from '@/lib/agents/schema';
import { showHidden } from '@/lib/hidden-chars';
import { KIND_CODE } from './event';
import { LaneColumns } from './lane-columns';
import { LAYOUT, laneTop, type DrawFilters } from './layout';
import type { AgentInfo, TimelineModel } from './model';
import type { Theme } from './paint-state';
import { lastStartingBy } from './segments';
import type { Gap } from './snapshot';
import { traceEnd, traceStart } from './trace';
import { axisLabel, axisTicks, timeToX, type Viewport } from './viewport';

export type PrepareInput = {
  width: number;
  height: number;
  model: TimelineModel;
  view: Viewport;
  /** The time open segments and running bars extend to (frozen while paused). */
  nowMs: number;
  /** Newest sequence to show (frozen while paused). */
  viewSeq: number;
  lanes: AgentInfo[];
  filters: DrawFilters;
  gaps: readonly Gap[];
  theme: Theme;
  /** Width of an axis label in the canvas font (the painter's measureText). */
  measure: (text: string) => number;
};

/** One agent lane's background and label. */
export type LaneLabel = {
  y: number;
  /** Every other lane gets a tinted background. */
  striped: boolean;
  dot: string;
  name: string;
  /** Role, and the status when known. */
  sub: string;
};

/** A grid line at x; its label is null where it would run past the plot's edges. */
export type AxisTick = { x: number; label: string | null };

/** One lane's status runs [xs[2i], xs[2i+1]) in colours[i], left to right, never overlapping. */
export type StatusRuns = { y: number; xs: number[]; colors: string[] };

/**
 * Task attempt bars as rectangles: `light` holds x, y, w, h per assigned part; `solid` holds
 * x, y, w, h, colour code (index into `palette` + 1) per started part.
 */
export type BarRects = {
  palette: string[];
  light: number[];
  solid: number[];
  badges: { x: number; y: number; text: string }[];
};

/** Task event marks (MARK_W × MARK_H): the i-th at xy[2i], xy[2i+1] in colors[i] (flat: thousands a frame). */
export type TaskMarks = { xy: number[]; colors: string[] };

/** Messages per pixel column of the plot (column c is at x0 + c) and each bar's height. */
export type Density = {
  counts: Uint32Array;
  max: number;
  top: number;
  h: number;
  /** Bar height per column (log scale, at least 1 px where there is a message; 0 where none). */
  heights: Float64Array;
};

export type TimelineFrame = {
  width: number;
  height: number;
  /** Left edge of the plot (the lane labels are left of it) and its width. */
  x0: number;
  plotW: number;
  lanes: LaneLabel[];
  ticks: AxisTick[];
  /** Null when status events are filtered out. */
  status: StatusRuns[] | null;
  /** Null when task events are filtered out. */
  bars: BarRects | null;
  marks: TaskMarks;
  density: Density;
  /** Reconnect gaps, x from xa to xb (at least 3 px), across every lane. */
  gaps: { xa: number; xb: number }[];
  /** Left edge of the 2 px "now" line, null when "now" is out of view. */
  nowX: number | null;
  /** Ring events visited in the visible window. */
  visited: number;
};

export const BAR_H = 12;
export const MARK_W = 2;
export const MARK_H = 5;

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
  for (const t of axisTicks(view, Math.max(2, Math.floor(plotW / 110)))) {
    const x = Math.round(tx(t)) + 0.5;
    const label = axisLabel(t, view.spanMs);
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
  const { density, marks, visited } = scanRing(d, laneIndex, x0, plotW, startMs);
  traceEnd('tl:ring', mark);

  const gaps: { xa: number; xb: number }[] = [];
  for (const g of d.gaps) {
    const xa = tx(g.fromMs);
    const xb = Math.max(xa + 3, tx(g.toMs ?? d.nowMs));
    if (xb < x0 || xa > width) continue;
    gaps.push({ xa, xb });
  }
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
    density,
    gaps,
    nowX,
    visited,
  };
}

type Tx = (t: number) => number;

/**
 * Status segments as runs per lane. Segments are merged per pixel column: once a column is
 * taken, later segments that end inside it are skipped (a busy agent changes status many
 * times per pixel when zoomed out).
 */
function statusRuns(
  d: PrepareInput,
  laneIndex: Map<string, number>,
  tx: Tx,
  x0: number,
  startMs: number,
) {
  const out: StatusRuns[] = [];
  for (const [agentId, segs] of d.model.segments) {
    const li = laneIndex.get(agentId);
    if (li === undefined) continue;
    let painted = -Infinity;
    const xs: number[] = [];
    const colors: string[] = [];
    for (let k = Math.max(0, lastStartingBy(segs, startMs)); k < segs.length; k++) {
      const s = segs[k]!;
      if (s.startMs > d.view.endMs) break;
      if (s.seq > d.viewSeq) break;
      const end = s.endMs ?? d.nowMs;
      const xa = Math.max(x0, painted, Math.floor(tx(s.startMs)));
      const xb = Math.min(d.width, Math.ceil(tx(end)));
      if (xb <= xa) continue;
      painted = xb;
      xs.push(xa, xb);
      colors.push(STATUS_COLORS[s.status] ?? d.theme.muted);
    }
    if (colors.length) out.push({ y: laneTop(li), xs, colors });
  }
  return out;
}

/**
 * Task attempt bars (Temporal-style): assigned → started lighter, started → end solid.
 * Rasterized per lane and pixel column first (lane-columns.ts: zoomed out, a lane holds many
 * bars per column), then read back as runs, so a frame has at most a rectangle per lane and
 * column in each layer whatever the number of bars.
 */
function barRects(
  d: PrepareInput,
  laneIndex: Map<string, number>,
  tx: Tx,
  x0: number,
  startMs: number,
): BarRects {
  const { filters, view } = d;
  const cols = Math.ceil(d.width);
  const light = new LaneColumns(d.lanes.length, cols);
  const solid = new LaneColumns(d.lanes.length, cols);
  const palette: string[] = [];
  const badges: BarRects['badges'] = [];
  for (const b of d.model.tasks.bars.values()) {
    if (b.firstSeq > d.viewSeq || !b.agentId) continue;
    if (filters.task && b.taskId !== filters.task) continue;
    const li = laneIndex.get(b.agentId);
    if (li === undefined) continue;
    const settled = b.lastSeq <= d.viewSeq && b.endMs !== null;
    const end = settled ? b.endMs! : d.nowMs;
    if (end < startMs || b.startMs > view.endMs) continue;
    const outcome = settled ? b.outcome : 'running';
    const color =
      b.blocked && !settled
        ? TASK_COLORS.blocked!
        : outcome === 'completed'
          ? TASK_COLORS.completed!
          : outcome === 'failed'
            ? TASK_COLORS.failed!
            : TASK_COLORS.started!;
    let code = palette.indexOf(color) + 1;
    if (code === 0) code = palette.push(color);
    const xs = tx(b.startMs);
    const xStarted = b.startedMs !== null && b.startedMs <= end ? tx(b.startedMs) : tx(end);
    const xe = Math.max(tx(end), xs + 2);
    if (xStarted > xs) light.fill(li, Math.max(x0, xs), xStarted, 1);
    solid.fill(li, Math.max(x0, xStarted), xStarted + Math.max(2, xe - xStarted), code);
    if (b.retries > 0 && xe - xs > 18)
      badges.push({
        x: Math.max(x0 + 2, xs + 2),
        y: laneTop(li) + 11 + BAR_H / 2,
        text: `↻${b.retries}`,
      });
  }
  const lightRects: number[] = [];
  const solidRects: number[] = [];
  for (let li = 0; li < d.lanes.length; li++) {
    const y = laneTop(li) + 11;
    light.runs(li, (xa, xb) => lightRects.push(xa, y + 2, xb - xa, BAR_H - 4));
    solid.runs(li, (xa, xb, code) => solidRects.push(xa, y, xb - xa, BAR_H, code));
  }
  return { palette, light: lightRects, solid: solidRects, badges };
}

/**
 * One pass over the visible events: the density histogram (a count per pixel column) and task
 * marks, one per lane and pixel column (the newest wins).
 */
function scanRing(
  d: PrepareInput,
  laneIndex: Map<string, number>,
  x0: number,
  plotW: number,
  startMs: number,
) {
  const { model, view, filters } = d;
  const ring = model.ring;
  const i0 = ring.lowerBoundTime(startMs);
  const i1 = ring.lowerBoundTime(view.endMs + 1);
  const nCols = Math.ceil(plotW) + 1;
  const counts = new Uint32Array(nCols);
  const ticks = new Map<number, string>();
  let visited = 0;
  const showMsg = filters.kinds.has('message');
  const showTask = filters.kinds.has('task');
  const pxPerMs = plotW / view.spanMs;
  // The ring's columns (flat numbers by slot): only task events are visited as objects.
  const { seqs, times, codes, capacity } = ring;
  for (let i = i0, k = ring.slot(i0); i < i1; i++, k = k + 1 === capacity ? 0 : k + 1) {
    if (seqs[k]! > d.viewSeq) continue;
    visited++;
    const code = codes[k]!;
    // Messages and generic (undecoded) events share the density lane.
    if (code <= KIND_CODE.generic) {
      if (!showMsg) continue;
      const c = Math.floor((times[k]! - startMs) * pxPerMs);
      if (c >= 0 && c < nCols) counts[c]!++;
    } else if (code === KIND_CODE.task && showTask) {
      const ev = ring.at(i);
      if (!ev.agentId) continue;
      if (filters.task && ev.taskId !== filters.task) continue;
      const li = laneIndex.get(ev.agentId);
      if (li === undefined) continue;
      const c = Math.round((ev.timeMs - startMs) * pxPerMs);
      if (c < 0 || c >= nCols) continue;
      ticks.set(li * nCols + c, ev.what ?? '');
    }
  }
  const marks: TaskMarks = { xy: [], colors: [] };
  for (const [key, what] of ticks) {
    const li = Math.floor(key / nCols);
    marks.xy.push(x0 + (key - li * nCols), laneTop(li) + LAYOUT.laneH - 7);
    marks.colors.push(TASK_COLORS[what] ?? d.theme.muted);
  }
  let max = 0;
  for (let c = 0; c < nCols; c++) if (counts[c]! > max) max = counts[c]!;
  const top = LAYOUT.axisH + 4;
  const h = LAYOUT.densityH - 8;
  const heights = new Float64Array(nCols);
  if (max > 0) {
    const lm = Math.log1p(max);
    for (let c = 0; c < nCols; c++) {
      const n = counts[c]!;
      if (n > 0) heights[c] = Math.max(1, (Math.log1p(n) / lm) * h);
    }
  }
  return { density: { counts, max, top, h, heights }, marks, visited };
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
