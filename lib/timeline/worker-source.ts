/**
 * The page's side of the timeline's workers: starts the reader (timeline.worker.ts) on the
 * tab's servers, feeds what it posts into the store (decoded events, its connection states for
 * the gap marks, the anomaly count, the backfill target, errors) and stops it — letting it
 * delete its consumer and close its connection first — when the session ends or the page is
 * left. The painter worker (painter.worker.ts), when the canvas is drawn off the page, gets the
 * reader's events through a MessageChannel.
 */
import { preferServer, type NatsClient } from '@/lib/nats/connection';
import { addWorkerConsumers } from '@/lib/stream/tab-consumers';
import type { TimelineClock } from './live-source';
import type { TimelineStore } from './store';
import { type FromTimelineWorker, type ToPainter, type ToTimelineWorker } from './worker-protocol';

/** How long stop() waits for the worker to delete its consumer before ending it anyway. */
const STOP_GRACE_MS = 5000;

/** A new reader worker, or null where workers are unavailable (the page then reads itself). */
export function newTimelineWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./timeline.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * A new painter worker with a channel from the reader: `port` goes to the reader's 'start'.
 */
export function newPainterWorker(): { worker: Worker; port: MessagePort } {
  const worker = new Worker(new URL('./painter.worker.ts', import.meta.url), { type: 'module' });
  const ch = new MessageChannel();
  const m: ToPainter = { type: 'port', port: ch.port2 };
  worker.postMessage(m, [ch.port2]);
  return { worker, port: ch.port1 };
}

/** Follows `stream` through `worker` into `store`. */
export function startWorkerSource(
  worker: Worker,
  client: NatsClient,
  store: TimelineStore,
  o: {
    stream: string;
    windowMs: number;
    clock: TimelineClock;
    /** The painter's channel (see newPainterWorker), when a painter worker draws the canvas. */
    painter?: MessagePort | null;
  },
): { stop(): Promise<void> } {
  let stopped = false;
  let onStopped = () => {};
  const done = new Promise<void>((r) => (onStopped = r));
  const send = (m: ToTimelineWorker, transfer: Transferable[] = []) =>
    worker.postMessage(m, transfer);
  let consumers: [string, string][] = [];
  const untrack = addWorkerConsumers(() => consumers);
  worker.onmessage = (ev: MessageEvent<FromTimelineWorker>) => {
    const m = ev.data;
    if (m.type === 'events') store.push(m.events);
    else if (m.type === 'consumers') consumers = m.consumers;
    else if (m.type === 'status') store.noteConnection(m.state, m.reconnects);
    else if (m.type === 'anomalies') store.setAnomalies(m.count);
    else if (m.type === 'backfill') store.setBackfillTarget(m.seq);
    else if (m.type === 'error') store.setError(m.message);
    else onStopped();
  };
  worker.onerror = (e) => {
    e.preventDefault();
    store.setError(`the timeline's reader stopped: ${e.message || 'worker error'}`);
  };
  const { spec, preferFirst } = preferServer(
    client.connectSpec(),
    client.getSnapshot().server?.url,
  );
  const painter = o.painter ?? null;
  send(
    {
      type: 'start',
      spec,
      preferFirst,
      stream: o.stream,
      windowMs: o.windowMs,
      clock: o.clock,
      painter,
    },
    painter ? [painter] : [],
  );
  // Leaving the page: ask the worker to delete its consumer while the page unloads.
  const onHide = () => send({ type: 'stop' });
  addEventListener('pagehide', onHide);
  return {
    stop: async () => {
      if (stopped) return;
      stopped = true;
      removeEventListener('pagehide', onHide);
      send({ type: 'stop' });
      await Promise.race([done, new Promise((r) => setTimeout(r, STOP_GRACE_MS))]);
      untrack();
      worker.onmessage = null;
      worker.terminate();
    },
  };
}
