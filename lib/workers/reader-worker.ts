/**
 * Starting the stream-reader worker (reader.worker.ts, beside it) from a page: one spare worker can be
 * started before it is needed (no connection yet), so loading and compiling its script
 * overlaps the tab's connect instead of delaying the first read or scan.
 */
import { preferServer, type NatsClient } from '@/lib/nats/connection';
import { remoteReader, type RemoteReader, type WorkerPort } from '@/lib/stream/remote-reader';
import { addWorkerConsumers } from '@/lib/stream/tab-consumers';

const newWorker = () =>
  new Worker(new URL('./reader.worker.ts', import.meta.url), {
    type: 'module',
    name: 'stream reader',
  });

let spare: Worker | null = null;

/** Starts the spare worker if there is none (no-op where workers are unavailable). */
export function prewarmReaderWorker(): void {
  if (spare || typeof Worker === 'undefined') return;
  try {
    spare = newWorker();
  } catch {
    spare = null;
  }
}

/** Ends the spare worker (the page that wanted it is gone). */
export function dropSpareReaderWorker(): void {
  spare?.terminate();
  spare = null;
}

/**
 * A reader in a Web Worker with its own connection (like the tab's, starting on the tab's
 * server): its frame parsing then runs beside the page's rendering, not in turns with it.
 * Null where workers are unavailable; the caller then reads on the tab's connection.
 */
export function openWorkerReader(client: NatsClient, stream: string): RemoteReader | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const w = spare ?? newWorker();
    spare = null;
    const { spec, preferFirst } = preferServer(
      client.connectSpec(),
      client.getSnapshot().server?.url,
    );
    const r = remoteReader(w as unknown as WorkerPort, spec, stream, preferFirst);
    const untrack = addWorkerConsumers(r.consumers);
    const close = r.close;
    r.close = () => {
      untrack();
      close();
    };
    return r;
  } catch {
    return null;
  }
}
