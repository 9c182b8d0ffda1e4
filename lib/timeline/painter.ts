/**
 * The timeline canvas drawn in the painter worker (painter.worker.ts), into the page's canvas
 * transferred as an OffscreenCanvas. A trace of the page at 2,000 events/s showed the canvas as
 * the largest share of the main thread: the redraw itself, then its paint and the compositor
 * commit of the bitmap every frame it changed. Here none of that runs on the page, nor in the
 * reader worker: drawing never delays the read, and when the painter falls behind it merges
 * what arrived meanwhile and draws once (it coalesces).
 *
 * The painter keeps its own model, fed by the reader with the very events it posts to the
 * page (same order, same ring capacity, so both hold the same events); the page keeps its model
 * for the log, counters, rates and hit testing, and sends what the view needs (PaintState) when
 * it changes. After each frame that drew, the painter reports the newest sequence drawn with
 * nothing older still waiting (the benchmark hook's `lastRenderedSeq`) and the height drawn.
 */
import type { TimelineEvent } from './event';
import { IngestQueue } from './ingest-queue';
import { DEFAULT_CAPACITY, TimelineModel } from './model';
import { DATA_REDRAW_MS, msToNextPixel, paintStateKey, type PaintState } from './paint-state';
import { newFrameMemo, paintFrame } from './canvas-frame';
import { LAYOUT } from './layout';

/**
 * Time one frame may spend merging a burst (the backfill) before it draws; the rest waits a
 * frame. The painter has a thread of its own, so this delays only its own next frame.
 */
const FRAME_BUDGET_MS = 50;
/** Shortest wait between two frames (a burst being merged, or a fast "now" line). */
const MIN_WAIT_MS = 16;
/**
 * New data alone redraws at most every DATA_REDRAW_MS, or every this many times the last
 * draw's cost when drawing got slow (a full ring at 10,000 events/s): on a busy machine the
 * painter must leave the cores to the read and the page.
 */
const COST_FACTOR = 4;

/**
 * After a frame: the newest sequence drawn with nothing older waiting, the height drawn, the
 * events visited, and the events in view when the task events were aggregated (else null).
 */
export type PainterReport = {
  seq: number;
  height: number;
  drawn: number;
  aggregated: number | null;
};

type Target = { canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D };

export class Painter {
  readonly model = new TimelineModel(DEFAULT_CAPACITY);
  private readonly queue = new IngestQueue();
  private target: Target | null = null;
  private memo = newFrameMemo();
  private state: PaintState | null = null;
  private stateKey = '';
  private reported = 0;
  private lastHeight = 0;
  /** Whether the last report said "aggregated" (a change is reported even without new data). */
  private lastAggregated = false;
  /** Model version and view sequence of the last frame drawn. */
  private drawn = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wakeAt = Infinity;

  constructor(private readonly report: (r: PainterReport) => void) {}

  /** Events the reader decoded (and posts to the page), in sequence order. */
  push(events: TimelineEvent[]) {
    this.queue.push(events);
    // New data alone redraws at most every minDataMs (paintFrame decides; this only avoids
    // waking up for nothing in between).
    this.wake(Math.max(0, this.memo.lastDrawAt + this.minDataMs() + 1 - performance.now()));
  }

  /** The canvas to draw into (null: none now; the model keeps following). */
  setCanvas(canvas: OffscreenCanvas | null) {
    const ctx = canvas?.getContext('2d') ?? null;
    this.target = canvas && ctx ? { canvas, ctx } : null;
    this.memo = newFrameMemo();
    this.drawn = '';
    this.wake(0);
  }

  /** The page's view changed (zoom, pan, size, filters, theme, pause, gaps). */
  setState(s: PaintState) {
    this.state = s;
    this.stateKey = paintStateKey(s);
    this.wake(0);
  }

  private minDataMs(): number {
    return Math.max(DATA_REDRAW_MS, COST_FACTOR * this.memo.lastCost);
  }

  /**
   * Frames run on timers, only when something may have changed: new data, a new view, or
   * "now" reaching the next pixel. (A rAF loop here would wake the worker, and the compositor
   * feeding it frames, 60 times a second for nothing; the canvas shows what a task drew when
   * the task ends.)
   */
  private wake(inMs: number) {
    const at = performance.now() + inMs;
    if (this.timer && this.wakeAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wakeAt = Infinity;
      this.frame();
    }, inMs);
  }

  private frame() {
    const clock = () => performance.now();
    const ready = this.queue.drain(clock() + FRAME_BUDGET_MS, clock);
    if (ready.length) this.model.ingest(ready);
    // A burst not merged yet continues next frame.
    if (this.queue.backlog > 0) this.wake(MIN_WAIT_MS);
    const s = this.state;
    const t = this.target;
    if (!s || !t) return;
    const viewSeq = s.pausedSeq ?? this.model.lastSeq;
    const r = paintFrame(
      t,
      this.model,
      s,
      this.stateKey,
      viewSeq,
      this.memo,
      undefined,
      this.minDataMs(),
    );
    const drawnKey = `${this.model.version}|${viewSeq}`;
    if (r) this.drawn = drawnKey;
    // Data that arrived within minDataMs of the last draw is drawn when that has passed.
    else if (this.drawn !== drawnKey)
      this.wake(Math.max(1, this.memo.lastDrawAt + this.minDataMs() + 1 - clock()));
    // Following "now": the next frame is due when the time axis has moved by a pixel.
    if (s.pausedAtMs === null && s.endMs === null) {
      const plotW = Math.max(1, s.width - LAYOUT.labelW);
      this.wake(Math.max(MIN_WAIT_MS, msToNextPixel(Date.now(), s.spanMs / plotW)));
    }
    if (!r) return;
    const complete = Math.min(viewSeq, this.queue.lowestWaiting() - 1);
    const aggregated = r.aggregated !== null;
    // While aggregated, every drawn frame reports (the page's notice shows the count in view).
    if (
      complete > this.reported ||
      r.height !== this.lastHeight ||
      aggregated ||
      aggregated !== this.lastAggregated
    ) {
      this.reported = Math.max(this.reported, complete);
      this.lastHeight = r.height;
      this.lastAggregated = aggregated;
      this.report({ seq: complete, height: r.height, drawn: r.drawn, aggregated: r.aggregated });
    }
  }
}
