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

export type ToTimelineWorker =
  | { type: 'start'; spec: ConnectSpec; preferFirst: boolean; stream: string; windowMs: number }
  | { type: 'stop' };

export type FromTimelineWorker =
  | { type: 'events'; key: string; events: TimelineEvent[] }
  | { type: 'status'; state: 'connected' | 'reconnecting'; reconnects: number }
  | { type: 'backfill'; seq: number }
  | { type: 'error'; message: string | null }
  | { type: 'stopped' };

/**
 * The live source's sink inside the worker: decodes each batch and posts it at once (the tail
 * already batches every few ms). `lastSeq` is the resume point after a replaced connection.
 */
export class PostingSink implements LiveSink {
  private last = new Map<string, number>();

  constructor(private readonly post: (m: FromTimelineWorker) => void) {}

  push(key: string, msgs: RawMessage[]) {
    if (msgs.length === 0) return;
    const events = msgs.map(toTimelineEvent);
    this.last.set(key, Math.max(this.lastSeq(key), msgs[msgs.length - 1]!.seq));
    this.post({ type: 'events', key, events });
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

