'use client';

import { memo, useEffect, useRef } from 'react';
import type { TimelineStore } from '@/lib/timeline/store';
import { traceEnd, traceStart } from '@/lib/timeline/trace';
import { drawTimeline, type Theme } from './draw';
import { hitTest } from './hit-test';
import { canvasHeight, LAYOUT, type DrawFilters } from './layout';
import type { ViewStore } from './view-store';

declare global {
  interface Window {
    /** Render hook for the benchmark: set after each frame that drew new events. */
    __agentReplayTimeline?: { lastRenderedSeq: number; renderedAt: number; drawn: number };
  }
}

/** Shortest interval between two redraws caused by new data alone. */
const DATA_REDRAW_MS = 50;

export type CanvasFilters = DrawFilters & { agents: readonly string[] };

function readTheme(): Theme {
  const cs = getComputedStyle(document.documentElement);
  const v = (n: string, d: string) => cs.getPropertyValue(n).trim() || d;
  return {
    fg: v('--fg', '#0f172a'),
    muted: v('--muted', '#5b6474'),
    border: v('--border', '#dfe3ea'),
    panel: v('--panel', '#fff'),
    panel2: v('--panel-2', '#f1f3f6'),
    accent: v('--accent', '#4f46e5'),
    bad: v('--bad', '#b91c1c'),
  };
}

/**
 * The timeline canvas: redrawn in its own rAF loop only when data, view, size, filters or
 * theme changed (or "now" moved by a pixel). Wheel zooms, drag pans, hover shows a tooltip
 * (written straight to the DOM), click opens the event.
 */
export const TimelineCanvas = memo(function TimelineCanvas({
  store,
  view,
  filters,
  onSelect,
}: {
  store: TimelineStore;
  view: ViewStore;
  filters: CanvasFilters;
  onSelect: (seq: number) => void;
}) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const filtersRef = useRef(filters);
  const selectRef = useRef(onSelect);
  useEffect(() => {
    filtersRef.current = filters;
    selectRef.current = onSelect;
  });

  useEffect(() => {
    const wrap = wrapRef.current!;
    const canvas = canvasRef.current!;
    const tip = tipRef.current!;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    let width = wrap.clientWidth;
    let raf = 0;
    let lastKey = '';
    let theme = readTheme();
    let themeKey = document.documentElement.className;
    let lastRenderedSeq = 0;
    let lastDrawAt = 0;
    let lastViewKey = '';
    let lastFrameAt = 0;
    let deferred = false;
    const ro = new ResizeObserver(() => {
      width = wrap.clientWidth;
    });
    ro.observe(wrap);

    const lanesNow = () => {
      const f = filtersRef.current;
      const all = store.model.lanes();
      return f.agents.length ? all.filter((a) => f.agents.includes(a.id)) : all;
    };
    const frame = () => {
      const nowMs = store.pausedAtMs ?? Date.now();
      return { nowMs, vp: view.viewport(nowMs) };
    };

    const loop = () => {
      raf = requestAnimationFrame(loop);
      const prevFrameAt = lastFrameAt;
      lastFrameAt = performance.now();
      if (document.documentElement.className !== themeKey) {
        themeKey = document.documentElement.className;
        theme = readTheme();
        lastKey = '';
      }
      const { nowMs, vp } = frame();
      const f = filtersRef.current;
      const lanes = lanesNow();
      const height = canvasHeight(lanes.length);
      const plotW = Math.max(1, width - LAYOUT.labelW);
      const pxStep = Math.floor(vp.endMs / (vp.spanMs / plotW));
      const viewSeq = store.viewSeq;
      const viewKey = `${pxStep}|${vp.spanMs}|${width}|${height}|${[...f.kinds].join()}|${f.task}|${f.agents.join()}|${lanes.length}|${themeKey}`;
      const key = `${store.model.version}|${viewSeq}|${viewKey}`;
      if (key === lastKey) return;
      // New data alone redraws at most ~20 times a second (a full redraw, rasterised on the
      // main thread without a GPU, is the costly part); pointer and view changes redraw at once.
      const t = performance.now();
      if (viewKey === lastViewKey && t - lastDrawAt < DATA_REDRAW_MS) return;
      // React just changed the DOM (counters, log): this frame lays that out, so new data
      // waits one frame instead of adding a full redraw to the same task. Only one: when
      // frames are slow a commit lands between every two, and drawing must not starve.
      if (!deferred && viewKey === lastViewKey && view.domChangedAt > prevFrameAt) {
        deferred = true;
        return;
      }
      deferred = false;
      lastDrawAt = t;
      lastViewKey = viewKey;
      lastKey = key;
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const mark = traceStart();
      const drawn = drawTimeline({
        ctx,
        width,
        height,
        model: store.model,
        view: vp,
        nowMs,
        viewSeq,
        lanes,
        filters: f,
        gaps: store.gaps,
        theme,
      });
      traceEnd('timeline:draw', mark);
      const complete = store.completeSeq;
      if (complete > lastRenderedSeq) {
        lastRenderedSeq = complete;
        window.__agentReplayTimeline = {
          lastRenderedSeq: complete,
          renderedAt: performance.now(),
          drawn,
        };
      }
    };
    raf = requestAnimationFrame(loop);

    const pos = (e: MouseEvent) => {
      const r = canvas.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const hit = (x: number, y: number) => {
      const { nowMs, vp } = frame();
      return hitTest(
        {
          model: store.model,
          view: vp,
          lanes: lanesNow(),
          filters: filtersRef.current,
          viewSeq: store.viewSeq,
          nowMs,
          width,
        },
        x,
        y,
      );
    };

    let drag: { x: number; moved: boolean } | null = null;
    const onWheel = (e: WheelEvent) => {
      const { x } = pos(e);
      if (x < LAYOUT.labelW) return;
      e.preventDefault();
      const plotW = Math.max(1, width - LAYOUT.labelW);
      const { nowMs } = frame();
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY))
        view.pan(-(e.deltaX || e.deltaY), plotW, nowMs);
      else view.zoom(Math.exp(e.deltaY * 0.0015), x - LAYOUT.labelW, plotW, nowMs);
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      drag = { x: e.clientX, moved: false };
      canvas.setPointerCapture(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      const { x, y } = pos(e);
      if (drag && (drag.moved || Math.abs(e.clientX - drag.x) > 3)) {
        drag.moved = true;
        view.pan(e.clientX - drag.x, Math.max(1, width - LAYOUT.labelW), frame().nowMs);
        drag.x = e.clientX;
        tip.hidden = true;
        return;
      }
      const h = hit(x, y);
      canvas.style.cursor = h ? 'pointer' : drag ? 'grabbing' : 'default';
      if (!h) {
        tip.hidden = true;
        return;
      }
      tip.hidden = false;
      tip.replaceChildren();
      const b = document.createElement('div');
      b.className = 'font-medium';
      b.textContent = h.title;
      tip.append(b);
      for (const l of h.lines) {
        const d = document.createElement('div');
        d.className = 'text-muted';
        d.textContent = l;
        tip.append(d);
      }
      const left = Math.min(x + 12, width - 280);
      tip.style.transform = `translate(${Math.max(0, left)}px, ${y + 14}px)`;
    };
    const onUp = (e: PointerEvent) => {
      const wasDrag = drag?.moved;
      drag = null;
      if (wasDrag) return;
      const { x, y } = pos(e);
      const h = hit(x, y);
      if (h) selectRef.current(h.seq);
    };
    const onLeave = () => {
      tip.hidden = true;
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerup', onUp);
    canvas.addEventListener('pointerleave', onLeave);
    return () => {
      cancelAnimationFrame(raf);
      ro.disconnect();
      canvas.removeEventListener('wheel', onWheel);
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointerleave', onLeave);
    };
  }, [store, view]);

  return (
    <div ref={wrapRef} className="relative w-full select-none">
      <canvas
        ref={canvasRef}
        data-testid="timeline-canvas"
        role="img"
        aria-label="Timeline of agent status and task events; the same events are listed in the Recent events table"
        style={{ touchAction: 'none' }}
      />
      <div
        ref={tipRef}
        hidden
        role="tooltip"
        data-testid="timeline-tooltip"
        className="pointer-events-none absolute top-0 left-0 z-10 max-w-[280px] rounded-md border border-border bg-panel px-2 py-1 text-xs shadow-lg"
      />
    </div>
  );
});
