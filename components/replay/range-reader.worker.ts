/// <reference lib="webworker" />
/**
 * Reads replay ranges off the main thread: its own NATS connection (same servers and auth as
 * the tab, reconnecting forever), readRange with its ordered consumer and failover handling,
 * and each batch posted to the page packed (lib/replay/wire.ts) with its buffers transferred.
 * WebSocket frame parsing and message building then never compete with the page's rendering.
 * Read-only like every reader: readRange deletes its consumer when a read ends or is aborted;
 * "close" aborts what is running, waits for those deletes, then closes the connection.
 */
import { wsconnect, type NatsConnection } from '@nats-io/nats-core';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connectOptions } from '@/lib/nats/connection';
import { readRange } from '@/lib/stream/reader';
import { packBatch, toWireError, transferables, type FromWorker, type ToWorker } from '@/lib/replay/wire';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

let conn: Promise<{ nc: NatsConnection; js: JetStreamClient; stream: string }> | null = null;
const reads = new Map<number, { ac: AbortController; done: Promise<unknown> }>();

function read(id: number, req: Extract<ToWorker, { type: 'read' }>['req']) {
  const ac = new AbortController();
  const done = (async () => {
    try {
      if (!conn) throw new Error('the reader worker was not opened');
      const { js, stream } = await conn;
      const result = await readRange(js, stream, {
        ...req,
        signal: ac.signal,
        onBatch: (msgs, pending) => {
          const batch = packBatch(msgs);
          post({ type: 'batch', id, batch, pending }, transferables(batch));
        },
      });
      post({ type: 'result', id, result });
    } catch (e) {
      post({ type: 'error', id, error: toWireError(e) });
    } finally {
      reads.delete(id);
    }
  })();
  reads.set(id, { ac, done });
}

async function close() {
  for (const r of reads.values()) r.ac.abort();
  await Promise.allSettled([...reads.values()].map((r) => r.done));
  const c = await conn?.catch(() => null);
  await c?.nc.close().catch(() => {});
  post({ type: 'closed' });
  scope.close();
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  if (m.type === 'open') {
    // preferFirst: start on the tab's server (servers[0]) rather than a random one, so the
    // read lives where the tab's connection does (and a failover there is a failover here).
    conn ??= wsconnect({ ...connectOptions(m.spec), noRandomize: m.preferFirst }).then((nc) => ({ nc, js: jetstream(nc), stream: m.stream }));
    // A failed connect is reported by each read (with its id), which awaits `conn`.
    conn.catch(() => {});
  } else if (m.type === 'read') read(m.id, m.req);
  else if (m.type === 'abort') reads.get(m.id)?.ac.abort();
  else void close();
};
