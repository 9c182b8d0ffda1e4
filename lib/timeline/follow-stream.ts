/**
 * Starts the timeline's read for a session: in a Web Worker when the browser has them (NATS
 * parsing and decoding off the main thread, its connection states marking the gaps), else on
 * the page with the tab's connection (and the tab's states marking the gaps). With
 * OffscreenCanvas too, a second worker draws the canvas, fed by the reader (painter-link.ts).
 */
import type { NatsClient } from '@/lib/nats/connection';
import { startLiveSource, type TimelineClock } from '@/lib/timeline/live-source';
import type { TimelineStore } from '@/lib/timeline/store';
import {
  newPainterWorker,
  newTimelineWorker,
  startWorkerSource,
} from '@/lib/timeline/worker-source';
import { canDrawInWorker, decidePainter, workerPainterLink } from './painter-link';

/**
 * How soon the page applies new data when the painter draws (see setIngestInterval): the
 * reader then gathers the page's batches (every 100 ms, PostingSink), so this only moves the
 * merge out of the message's task; no frame is requested for it.
 */
const PAGE_INGEST_MS = 10;

/** Follows `stream` into `store`; returns the stop function. */
export function followStream(
  client: NatsClient,
  store: TimelineStore,
  o: { stream: string; windowMs: number; clock: TimelineClock },
): () => Promise<void> {
  const worker = newTimelineWorker();
  if (worker) {
    let src: { stop(): Promise<void> } | null = null;
    let stopped = false;
    const painter = canDrawInWorker() ? newPainterWorker() : null;
    if (painter)
      painter.worker.onerror = (e) => {
        e.preventDefault();
        store.setError(`the timeline's painter stopped: ${e.message || 'worker error'}`);
      };
    // Decided now, so the canvas can be handed to the painter while the read starts.
    decidePainter(store, painter ? workerPainterLink(painter.worker) : null);
    // The painter draws from its own model: the page's needs no update every frame.
    if (painter) store.setIngestInterval(PAGE_INGEST_MS);
    // Once the tab is connected its server is known, and the worker starts on the same one
    // (a failover there is then a failover here: the gap marks match the header).
    const begin = () => {
      if (!stopped)
        src = startWorkerSource(worker, client, store, { ...o, painter: painter?.port });
    };
    void client.connection().then(begin, begin);
    return async () => {
      stopped = true;
      decidePainter(store, undefined);
      if (src) await src.stop();
      else worker.terminate();
      painter?.worker.terminate();
    };
  }
  decidePainter(store, null);
  const src = startLiveSource(
    async () => ({ nc: await client.connection(), js: await client.js(), jsm: await client.jsm() }),
    store,
    o,
  );
  const note = () => {
    const s = client.getSnapshot();
    store.noteConnection(s.state, s.reconnects);
  };
  note();
  const off = client.subscribe(note);
  return async () => {
    off();
    decidePainter(store, undefined);
    await src.stop();
  };
}
