/**
 * The timeline canvas drawn inside the reader worker (timeline.worker.ts), into the page's
 * canvas transferred as an OffscreenCanvas. A trace of the page at 2,000 events/s showed the
 * canvas as the largest share of the main thread: the redraw itself, then its paint and the
 * compositor commit of the bitmap every frame it changed. Here none of that runs on the page.
 *
 * The worker keeps its own model, fed with the very events it posts to the page (same order,
 * same ring capacity, so both hold the same events); the page keeps its model for the log,
 * counters, rates and hit testing, and sends what the view needs (PaintState) when it changes.
 * After each frame that drew, the worker posts the newest sequence drawn with nothing older
 * still waiting (the benchmark hook's `lastRenderedSeq`) and the height drawn.
 */
import type { TimelineEvent } from '@/lib/timeline/event';
import { IngestQueue } from '@/lib/timeline/ingest-queue';
import { DEFAULT_CAPACITY, TimelineModel } from '@/lib/timeline/model';
import {
  DATA_REDRAW_MS,
  msToNextPixel,
  paintStateKey,
  type PaintState,
} from '@/lib/timeline/paint-state';
import { newFrameMemo, paintFrame } from './canvas-frame';
import { LAYOUT } from './layout';

/**
 * Worker time one frame may spend merging a burst (the rest waits a frame). Longer than a
 * page frame's share: here it delays only the reader's next batch, never the page. At 8 ms the
 * painter fell ~100,000 events behind over 30 s at 10,000 events/s; at 30 ms ~20,000–70,000.
 */
const FRAME_BUDGET_MS = 30;
/** Shortest wait between two frames (a burst being merged, or a fast "now" line). */
const MIN_WAIT_MS = 16;
/**
 * New data alone redraws at most every DATA_REDRAW_MS, or every this many times the last
 * draw's cost when drawing got slow (a full ring at 10,000 events/s): the worker also reads
 * and decodes, and drawing must not starve that.
 */
const COST_FACTOR = 4;

export type PainterReport = { seq: number; height: number; drawn: number };

export class OffscreenPainter {
  readonly model = new TimelineModel(DEFAULT_CAPACITY);
  private readonly queue = new IngestQueue();
  private readonly ctx: OffscreenCanvasRenderingContext2D | null;
  private readonly memo = newFrameMemo();
  private state: PaintState | null = null;
  private stateKey = '';
  private reported = 0;
  private lastHeight = 0;
  /** Model version and view sequence of the last frame drawn. */
  private drawn = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wakeAt = Infinity;
  private stopped = false;

  constructor(
    private readonly canvas: OffscreenCanvas,
    private readonly report: (r: PainterReport) => void,
  ) {
    this.ctx = canvas.getContext('2d');
  }

  /** Events the worker decoded (and posts to the page), in sequence order. */
  push(key: string, events: TimelineEvent[]) {
    this.queue.push(key, events);
    // New data alone redraws at most every DATA_REDRAW_MS (paintFrame decides; this only
    // avoids waking up for nothing in between).
    this.wake(Math.max(0, this.memo.lastDrawAt + this.minDataMs() + 1 - performance.now()));
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

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /**
   * Frames run on timers, only when something may have changed: new data, a new view, or
   * "now" reaching the next pixel. (A rAF loop here would wake the worker, and the compositor
   * feeding it frames, 60 times a second for nothing; the canvas shows what a task drew when
   * the task ends.)
   */
  private wake(inMs: number) {
    if (this.stopped) return;
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
    const ready = this.queue.drain(Date.now(), clock() + FRAME_BUDGET_MS, this.model.ring.capacity / 2, clock);
    if (ready.length) this.model.ingest(ready);
    // A burst not merged yet (or held for ordering) continues next frame.
    if (this.queue.backlog > 0 || this.queue.heldCount > 0) this.wake(MIN_WAIT_MS);
    const s = this.state;
    if (!s || !this.ctx) return;
    const viewSeq = s.pausedSeq ?? this.model.lastSeq;
    const target = { canvas: this.canvas, ctx: this.ctx };
    const r = paintFrame(target, this.model, s, this.stateKey, viewSeq, this.memo, undefined, this.minDataMs());
    if (r) this.drawn = `${this.model.version}|${viewSeq}`;
    // Data that arrived within DATA_REDRAW_MS of the last draw is drawn when that has passed.
    else if (this.drawn !== `${this.model.version}|${viewSeq}`)
      this.wake(Math.max(1, this.memo.lastDrawAt + this.minDataMs() + 1 - clock()));
    // Following "now": the next frame is due when the time axis has moved by a pixel.
    if (s.pausedAtMs === null && s.endMs === null) {
      const plotW = Math.max(1, s.width - LAYOUT.labelW);
      this.wake(Math.max(MIN_WAIT_MS, msToNextPixel(Date.now(), s.spanMs / plotW)));
    }
    if (!r) return;
    const complete = Math.min(viewSeq, this.queue.lowestWaiting() - 1);
    if (complete > this.reported || r.height !== this.lastHeight) {
      this.reported = Math.max(this.reported, complete);
      this.lastHeight = r.height;
      this.report({ seq: complete, height: r.height, drawn: r.drawn });
    }
  }
}
