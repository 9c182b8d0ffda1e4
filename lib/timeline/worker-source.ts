/**
 * The page's side of the timeline's reader worker (timeline.worker.ts): starts it on the tab's
 * servers, feeds what it posts into the store (decoded events, its connection states for the
 * gap marks, the backfill target, errors) and stops it — letting it delete its consumer and
 * close its connection first — when the session ends or the page is left.
 */
import { preferServer, type NatsClient } from '@/lib/nats/connection';
import type { TimelineStore } from './store';
import { type FromTimelineWorker, type ToTimelineWorker } from './worker-protocol';

/** How long stop() waits for the worker to delete its consumer before ending it anyway. */
const STOP_GRACE_MS = 5000;

/** A new reader worker, or null where workers are unavailable (the page then reads itself). */
export function newTimelineWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./timeline.worker.ts', import.meta.url), { type: 'module' });
}

/** Follows `stream` through `worker` into `store`. */
export function startWorkerSource(
  worker: Worker,
  client: NatsClient,
  store: TimelineStore,
  o: {
    stream: string;
    windowMs: number;
    /** Frames the worker drew into the page's canvas (when it draws it). */
    onDrawn?: (m: Extract<FromTimelineWorker, { type: 'drawn' }>) => void;
  },
): { stop(): Promise<void> } {
  let stopped = false;
  let onStopped = () => {};
  const done = new Promise<void>((r) => (onStopped = r));
  const send = (m: ToTimelineWorker) => worker.postMessage(m);
  worker.onmessage = (ev: MessageEvent<FromTimelineWorker>) => {
    const m = ev.data;
    if (m.type === 'events') store.push(m.key, m.events);
    else if (m.type === 'status') store.noteConnection(m.state, m.reconnects);
    else if (m.type === 'backfill') store.setBackfillTarget(m.seq);
    else if (m.type === 'error') store.setError(m.message);
    else if (m.type === 'drawn') o.onDrawn?.(m);
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
  send({ type: 'start', spec, preferFirst, stream: o.stream, windowMs: o.windowMs });
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
      worker.onmessage = null;
      worker.terminate();
    },
  };
}
