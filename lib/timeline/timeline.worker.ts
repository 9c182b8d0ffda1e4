/// <reference lib="webworker" />
/**
 * The timeline's reader: its own NATS connection (the tab's servers and auth, reconnecting
 * forever, starting on the tab's server), one ordered consumer from `now - window` into live
 * (live-source.ts: backfill and live are one read, resumed after reconnects with no gap and no
 * duplicate), each batch decoded and posted to the page and, when one draws the canvas, to the
 * painter worker (worker-protocol.ts). It does nothing else, so it stays ahead of the stream.
 * Read-only: "stop" (and the page leaving) stops the consumer — which deletes it — then closes
 * the connection.
 */
import { WorkerConnection } from '@/lib/nats/worker-connection';
import { watchReaderConsumers } from '@/lib/stream/follow';
import { startLiveSource, type LiveConn, type LiveSource } from './live-source';
import { PostingSink, type FromTimelineWorker, type ToTimelineWorker } from './worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromTimelineWorker) => scope.postMessage(m);
// The page deletes these on its own connection if the tab goes (this worker ends with it).
watchReaderConsumers((consumers) => post({ type: 'consumers', consumers }));

/** How the page's batches are gathered when a painter draws (PostingSink). */
const PAGE_BATCH = { ms: 100, max: 2000 };

let conn: WorkerConnection | null = null;
let source: LiveSource | null = null;
let painter: MessagePort | null = null;
let stopping: Promise<void> | null = null;

function start(m: Extract<ToTimelineWorker, { type: 'start' }>) {
  // Connection states go to the page for its gap marks, as the tab's client reports its own.
  const c = new WorkerConnection(m.spec, m.preferFirst, (s) => post({ type: 'status', ...s }));
  conn = c;
  const getConn = (): Promise<LiveConn> => c.get();
  painter = m.painter;
  const port = painter;
  // With a painter drawing, the page gets gathered batches (see PostingSink).
  const sink = port
    ? new PostingSink(post, (e) => port.postMessage(e), PAGE_BATCH)
    : new PostingSink(post);
  source = startLiveSource(getConn, sink, {
    stream: m.stream,
    windowMs: m.windowMs,
    clock: m.clock,
  });
}

async function stop() {
  await source?.stop().catch(() => {});
  painter?.close();
  await conn?.close();
  post({ type: 'stopped' });
  scope.close();
}

scope.onmessage = (ev: MessageEvent<ToTimelineWorker>) => {
  const m = ev.data;
  if (m.type === 'start') {
    if (!source && !stopping) start(m);
  } else stopping ??= stop();
};
