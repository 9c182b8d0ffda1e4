'use client';

import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { NatsClient } from '@/lib/nats/connection';
import { readRange, type StartAt } from '@/lib/stream/reader';
import { openWorkerReader } from '@/lib/workers/reader-worker';
import { AllTasks, loadAllTasks } from '@/lib/tasks/all-tasks';

/**
 * All tasks of `stream` (the last `windowMs`, else the whole stream), read when connected:
 * through the reader worker when there is one, else on the tab's connection. Leaving aborts.
 */
export function useAllTasks(
  client: NatsClient | null,
  connected: boolean,
  stream: string,
  windowMs: number | null,
): AllTasks | null {
  const ready = !!client && connected;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new store per read
  const store = useMemo(() => (ready ? new AllTasks() : null), [ready, stream, windowMs]);
  useEffect(() => {
    if (!store || !client) return;
    const ac = new AbortController();
    // The window's start is fixed when the read starts.
    const start: StartAt = windowMs
      ? { kind: 'time', time: new Date(Date.now() - windowMs) }
      : { kind: 'first' };
    const remote = openWorkerReader(client, stream);
    if (remote) {
      window.addEventListener('pagehide', remote.close, { once: true });
      void loadAllTasks(stream, remote.read, remote.readRaw, store, {
        start,
        signal: ac.signal,
      }).finally(() => {
        window.removeEventListener('pagehide', remote.close);
        remote.close();
      });
    } else {
      void client.js().then((js) =>
        loadAllTasks(stream, (o) => readRange(js, stream, o), null, store, {
          start,
          signal: ac.signal,
        }),
      );
    }
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the store is the read
  }, [store]);
  useSyncExternalStore(store?.subscribe ?? noop, store?.getSnapshot ?? zero, zero);
  return store;
}

const noop = () => () => {};
const zero = () => 0;
