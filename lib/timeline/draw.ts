/**
 * Draws the whole timeline on a canvas in one pass, outside React: time axis, the message
 * density lane (a per-pixel histogram), per-agent status segments, task attempt bars with
 * retry badges, task event ticks, reconnect gaps and the "now" line. Only the visible window
 * of the ring is visited (binary search on time). Runs in the painter worker (OffscreenCanvas)
 * or, where that is unavailable, on the page. Framework-free.
 */
import { roleColor, STATUS_COLORS, TASK_COLORS } from '@/lib/agents/colors';
import { roleLabel } from '@/lib/agents/schema';
import { KIND_CODE } from './event';
import type { AgentInfo, TimelineModel } from './model';
import { lastStartingBy } from './segments';
import type { Gap } from './snapshot';
import type { Theme } from './paint-state';
import { axisLabel, axisTicks, timeToX, type Viewport } from './viewport';
import { LaneColumns } from './lane-columns';
import { LAYOUT, laneTop, type DrawFilters } from './layout';
import { traceEnd, traceStart } from './trace';
import { showHidden } from '@/lib/hidden-chars';

export type { Theme } from './paint-state';

export type DrawInput = {
  /** The page's canvas, or the OffscreenCanvas the painter worker draws into. */
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
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
};

/** Draws one frame; returns how many ring events were visited in the visible window. */
export function drawTimeline(d: DrawInput): number {
  const { ctx, width, height, model, view, theme, filters } = d;
  const plotW = Math.max(1, width - LAYOUT.labelW);
  const x0 = LAYOUT.labelW;
  const tx = (t: number) => x0 + timeToX(view, t, plotW);
  const startMs = view.endMs - view.spanMs;
  // Per-phase profiling marks (tl:*), recorded only when tracing is on (trace.ts).
  let mark = -1;
  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px ui-sans-serif, system-ui, sans-serif';
  ctx.textBaseline = 'middle';

  const laneIndex = new Map<string, number>();
  d.lanes.forEach((a, i) => laneIndex.set(a.id, i));

  mark = traceStart();
  // Lane backgrounds and labels.
  for (let i = 0; i < d.lanes.length; i++) {
    const y = laneTop(i);
    if (i % 2 === 1) {
      ctx.fillStyle = theme.panel2;
      ctx.fillRect(0, y, width, LAYOUT.laneH);
    }
    const a = d.lanes[i]!;
    ctx.fillStyle = roleColor(a.role);
    ctx.beginPath();
    ctx.arc(10, y + LAYOUT.laneH / 2, 4, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = theme.fg;
    ctx.fillText(truncate(showHidden(a.name ?? a.id), 18), 20, y + 11);
    ctx.fillStyle = theme.muted;
    ctx.fillText(
      `${truncate(roleLabel(a.role), 20)}${a.status ? ` · ${showHidden(a.status)}` : ''}`,
      20,
      y + 23,
    );
  }
  ctx.fillStyle = theme.fg;
  ctx.fillText('Messages', 20, LAYOUT.axisH + LAYOUT.densityH / 2);

  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, 0, plotW, height);
  ctx.clip();

  traceEnd('tl:labels', mark);
  mark = traceStart();
  // Axis ticks and grid.
  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 1;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'center';
  // Every label of a draw has the same format: measured once (a label that would run past the
  // plot's edges is left out, not cut: "18:49").
  let half = -1;
  for (const t of axisTicks(view, Math.max(2, Math.floor(plotW / 110)), filters.tz)) {
    const x = Math.round(tx(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, LAYOUT.axisH - 4);
    ctx.lineTo(x, height);
    ctx.stroke();
    const label = axisLabel(t, view.spanMs, filters.tz);
    if (half < 0) half = ctx.measureText(label).width / 2;
    if (x - half >= x0 && x + half <= width) ctx.fillText(label, x, 10);
  }
  ctx.textAlign = 'left';

  traceEnd('tl:axis', mark);
  mark = traceStart();
  // Status segments: a tinted band plus a solid strip along the lane's top. Segments are
  // merged per pixel column: once a column is painted, later segments that end inside it are
  // skipped (a busy agent changes status many times per pixel when zoomed out).
  // Two passes per lane (bands, then strips) so the canvas state changes twice per lane
  // rather than twice per segment: segments never overlap in x, so the result is the same.
  if (filters.kinds.has('status')) {
    const xs: number[] = [];
    const colors: string[] = [];
    for (const [agentId, segs] of model.segments) {
      const li = laneIndex.get(agentId);
      if (li === undefined) continue;
      const y = laneTop(li);
      let painted = -Infinity;
      xs.length = 0;
      colors.length = 0;
      for (let k = Math.max(0, lastStartingBy(segs, startMs)); k < segs.length; k++) {
        const s = segs[k]!;
        if (s.startMs > view.endMs) break;
        if (s.seq > d.viewSeq) break;
        const end = s.endMs ?? d.nowMs;
        const xa = Math.max(x0, painted, Math.floor(tx(s.startMs)));
        const xb = Math.min(width, Math.ceil(tx(end)));
        if (xb <= xa) continue;
        painted = xb;
        xs.push(xa, xb);
        colors.push(STATUS_COLORS[s.status] ?? theme.muted);
      }
      if (colors.length === 0) continue;
      ctx.globalAlpha = 0.14;
      fillRuns(ctx, xs, colors, y + 1, LAYOUT.laneH - 2, 0);
      ctx.globalAlpha = 1;
      fillRuns(ctx, xs, colors, y + 2, 4, 1);
    }
  }

  traceEnd('tl:segments', mark);
  mark = traceStart();
  // Task attempt bars (Temporal-style): assigned → started lighter, started → end solid.
  // Rasterized per lane and pixel column first (lane-columns.ts: zoomed out, a lane holds
  // many bars per column), then drawn as runs in two layers — light assigned parts, solid
  // parts above them — and the retry badges, so a frame draws at most a rectangle per lane
  // and column whatever the number of bars.
  if (filters.kinds.has('task')) {
    const h = 12;
    const cols = Math.ceil(width);
    const light = new LaneColumns(d.lanes.length, cols);
    const solid = new LaneColumns(d.lanes.length, cols);
    const palette: string[] = [];
    const badges: { x: number; y: number; text: string }[] = [];
    for (const b of model.tasks.bars.values()) {
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
        badges.push({ x: Math.max(x0 + 2, xs + 2), y: laneTop(li) + 11 + h / 2, text: `↻${b.retries}` });
    }
    ctx.globalAlpha = 0.55;
    ctx.fillStyle = TASK_COLORS.assigned!;
    for (let li = 0; li < d.lanes.length; li++) {
      const y = laneTop(li) + 11;
      light.runs(li, (xa, xb) => ctx.fillRect(xa, y + 2, xb - xa, h - 4));
    }
    ctx.globalAlpha = 0.9;
    let current = '';
    for (let li = 0; li < d.lanes.length; li++) {
      const y = laneTop(li) + 11;
      solid.runs(li, (xa, xb, code) => {
        const c = palette[code - 1]!;
        if (c !== current) ctx.fillStyle = current = c;
        ctx.fillRect(xa, y, xb - xa, h);
      });
    }
    ctx.globalAlpha = 1;
    ctx.fillStyle = '#fff';
    for (const b of badges) ctx.fillText(b.text, b.x, b.y);
  }

  traceEnd('tl:bars', mark);
  mark = traceStart();
  // One pass over the visible events: the density histogram (a count per pixel column) and
  // task ticks, one per lane and pixel column (the newest wins), drawn after the pass.
  const ring = model.ring;
  const i0 = ring.lowerBoundTime(startMs);
  const i1 = ring.lowerBoundTime(view.endMs + 1);
  const nCols = Math.ceil(plotW) + 1;
  const cols = new Uint32Array(nCols);
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
    if (code <= KIND_CODE.generic) {
      if (!showMsg) continue;
      const c = Math.floor((times[k]! - startMs) * pxPerMs);
      if (c >= 0 && c < nCols) cols[c]!++;
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
  traceEnd('tl:ring', mark);
  mark = traceStart();
  for (const [key, what] of ticks) {
    const li = Math.floor(key / nCols);
    ctx.fillStyle = TASK_COLORS[what] ?? theme.muted;
    ctx.fillRect(x0 + (key - li * nCols), laneTop(li) + LAYOUT.laneH - 7, 2, 5);
  }
  traceEnd('tl:ticks', mark);
  mark = traceStart();
  let max = 0;
  for (let c = 0; c < cols.length; c++) if (cols[c]! > max) max = cols[c]!;
  if (max > 0) {
    const top = LAYOUT.axisH + 4;
    const h = LAYOUT.densityH - 8;
    ctx.fillStyle = theme.accent;
    const lm = Math.log1p(max);
    for (let c = 0; c < cols.length; c++) {
      const n = cols[c]!;
      if (n === 0) continue;
      const bh = Math.max(1, (Math.log1p(n) / lm) * h);
      ctx.fillRect(x0 + c, top + h - bh, 1, bh);
    }
  }

  traceEnd('tl:density', mark);
  mark = traceStart();
  // Reconnect gaps: hatched band across every lane.
  for (const g of d.gaps) {
    const end = g.toMs ?? d.nowMs;
    const xa = tx(g.fromMs);
    const xb = Math.max(xa + 3, tx(end));
    if (xb < x0 || xa > width) continue;
    ctx.fillStyle = theme.bad;
    ctx.globalAlpha = 0.18;
    ctx.fillRect(xa, LAYOUT.axisH, xb - xa, height - LAYOUT.axisH);
    ctx.globalAlpha = 1;
    ctx.fillRect(xa, LAYOUT.axisH, 1, height - LAYOUT.axisH);
    ctx.fillText('gap', xa + 3, LAYOUT.axisH + 8);
  }

  traceEnd('tl:gaps', mark);
  // "Now" line.
  const xn = tx(d.nowMs);
  if (xn >= x0 && xn <= width) {
    ctx.fillStyle = theme.accent;
    ctx.fillRect(Math.min(width - 2, xn - 1), LAYOUT.axisH - 4, 2, height);
  }
  ctx.restore();

  ctx.fillStyle = theme.border;
  ctx.fillRect(x0 - 1, 0, 1, height);
  ctx.fillRect(0, LAYOUT.axisH + LAYOUT.densityH - 1, width, 1);
  return visited;
}

/** Fills runs [xs[2i], xs[2i+1]) from y, h high (min width `minW`), setting each colour once per run of equal colours. */
function fillRuns(
  ctx: DrawInput['ctx'],
  xs: readonly number[],
  colors: readonly string[],
  y: number,
  h: number,
  minW: number,
) {
  let current = '';
  for (let i = 0; i < colors.length; i++) {
    if (colors[i] !== current) ctx.fillStyle = current = colors[i]!;
    const xa = xs[2 * i]!;
    ctx.fillRect(xa, y, Math.max(minW, xs[2 * i + 1]! - xa), h);
  }
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
