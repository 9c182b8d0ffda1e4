/**
 * One frame of the timeline canvas, shared by the painter worker's OffscreenCanvas (painter.ts)
 * and the in-page fallback: decides whether anything changed enough to redraw (shouldRedraw),
 * sizes the bitmap and draws.
 */
import type { TimelineModel } from './model';
import { shouldRedraw, type PaintState } from './paint-state';
import { traceEnd, traceStart } from './trace';
import { drawTimeline } from './draw';
import { canvasHeight, LAYOUT } from './layout';

/** What the previous frames drew (one per canvas), and how long the last draw took. */
export type FrameMemo = {
  lastKey: string;
  lastViewKey: string;
  lastDrawAt: number;
  lastCost: number;
};

export const newFrameMemo = (): FrameMemo => ({
  lastKey: '',
  lastViewKey: '',
  lastDrawAt: 0,
  lastCost: 0,
});

export type FrameTarget = {
  canvas: HTMLCanvasElement | OffscreenCanvas;
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
};

/**
 * Draws a frame if due; returns the CSS height drawn, the events visited and, when the task
 * events were aggregated, the events in view (else null); null when the frame was skipped.
 * `stateKey` changes with `s` (the caller keeps it, so no key is built per frame); `holdData`
 * may postpone a redraw caused by new data alone by one frame.
 */
export function paintFrame(
  t: FrameTarget,
  model: TimelineModel,
  s: PaintState,
  stateKey: string,
  viewSeq: number,
  memo: FrameMemo,
  holdData?: () => boolean,
  minDataMs?: number,
): { height: number; drawn: number; aggregated: number | null } | null {
  const nowMs = s.pausedAtMs ?? Date.now();
  const vp = { spanMs: s.spanMs, endMs: s.endMs ?? nowMs };
  const all = model.lanes();
  const lanes = s.agents.length ? all.filter((a) => s.agents.includes(a.id)) : all;
  const height = canvasHeight(lanes.length);
  const width = s.width;
  const plotW = Math.max(1, width - LAYOUT.labelW);
  // "Now" moving by a pixel changes the drawing; less than that does not.
  const pxStep = Math.floor(vp.endMs / (vp.spanMs / plotW));
  const viewKey = `${pxStep}|${stateKey}|${height}|${lanes.length}`;
  const key = `${model.version}|${viewSeq}|${viewKey}`;
  const now = performance.now();
  const m = memo;
  if (
    !shouldRedraw({
      key,
      lastKey: m.lastKey,
      viewKey,
      lastViewKey: m.lastViewKey,
      now,
      lastDrawAt: m.lastDrawAt,
      minMs: minDataMs,
    })
  )
    return null;
  if (viewKey === m.lastViewKey && holdData?.()) return null;
  m.lastDrawAt = now;
  m.lastViewKey = viewKey;
  m.lastKey = key;
  const { canvas, ctx } = t;
  const bw = Math.round(width * s.dpr);
  const bh = Math.round(height * s.dpr);
  if (canvas.width !== bw || canvas.height !== bh) {
    canvas.width = bw;
    canvas.height = bh;
    if ('style' in canvas) {
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
  }
  ctx.setTransform(s.dpr, 0, 0, s.dpr, 0, 0);
  const mark = traceStart();
  const { visited, aggregated } = drawTimeline({
    ctx,
    width,
    height,
    model,
    view: vp,
    nowMs,
    viewSeq,
    lanes,
    filters: { kinds: new Set(s.kinds), task: s.task, tz: s.tz },
    gaps: s.gaps,
    theme: s.theme,
  });
  traceEnd('timeline:draw', mark);
  m.lastCost = performance.now() - now;
  return { height, drawn: visited, aggregated };
}
