/**
 * The visible window as a tiny external store: span (zoom) and an end time, or null to follow
 * now. Wheel and drag change it many times a second, so the canvas reads it directly each
 * frame; React only hears about it for the toolbar's labels.
 */
import { clampSpan, panBy, zoomAt, type Viewport } from '@/lib/timeline/viewport';

export type ViewState = { spanMs: number; endMs: number | null };

export class ViewStore {
  private state: ViewState;
  private listeners = new Set<() => void>();
  /**
   * performance.now() of React's last commit on the page (counters, log): the canvas skips
   * new-data redraws in the frame that lays that commit out, so the two never share a task.
   */
  domChangedAt = 0;

  /** Notes a React commit on the page (see domChangedAt). */
  noteDomChange() {
    this.domChangedAt = performance.now();
  }

  constructor(spanMs: number) {
    this.state = { spanMs: clampSpan(spanMs), endMs: null };
  }

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): ViewState => this.state;

  private set(s: ViewState) {
    if (s.spanMs === this.state.spanMs && s.endMs === this.state.endMs) return;
    this.state = s;
    for (const l of this.listeners) l();
  }

  /** The viewport for a frame, given the time "now" stands at (frozen while paused). */
  viewport(nowMs: number): Viewport {
    return { spanMs: this.state.spanMs, endMs: this.state.endMs ?? nowMs };
  }

  setSpan(spanMs: number) {
    this.set({ ...this.state, spanMs: clampSpan(spanMs) });
  }

  /** Zooms by `factor` around x; while following now, the right edge stays at now. */
  zoom(factor: number, x: number, width: number, nowMs: number) {
    if (this.state.endMs === null) return this.setSpan(this.state.spanMs * factor);
    const v = zoomAt(this.viewport(nowMs), factor, x, width);
    this.set({ spanMs: v.spanMs, endMs: v.endMs >= nowMs ? null : v.endMs });
  }

  /** Pans by dx pixels (positive = towards the past); reaching now resumes following. */
  pan(dx: number, width: number, nowMs: number) {
    const v = panBy(this.viewport(nowMs), dx, width);
    this.set({ spanMs: v.spanMs, endMs: v.endMs >= nowMs ? null : v.endMs });
  }

  /**
   * Shows `ms` at fraction `at` of the window's width (0.5: centred), keeping the zoom
   * (pause-on shows the event it paused on).
   */
  centerOn(ms: number, at = 0.5) {
    this.set({ ...this.state, endMs: ms + this.state.spanMs * (1 - at) });
  }

  /**
   * Zooms in by `factor` (< 1) centred on `ms` (a click on an aggregated column); a window
   * reaching past now follows now again.
   */
  zoomInOn(ms: number, factor: number, nowMs: number) {
    const spanMs = clampSpan(this.state.spanMs * factor);
    const endMs = ms + spanMs / 2;
    this.set({ spanMs, endMs: endMs >= nowMs ? null : endMs });
  }

  follow() {
    this.set({ ...this.state, endMs: null });
  }
}
