/**
 * Pointer handling of the timeline canvas, on the page whoever draws it: wheel zooms (shift
 * or horizontal wheel pans), drag pans, hover shows a tooltip written straight to the DOM,
 * click opens the event under the pointer. Hit testing reads the page's model.
 */
import type { TimelineStore } from '@/lib/timeline/store';
import { hitTest } from '@/lib/timeline/hit-test';
import type { CanvasFilters } from './timeline-canvas';
import { LAYOUT } from '@/lib/timeline/layout';
import type { ViewStore } from '@/lib/timeline/view-store';

/** Attaches the handlers; returns the detach function. */
export function attachPointer(o: {
  canvas: HTMLCanvasElement;
  tip: HTMLDivElement;
  store: TimelineStore;
  view: ViewStore;
  width: () => number;
  filters: () => CanvasFilters;
  onSelect: (seq: number) => void;
  /** Whether the last frame drew the task events aggregated. */
  aggregated: () => boolean;
}): () => void {
  const { canvas, tip, store, view } = o;
  const nowMs = () => store.pausedAtMs ?? Date.now();
  const plotW = () => Math.max(1, o.width() - LAYOUT.labelW);
  const pos = (e: MouseEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const hit = (x: number, y: number) => {
    const f = o.filters();
    const all = store.model.lanes();
    const now = nowMs();
    return hitTest(
      {
        model: store.model,
        view: view.viewport(now),
        lanes: f.agents.length ? all.filter((a) => f.agents.includes(a.id)) : all,
        filters: f,
        viewSeq: store.viewSeq,
        nowMs: now,
        width: o.width(),
        aggregated: o.aggregated(),
      },
      x,
      y,
    );
  };

  let drag: { x: number; moved: boolean } | null = null;
  /** Where the pointer hovers (canvas px), so the tooltip can be redone when the view moves. */
  let hover: { x: number; y: number } | null = null;
  const onWheel = (e: WheelEvent) => {
    const { x } = pos(e);
    if (x < LAYOUT.labelW) return;
    e.preventDefault();
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY))
      view.pan(-(e.deltaX || e.deltaY), plotW(), nowMs());
    else view.zoom(Math.exp(e.deltaY * 0.0015), x - LAYOUT.labelW, plotW(), nowMs());
  };
  // A zoom or pan (wheel, keys, "back to now") moves the events under a still pointer: the
  // tooltip describes what is under it now, not what was.
  const offView = view.subscribe(() => {
    if (hover && !drag) showTip(hover.x, hover.y);
  });
  const showTip = (x: number, y: number) => {
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
    // Kept inside the canvas's box (its card clips what leaves it): left of the pointer near
    // the right edge, above it near the bottom.
    const w = tip.offsetWidth;
    const hgt = tip.offsetHeight;
    const left = x + 12 + w > o.width() ? x - 12 - w : x + 12;
    const top = y + 14 + hgt > canvas.clientHeight ? y - 8 - hgt : y + 14;
    tip.style.transform = `translate(${Math.max(0, left)}px, ${Math.max(0, top)}px)`;
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
      view.pan(e.clientX - drag.x, plotW(), nowMs());
      drag.x = e.clientX;
      tip.hidden = true;
      return;
    }
    hover = { x, y };
    showTip(x, y);
  };
  const onUp = (e: PointerEvent) => {
    const wasDrag = drag?.moved;
    drag = null;
    if (wasDrag) return;
    const { x, y } = pos(e);
    const h = hit(x, y);
    if (h?.zoomAt !== undefined) {
      // An aggregated column holds many events: zoom in towards single marks instead.
      view.zoomInOn(h.zoomAt, 0.25, nowMs());
      return;
    }
    if (h) {
      // The detail opens beside it: a tooltip left over would sit half under the drawer.
      tip.hidden = true;
      o.onSelect(h.seq);
    }
  };
  const onLeave = () => {
    hover = null;
    tip.hidden = true;
  };
  canvas.addEventListener('wheel', onWheel, { passive: false });
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointerleave', onLeave);
  return () => {
    offView();
    canvas.removeEventListener('wheel', onWheel);
    canvas.removeEventListener('pointerdown', onDown);
    canvas.removeEventListener('pointermove', onMove);
    canvas.removeEventListener('pointerup', onUp);
    canvas.removeEventListener('pointerleave', onLeave);
  };
}
