/**
 * The tab's reader consumers to delete when it goes (pagehide): its own (lib/stream/follow.ts,
 * fetch-page.ts) and those its reader workers report. Kept apart from reader-worker.ts so the
 * tab's client (components/nats/client-registry.ts) can use it without the worker's code.
 */
import type { NatsClient } from '@/lib/nats/connection';
import { liveReaderConsumers } from './follow';
import type { RemoteReader } from './remote-reader';

/** Worker readers not closed yet: their consumers are the tab's to delete if it goes. */
export const openWorkerReaders = new Set<RemoteReader>();

/**
 * Deletes every reader consumer of this tab not deleted yet — its own and its workers' — on
 * the tab's connection: for the tab going (pagehide), which ends the workers before their
 * deletes get out. Requests written at once; their replies do not matter. The consumers'
 * 30 s inactivity threshold is the backstop.
 */
export function deleteTabReaderConsumers(client: NatsClient): void {
  const gone = [...liveReaderConsumers(), ...[...openWorkerReaders].flatMap((r) => r.consumers())];
  if (!gone.length) return;
  void client
    .connection()
    .then((nc) => {
      for (const [name, stream] of gone) nc.request(`$JS.API.CONSUMER.DELETE.${stream}.${name}`, undefined, { timeout: 2000 }).catch(() => {});
    })
    .catch(() => {});
}
