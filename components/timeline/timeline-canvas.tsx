'use client';

import { memo, useEffect, useRef } from 'react';
import { paintStateKey, type PaintState, type Theme } from '@/lib/timeline/paint-state';
import type { TimelineStore } from '@/lib/timeline/store';
import { attachPointer } from './canvas-pointer';
import { newFrameMemo, paintFrame } from '@/lib/timeline/canvas-frame';
import { canvasHeight, LAYOUT, type DrawFilters } from '@/lib/timeline/layout';
import { onPainter } from '@/lib/timeline/painter-link';
import { aggregatedNotice } from '@/lib/timeline/prepare-ring';
import { evictedNotice } from '@/lib/timeline/evicted';
import type { FromPainter } from '@/lib/timeline/worker-protocol';
import type { ViewStore } from '@/lib/timeline/view-store';

declare global {
  interface Window {
    /** Render hook for the benchmark: set after each frame that drew new events. */
    __agentReplayTimeline?: { lastRenderedSeq: number; renderedAt: number; drawn: number };
  }
}

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
 * The timeline canvas. Drawn by the painter worker into the transferred canvas where the
 * browser allows (painter-link.ts; the page only sends the view when it changes), else here in
 * a rAF loop; either way only when data, view, size, filters or theme changed, or "now" moved
 * by a pixel. Pointer handling stays on the page (canvas-pointer.ts).
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
  const tipRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const evictedRef = useRef<HTMLDivElement>(null);
  const filtersRef = useRef(filters);
  const selectRef = useRef(onSelect);
  /** Tells the canvas something it draws may have changed (worker mode is event-driven). */
  const syncRef = useRef<() => void>(() => {});
  useEffect(() => {
    filtersRef.current = filters;
    selectRef.current = onSelect;
    syncRef.current();
  });

  useEffect(() => {
    const wrap = wrapRef.current!;
    const tip = tipRef.current!;
    const notice = noticeRef.current!;
    const evicted = evictedRef.current!;
    // A fresh element per effect run: a canvas handed to a worker cannot be handed again.
    const canvas = document.createElement('canvas');
    canvas.dataset.testid = 'timeline-canvas';
    canvas.setAttribute('role', 'img');
    canvas.setAttribute(
      'aria-label',
      'Timeline of agent status and task events; the same events are listed in the Recent events table',
    );
    canvas.style.touchAction = 'none';
    wrap.prepend(canvas);
    const cleanups: (() => void)[] = [];
    let width = wrap.clientWidth;
    let theme = readTheme();
    let themeKey = document.documentElement.className;
    const sync = () => syncRef.current();
    const ro = new ResizeObserver(() => {
      width = wrap.clientWidth;
      sync();
    });
    ro.observe(wrap);
    const mo = new MutationObserver(() => {
      if (document.documentElement.className === themeKey) return;
      themeKey = document.documentElement.className;
      theme = readTheme();
      sync();
    });
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    let lastRenderedSeq = 0;
    // Whether the last frame drew task events aggregated (hover then describes a column).
    let aggregated = false;
    const noteAggregated = (inView: number | null) => {
      aggregated = inView !== null;
      const text = inView === null ? '' : aggregatedNotice(inView);
      // Written only when it changes: the painter reports up to 20 frames a second.
      if (notice.textContent !== text) notice.textContent = text;
      if (notice.hidden !== !aggregated) notice.hidden = !aggregated;
    };
    // After each frame: does the view reach back past the events held (the tinted band)?
    // Read from the page's model, which holds the same events as the painter's.
    const noteEvicted = () => {
      const s = paintState();
      const endMs = s.endMs ?? s.pausedAtMs ?? Date.now();
      const text =
        evictedNotice(store.model.heldSinceMs(), endMs - s.spanMs, s.tz ?? 'local') ?? '';
      if (evicted.textContent !== text) evicted.textContent = text;
      if (evicted.hidden !== !text) evicted.hidden = !text;
    };
    const hook = (seq: number, drawn: number) => {
      if (seq <= lastRenderedSeq) return;
      lastRenderedSeq = seq;
      window.__agentReplayTimeline = { lastRenderedSeq: seq, renderedAt: performance.now(), drawn };
    };
    const paintState = (): PaintState => {
      const f = filtersRef.current;
      const v = view.getSnapshot();
      const paused = store.pausedAtMs !== null;
      return {
        width,
        dpr: window.devicePixelRatio || 1,
        spanMs: v.spanMs,
        endMs: v.endMs,
        pausedAtMs: store.pausedAtMs,
        pausedSeq: paused ? store.viewSeq : null,
        kinds: [...f.kinds],
        task: f.task,
        tz: f.tz ?? 'local',
        agents: [...f.agents],
        theme,
        gaps: store.gaps.map((g) => ({ ...g })),
      };
    };

    // The page draws: a rAF loop (see canvas-frame.ts for when a frame redraws).
    const drawOnPage = (el: HTMLCanvasElement, ctx: CanvasRenderingContext2D) => {
      const memo = newFrameMemo();
      let prevFrameAt = 0;
      let lastFrameAt = 0;
      let deferred = false;
      // React just changed the DOM (counters, log): that frame lays it out, so new data waits
      // one frame instead of adding a full redraw to the same task. Only one: when frames
      // are slow a commit lands between every two, and drawing must not starve.
      const holdData = () => {
        deferred = !deferred && view.domChangedAt > prevFrameAt;
        return deferred;
      };
      let raf = 0;
      const loop = () => {
        raf = requestAnimationFrame(loop);
        prevFrameAt = lastFrameAt;
        lastFrameAt = performance.now();
        const s = paintState();
        const key = paintStateKey(s);
        const r = paintFrame(
          { canvas: el, ctx },
          store.model,
          s,
          key,
          store.viewSeq,
          memo,
          holdData,
        );
        if (r) {
          noteAggregated(r.aggregated);
          noteEvicted();
          hook(store.completeSeq, r.drawn);
        }
      };
      raf = requestAnimationFrame(loop);
      return () => cancelAnimationFrame(raf);
    };

    // Until followStream decides who draws, nothing is drawn (the canvas is not yet committed
    // to either). The worker then hears the view state whenever it changes (view, pause, gaps,
    // filters, size, theme: no loop here); the page draws in a rAF loop.
    let decided = false;
    const offDecision = onPainter(store, (link) => {
      if (decided) return;
      decided = true;
      if (link) {
        const off = canvas.transferControlToOffscreen();
        link.send({ type: 'canvas', canvas: off }, [off]);
        link.onDrawn = (m: FromPainter) => {
          if (canvas.style.height !== `${m.height}px`) canvas.style.height = `${m.height}px`;
          noteAggregated(m.aggregated);
          noteEvicted();
          hook(m.seq, m.drawn);
        };
        let sent = '';
        syncRef.current = () => {
          const s = paintState();
          const key = paintStateKey(s);
          if (canvas.style.width !== `${s.width}px`) canvas.style.width = `${s.width}px`;
          if (key === sent) return;
          sent = key;
          link.send({ type: 'paint', state: s });
        };
        canvas.style.height = `${canvasHeight(store.model.lanes().length)}px`;
        cleanups.push(view.subscribe(sync), store.subscribe(sync), () => {
          link.onDrawn = null;
          link.send({ type: 'canvas-stop' });
        });
        sync();
        return;
      }
      const ctx = canvas.getContext('2d');
      if (ctx) cleanups.push(drawOnPage(canvas, ctx));
    });

    const detach = attachPointer({
      canvas,
      tip,
      store,
      view,
      width: () => width,
      filters: () => filtersRef.current,
      onSelect: (seq) => selectRef.current(seq),
      aggregated: () => aggregated,
    });
    return () => {
      offDecision();
      for (const c of cleanups) c();
      syncRef.current = () => {};
      ro.disconnect();
      mo.disconnect();
      detach();
      canvas.remove();
      notice.hidden = true;
      evicted.hidden = true;
    };
  }, [store, view]);

  return (
    <div ref={wrapRef} className="relative w-full select-none">
      {/* Said over the plot's top-left corner (the oldest traffic) while marks are aggregated. */}
      <div
        ref={noticeRef}
        hidden
        data-testid="timeline-aggregated"
        className="pointer-events-none absolute z-10 rounded border border-border bg-panel/90 px-1.5 py-0.5 text-xs text-fg shadow-sm"
        style={{ left: LAYOUT.labelW + 6, top: LAYOUT.axisH + 3 }}
      />
      {/* Said over the plot's bottom-left corner while the view reaches back past memory. */}
      <div
        ref={evictedRef}
        hidden
        role="note"
        data-testid="timeline-evicted"
        className="pointer-events-none absolute bottom-1 z-10 rounded border border-border bg-panel/90 px-1.5 py-0.5 text-xs text-fg shadow-sm"
        style={{ left: LAYOUT.labelW + 6 }}
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
