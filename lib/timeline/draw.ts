/**
 * Draws the timeline on a canvas in one pass, outside React: prepareFrame (prepare.ts) decides
 * what goes where, and the thin painters here issue the canvas calls, grouped so the canvas
 * state changes as few times as possible. Runs in the painter worker (OffscreenCanvas) or,
 * where that is unavailable, on the page. Framework-free.
 */
import { TASK_COLORS } from '@/lib/agents/colors';
import { LAYOUT } from './layout';
import type { Theme } from './paint-state';
import {
  BAR_H,
  LIGHT_INSET,
  MARK_H,
  MARK_W,
  type PrepareInput,
  type StatusRuns,
  type TimelineFrame,
} from './frame';
import { prepareFrame } from './prepare';
import { traceEnd, traceStart } from './trace';

export type { Theme } from './paint-state';

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export type DrawInput = Omit<PrepareInput, 'measure'> & {
  /** The page's canvas, or the OffscreenCanvas the painter worker draws into. */
  ctx: Ctx;
};

/**
 * Draws one frame; returns how many ring events were visited in the visible window and, when
 * the task events were drawn aggregated, how many events are in view (else null).
 */
export function drawTimeline(d: DrawInput): { visited: number; aggregated: number | null } {
  const { ctx } = d;
  // The font first: prepareFrame measures the axis labels with it.
  ctx.font = '11px ui-sans-serif, system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  let mark = traceStart();
  const frame = prepareFrame({ ...d, measure: (s) => ctx.measureText(s).width });
  traceEnd('tl:prepare', mark);
  mark = traceStart();
  paintTimeline(ctx, frame, d.theme);
  traceEnd('tl:paint', mark);
  return { visited: frame.visited, aggregated: frame.aggregated };
}

/** Issues the canvas calls for a prepared frame (font and baseline already set). */
export function paintTimeline(ctx: Ctx, f: TimelineFrame, theme: Theme) {
  const { width, height, x0, plotW } = f;
  ctx.clearRect(0, 0, width, height);
  paintLanes(ctx, f, theme);
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, 0, plotW, height);
  ctx.clip();
  paintAxis(ctx, f, theme);
  if (f.status) paintStatus(ctx, f.status);
  if (f.bars) paintBars(ctx, f.bars);
  paintMarks(ctx, f);
  if (f.taskDensity) paintTaskDensity(ctx, f.taskDensity);
  paintDensity(ctx, f, theme);
  paintGaps(ctx, f, theme);
  paintEvicted(ctx, f, theme);
  if (f.nowX !== null) {
    ctx.fillStyle = theme.accent;
    ctx.fillRect(f.nowX, LAYOUT.axisH - 4, 2, height);
  }
  ctx.restore();
  ctx.fillStyle = theme.border;
  ctx.fillRect(x0 - 1, 0, 1, height);
  ctx.fillRect(0, LAYOUT.axisH + LAYOUT.densityH - 1, width, 1);
}

function paintLanes(ctx: Ctx, f: TimelineFrame, theme: Theme) {
  for (const l of f.lanes) {
    if (l.striped) {
      ctx.fillStyle = theme.panel2;
      ctx.fillRect(0, l.y, f.width, LAYOUT.laneH);
    }
    ctx.fillStyle = l.dot;
    ctx.beginPath();
    ctx.arc(10, l.y + LAYOUT.laneH / 2, 4, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = theme.fg;
    ctx.fillText(l.name, 20, l.y + 11);
    ctx.fillStyle = theme.muted;
    ctx.fillText(l.sub, 20, l.y + 23);
  }
  ctx.fillStyle = theme.fg;
  ctx.fillText('Messages', 20, LAYOUT.axisH + LAYOUT.densityH / 2);
}

function paintAxis(ctx: Ctx, f: TimelineFrame, theme: Theme) {
  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 1;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'center';
  for (const t of f.ticks) {
    ctx.beginPath();
    ctx.moveTo(t.x, LAYOUT.axisH - 4);
    ctx.lineTo(t.x, f.height);
    ctx.stroke();
    if (t.label !== null) ctx.fillText(t.label, t.x, 10);
  }
  ctx.textAlign = 'left';
}

/**
 * A tinted band plus a solid strip along each lane's top. Two passes per lane (bands, then
 * strips) so the canvas state changes twice per lane rather than twice per run: runs never
 * overlap in x, so the result is the same.
 */
function paintStatus(ctx: Ctx, lanes: readonly StatusRuns[]) {
  for (const l of lanes) {
    ctx.globalAlpha = 0.14;
    fillRuns(ctx, l.xs, l.colors, l.y + 1, LAYOUT.laneH - 2, 0);
    ctx.globalAlpha = 1;
    fillRuns(ctx, l.xs, l.colors, l.y + 2, 4, 1);
  }
}

/** Light assigned parts, solid parts above them, then the retry badges. */
function paintBars(ctx: Ctx, b: NonNullable<TimelineFrame['bars']>) {
  ctx.globalAlpha = 0.55;
  ctx.fillStyle = TASK_COLORS.assigned!;
  const { light, solid, y, palette } = b;
  for (let li = 0; li < y.length; li++) {
    const top = y[li]! + LIGHT_INSET;
    light.runs(li, (xa, xb) => ctx.fillRect(xa, top, xb - xa, BAR_H - 2 * LIGHT_INSET));
  }
  ctx.globalAlpha = 0.9;
  let current = '';
  for (let li = 0; li < y.length; li++) {
    const top = y[li]!;
    solid.runs(li, (xa, xb, code) => {
      const c = palette[code - 1]!;
      if (c !== current) ctx.fillStyle = current = c;
      ctx.fillRect(xa, top, xb - xa, BAR_H);
    });
  }
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#fff';
  for (const g of b.badges) ctx.fillText(g.text, g.x, g.y);
}

function paintMarks(ctx: Ctx, f: TimelineFrame) {
  const { xy, colors } = f.marks;
  for (let i = 0; i < colors.length; i++) {
    ctx.fillStyle = colors[i]!;
    ctx.fillRect(xy[2 * i]!, xy[2 * i + 1]!, MARK_W, MARK_H);
  }
}

/** Aggregated task events: a 1 px column per lane and pixel column, grouped by colour. */
function paintTaskDensity(ctx: Ctx, t: NonNullable<TimelineFrame['taskDensity']>) {
  let current = '';
  for (let i = 0; i < t.colors.length; i++) {
    if (t.colors[i] !== current) ctx.fillStyle = current = t.colors[i]!;
    ctx.fillRect(t.x[i]!, t.y[i]!, 1, t.h[i]!);
  }
}

function paintDensity(ctx: Ctx, f: TimelineFrame, theme: Theme) {
  const { heights, top, h, max } = f.density;
  if (max === 0) return;
  ctx.fillStyle = theme.accent;
  for (let c = 0; c < heights.length; c++) {
    const bh = heights[c]!;
    if (bh > 0) ctx.fillRect(f.x0 + c, top + h - bh, 1, bh);
  }
}

/** Reconnect gaps: a tinted band across every lane with a solid left edge and a label. */
function paintGaps(ctx: Ctx, f: TimelineFrame, theme: Theme) {
  const h = f.height - LAYOUT.axisH;
  for (const g of f.gaps) {
    ctx.fillStyle = theme.bad;
    ctx.globalAlpha = 0.18;
    ctx.fillRect(g.xa, LAYOUT.axisH, g.xb - g.xa, h);
    ctx.globalAlpha = 1;
    ctx.fillRect(g.xa, LAYOUT.axisH, 1, h);
    ctx.fillText('gap', g.xa + 3, LAYOUT.axisH + 8);
  }
}

/**
 * Time whose events left memory: a muted tint across the lanes up to the oldest event held,
 * with a solid right edge (the notice over the plot says what it means).
 */
function paintEvicted(ctx: Ctx, f: TimelineFrame, theme: Theme) {
  if (f.evictedX === null) return;
  const h = f.height - LAYOUT.axisH;
  ctx.fillStyle = theme.muted;
  ctx.globalAlpha = 0.14;
  ctx.fillRect(f.x0, LAYOUT.axisH, f.evictedX - f.x0, h);
  ctx.globalAlpha = 0.6;
  ctx.fillRect(Math.max(f.x0, f.evictedX - 1), LAYOUT.axisH, 1, h);
  ctx.globalAlpha = 1;
}

/** Fills runs [xs[2i], xs[2i+1]) from y, h high (min width `minW`), setting each colour once per run of equal colours. */
function fillRuns(
  ctx: Ctx,
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
