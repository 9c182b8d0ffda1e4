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
import { wsconnect, type NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connectOptions } from '@/lib/nats/connection';
import { watchReaderConsumers } from '@/lib/stream/follow';
import { startLiveSource, type LiveConn, type LiveSource } from './live-source';
import { PostingSink, type FromTimelineWorker, type ToTimelineWorker } from './worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromTimelineWorker) => scope.postMessage(m);
// The page deletes these on its own connection if the tab goes (this worker ends with it).
watchReaderConsumers((consumers) => post({ type: 'consumers', consumers }));

/** How the page's batches are gathered when a painter draws (PostingSink). */
const PAGE_BATCH = { ms: 100, max: 2000 };

let conn: Promise<LiveConn> | null = null;
let source: LiveSource | null = null;
let painter: MessagePort | null = null;
let stopping: Promise<void> | null = null;
let reconnects = 0;
let connections = 0;

/** Connection states for the page's gap marks, as the tab's client reports its own. */
async function watch(nc: NatsConnection) {
  // A connection after the first (the previous one closed) ends a gap like a reconnect.
  post({ type: 'status', state: 'connected', reconnects: connections++ > 0 ? ++reconnects : 0 });
  void nc.closed().then(() => {
    if (!stopping) post({ type: 'status', state: 'reconnecting', reconnects });
  });
  for await (const s of nc.status()) {
    if (s.type === 'disconnect' || s.type === 'reconnecting')
      post({ type: 'status', state: 'reconnecting', reconnects });
    else if (s.type === 'reconnect')
      post({ type: 'status', state: 'connected', reconnects: ++reconnects });
  }
}

function start(m: Extract<ToTimelineWorker, { type: 'start' }>) {
  const open = async (): Promise<LiveConn> => {
    const nc = await wsconnect({ ...connectOptions(m.spec), noRandomize: m.preferFirst });
    void watch(nc);
    return { nc, js: jetstream(nc), jsm: await jetstreamManager(nc, { checkAPI: false }) };
  };
  // A closed connection (not a reconnect: nats.js resumes those itself) is replaced here.
  const getConn = async (): Promise<LiveConn> => {
    const c = conn ? await conn.catch(() => null) : null;
    if (c && !c.nc.isClosed()) return c;
    conn = open();
    return conn;
  };
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
  const c = conn ? await conn.catch(() => null) : null;
  await c?.nc.close().catch(() => {});
  post({ type: 'stopped' });
  scope.close();
}

scope.onmessage = (ev: MessageEvent<ToTimelineWorker>) => {
  const m = ev.data;
  if (m.type === 'start') {
    if (!source && !stopping) start(m);
  } else stopping ??= stop();
};
