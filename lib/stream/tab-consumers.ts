/**
 * The tab's reader consumers to delete when it goes (pagehide): its own (lib/stream/follow.ts,
 * fetch-page.ts) and those its workers report (the reader worker, the timeline's). Kept apart from reader-worker.ts so the
 * tab's client (components/nats/client-registry.ts) can use it without the worker's code.
 */
import type { NatsClient } from '@/lib/nats/connection';
import { liveReaderConsumers } from './follow';

/** Workers' consumer lists (as each last reported them): the tab's to delete if it goes. */
const workerSources = new Set<() => [string, string][]>();

/** Adds a worker's live consumers ([name, stream], as it last said) until the returned remove. */
export function addWorkerConsumers(list: () => [string, string][]): () => void {
  workerSources.add(list);
  return () => void workerSources.delete(list);
}

/**
 * Deletes every reader consumer of this tab not deleted yet — its own and its workers' — on
 * the tab's connection: for the tab going (pagehide), which ends the workers before their
 * deletes get out. Requests written at once; their replies do not matter. The consumers'
 * 30 s inactivity threshold is the backstop.
 */
export function deleteTabReaderConsumers(client: NatsClient): void {
  const gone = [...liveReaderConsumers(), ...[...workerSources].flatMap((list) => list())];
  if (!gone.length) return;
  void client
    .connection()
    .then((nc) => {
      for (const [name, stream] of gone)
        nc.request(`$JS.API.CONSUMER.DELETE.${stream}.${name}`, undefined, { timeout: 2000 }).catch(
          () => {},
        );
    })
    .catch(() => {});
}
