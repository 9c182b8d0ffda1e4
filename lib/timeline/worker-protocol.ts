/**
 * What the timeline's workers and the page say to each other. The reader worker
 * (timeline.worker.ts) holds the NATS connection and the ordered consumer (live-source.ts)
 * and decodes each message (toTimelineEvent), so WebSocket frame parsing, JetStream message
 * building and JSON decoding never compete with the page's frames. It posts the decoded events
 * to the page (the log, counters, rates and hit testing) and, when the canvas is drawn off the
 * page, to the painter worker (painter.worker.ts) through a MessageChannel: the painter keeps
 * its own model and draws, so drawing never holds up the read. The reader's connection status
 * drives the gap marks (it is the data path).
 */
import type { ConnectSpec } from '@/lib/nats/connection';
import { toTimelineEvent, type RawMessage, type TimelineEvent } from './event';
import type { LiveSink, TimelineClock } from './live-source';
import type { PaintState } from './paint-state';
import type { PainterReport } from './painter';

export type ToTimelineWorker =
  | {
      type: 'start';
      spec: ConnectSpec;
      preferFirst: boolean;
      stream: string;
      windowMs: number;
      clock: TimelineClock;
      /** The painter worker's end of a MessageChannel, when a painter draws the canvas. */
      painter: MessagePort | null;
    }
  | { type: 'stop' };

export type FromTimelineWorker =
  | { type: 'events'; events: TimelineEvent[] }
  | { type: 'anomalies'; count: number }
  | { type: 'status'; state: 'connected' | 'reconnecting'; reconnects: number }
  | { type: 'backfill'; seq: number }
  | { type: 'error'; message: string | null }
  /** The worker's live consumers ([name, stream]), for the page to delete if the tab goes. */
  | { type: 'consumers'; consumers: [string, string][] }
  | { type: 'stopped' };

/**
 * Reader → painter, through their MessageChannel: the events the page gets, without message
 * payloads (only the page describes messages; a copy of each payload would be cloned for
 * nothing).
 */
export type ToPainterFromReader = { type: 'events'; events: TimelineEvent[] };

/** `events` without payload bytes, for the painter (the same objects where there are none). */
export const withoutPayloads = (events: TimelineEvent[]): TimelineEvent[] =>
  events.map((e) => (e.raw ? { ...e, raw: null } : e));

export type ToPainter =
  // The reader's end of the channel (sent before the reader starts, so no event is missed).
  | { type: 'port'; port: MessagePort }
  // The page's canvas, transferred: the painter draws the timeline into it.
  | { type: 'canvas'; canvas: OffscreenCanvas }
  | { type: 'paint'; state: PaintState }
  | { type: 'canvas-stop' };

/** After a frame the painter drew: the newest sequence drawn with nothing older waiting. */
export type FromPainter = { type: 'drawn' } & PainterReport;

/**
 * The live source's sink inside the reader worker: decodes each batch (checked and in order)
 * and posts it to the painter at once (the tail already batches every few ms) and to the page
 * either at once or, when a painter draws (`pageBatch`), gathered: the page then needs events
 * only for its log, counters, chart and hit testing, and each post is a task on its main thread
 * (~100 a second at 2,000 events/s) and a structured clone. A gathered batch goes out after
 * `ms`, or as soon as it holds `max` events (a backfill burst never becomes one huge clone).
 */
export class PostingSink implements LiveSink {
  private pending: TimelineEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly post: (m: FromTimelineWorker) => void,
    private readonly toPainter?: (m: ToPainterFromReader) => void,
    private readonly pageBatch?: { ms: number; max: number },
  ) {}

  push(msgs: RawMessage[]) {
    if (msgs.length === 0) return;
    const events = msgs.map(toTimelineEvent);
    // Each post copies the events (structured clone). The painter first: what it draws is
    // what the viewer sees move.
    this.toPainter?.({ type: 'events', events: withoutPayloads(events) });
    const b = this.pageBatch;
    if (!b) return this.post({ type: 'events', events });
    for (const e of events) this.pending.push(e);
    if (this.pending.length >= b.max) this.flushPage();
    else this.timer ??= setTimeout(() => this.flushPage(), b.ms);
  }

  /** Posts what the page has not been sent yet. */
  flushPage() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    this.post({ type: 'events', events });
  }

  setAnomalies(count: number) {
    this.post({ type: 'anomalies', count });
  }

  setBackfillTarget(seq: number) {
    this.post({ type: 'backfill', seq });
  }

  setError(message: string | null) {
    this.post({ type: 'error', message });
  }
}
