/// <reference lib="webworker" />
/**
 * The stream-reader worker's entry (lib/workers/ holds the entries that wire lib/stream's reads
 * to a feature's logic: here the search's scan, lib/browse/scan.ts). Reads streams off the main thread: its own NATS connection (same servers and auth as the
 * tab, reconnecting forever) serving range reads (the replay) and whole-stream scans (the
 * search). Each batch or set of matches is posted to the page packed (wire.ts) with its
 * buffers transferred; a scan's matcher runs here, so only matches cross. WebSocket frame
 * parsing, message building and matching then never compete with the page's rendering.
 * Read-only like every reader: readRange deletes its consumer when a read ends or is aborted;
 * "close" aborts what is running, waits for those deletes, then closes the connection.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { localScanner } from '@/lib/browse/scan';
import { WorkerConnection } from '@/lib/nats/worker-connection';
import { readRange, readRangeInto } from '@/lib/stream/reader';
import { watchReaderConsumers } from '@/lib/stream/follow';
import { RawPacker, packBatch, rawTransferables, transferables } from '@/lib/stream/pack';
import { toWireError, type FromWorker, type ToWorker } from '@/lib/stream/wire';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

// The page deletes these on its own connection if the tab goes (this worker ends with it).
watchReaderConsumers((consumers) => post({ type: 'consumers', consumers }));

let conn: { link: WorkerConnection; stream: string } | null = null;
const jobs = new Map<number, { ac: AbortController; done: Promise<unknown> }>();

/** Runs one job (a read or a scan) under its id: abortable, its failure posted as an error. */
function run(
  id: number,
  job: (js: JetStreamClient, stream: string, signal: AbortSignal) => Promise<void>,
) {
  const ac = new AbortController();
  const done = (async () => {
    try {
      if (!conn) throw new Error('the reader worker was not opened');
      const { js } = await conn.link.get();
      await job(js, conn.stream, ac.signal);
    } catch (e) {
      post({ type: 'error', id, error: toWireError(e) });
    } finally {
      jobs.delete(id);
    }
  })();
  jobs.set(id, { ac, done });
}

function read(id: number, req: Extract<ToWorker, { type: 'read' }>['req']) {
  run(id, async (js, stream, signal) => {
    const result = await readRange(js, stream, {
      ...req,
      signal,
      onBatch: (msgs, pending) => {
        const batch = packBatch(msgs);
        post({ type: 'batch', id, batch, pending }, transferables(batch));
      },
    });
    post({ type: 'result', id, result });
  });
}

/** A range read packed straight from nats.js's messages (RawBatch: no object per message here). */
function readRaw(id: number, req: Extract<ToWorker, { type: 'readRaw' }>['req']) {
  run(id, async (js, stream, signal) => {
    const packer = new RawPacker(req.batchSize);
    const result = await readRangeInto(
      js,
      stream,
      { ...req, signal },
      {
        add: (m) => packer.add(m),
        size: () => packer.size(),
        flush: (pending) => {
          const batch = packer.take();
          post({ type: 'rawBatch', id, batch, pending }, rawTransferables(batch));
        },
      },
    );
    post({ type: 'result', id, result });
  });
}

function scan(id: number, req: Extract<ToWorker, { type: 'scan' }>['req']) {
  run(id, async (js, stream, signal) => {
    const result = await localScanner(
      js,
      stream,
    )({
      ...req,
      signal,
      onMatches: (msgs) => {
        const batch = packBatch(msgs);
        post({ type: 'matches', id, batch }, transferables(batch));
      },
      onProgress: (progress) => post({ type: 'progress', id, progress }),
    });
    post({ type: 'scanned', id, result });
  });
}

async function close() {
  for (const j of jobs.values()) j.ac.abort();
  await Promise.allSettled([...jobs.values()].map((j) => j.done));
  await conn?.link.close();
  post({ type: 'closed' });
  scope.close();
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  if (m.type === 'open') {
    // preferFirst: start on the tab's server (servers[0]) rather than a random one, so the
    // read lives where the tab's connection does (and a failover there is a failover here).
    // A failed connect is reported by each job (with its id); a closed one is replaced.
    conn ??= { link: new WorkerConnection(m.spec, m.preferFirst), stream: m.stream };
  } else if (m.type === 'read') read(m.id, m.req);
  else if (m.type === 'scan') scan(m.id, m.req);
  else if (m.type === 'readRaw') readRaw(m.id, m.req);
  else if (m.type === 'abort') jobs.get(m.id)?.ac.abort();
  else void close();
};
