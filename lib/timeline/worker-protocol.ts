/**
 * The timeline's reader worker and the page speak these messages. The worker holds the NATS
 * connection and the ordered consumer (live-source.ts) and decodes each message
 * (toTimelineEvent), so WebSocket frame parsing, JetStream message building and JSON decoding
 * never compete with the page's frames; the page only merges decoded events into its model
 * and draws. The worker's connection status drives the gap marks (it is the data path).
 */
import type { ConnectSpec } from '@/lib/nats/connection';
import { toTimelineEvent, type RawMessage, type TimelineEvent } from './event';
import type { LiveSink } from './live-source';
import type { PaintState } from './paint-state';

export type ToTimelineWorker =
  | { type: 'start'; spec: ConnectSpec; preferFirst: boolean; stream: string; windowMs: number }
  // The page's canvas, transferred: the worker draws the timeline into it (before 'start').
  | { type: 'canvas'; canvas: OffscreenCanvas }
  | { type: 'paint'; state: PaintState }
  | { type: 'canvas-stop' }
  | { type: 'stop' };

export type FromTimelineWorker =
  | { type: 'events'; key: string; events: TimelineEvent[] }
  | { type: 'status'; state: 'connected' | 'reconnecting'; reconnects: number }
  | { type: 'backfill'; seq: number }
  | { type: 'error'; message: string | null }
  // After a frame the worker drew: the newest sequence drawn with nothing older waiting.
  | { type: 'drawn'; seq: number; height: number; drawn: number }
  | { type: 'stopped' };

/**
 * The live source's sink inside the worker: decodes each batch and posts it at once (the tail
 * already batches every few ms). `lastSeq` is the resume point after a replaced connection.
 */
export class PostingSink implements LiveSink {
  private last = new Map<string, number>();

  /** `tee` also gets each decoded batch (the worker's own canvas painter, when it has one). */
  constructor(
    private readonly post: (m: FromTimelineWorker) => void,
    private readonly tee?: (key: string, events: TimelineEvent[]) => void,
  ) {}

  push(key: string, msgs: RawMessage[]) {
    if (msgs.length === 0) return;
    const events = msgs.map(toTimelineEvent);
    this.last.set(key, Math.max(this.lastSeq(key), msgs[msgs.length - 1]!.seq));
    // Posting copies the events (structured clone), so the tee may keep and change its own.
    this.post({ type: 'events', key, events });
    this.tee?.(key, events);
  }

  lastSeq(key: string): number {
    return this.last.get(key) ?? 0;
  }

  setBackfillTarget(seq: number) {
    this.post({ type: 'backfill', seq });
  }

  setError(message: string | null) {
    this.post({ type: 'error', message });
  }

  /** Nothing is held here: each batch was posted when it arrived. */
  flush() {}
}

