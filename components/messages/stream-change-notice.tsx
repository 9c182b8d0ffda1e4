'use client';

import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { NatsClient } from '@/lib/nats/connection';
import { StreamWatch, type StreamChange } from '@/lib/stream/stream-watch';
import { Notice } from '@/components/ui/notice';

const OK: StreamChange = { kind: 'ok' };

/** Whether `stream` was deleted, recreated or purged since the page loaded it (lib/stream/stream-watch.ts). */
export function useStreamChange(client: NatsClient | null, stream: string): StreamChange {
  const watch = useMemo(
    () =>
      client
        ? new StreamWatch(
            async () => ({ nc: await client.connection(), jsm: await client.jsm() }),
            stream,
          )
        : null,
    [client, stream],
  );
  useEffect(() => {
    watch?.start();
    return () => watch?.stop();
  }, [watch]);
  return useSyncExternalStore(
    watch?.subscribe ?? noop,
    watch?.getSnapshot ?? ok,
    watch?.getSnapshot ?? ok,
  );
}
const noop = () => () => {};
const ok = () => OK;

/** Reloads the page without the positions of the old stream (its sequences mean nothing now). */
function reload() {
  const u = new URL(window.location.href);
  for (const k of ['seq', 'time', 'open']) u.searchParams.delete(k);
  window.location.assign(u.toString());
}

const held = (c: { firstSeq: number; lastSeq: number }) =>
  c.lastSeq >= c.firstSeq ? `it now holds seq ${c.firstSeq}–${c.lastSeq}` : 'it is empty now';

/** Says the stream changed under the page, with a Reload button; nothing while it has not. */
export function StreamChangeNotice({ stream, change }: { stream: string; change: StreamChange }) {
  if (change.kind === 'ok') return null;
  const action = (
    <button type="button" className="text-accent underline" onClick={reload}>
      Reload
    </button>
  );
  if (change.kind === 'deleted') {
    return (
      <Notice tone="warn" title={`Stream “${stream}” was deleted`}>
        The rows and the message shown below are what it held; none of them is on the server any
        more. {action} when it is back.
      </Notice>
    );
  }
  if (change.kind === 'recreated') {
    return (
      <Notice tone="warn" title={`Stream “${stream}” was deleted and created again`}>
        The rows and the message shown below are from the old stream: their sequence numbers now
        mean other messages ({held(change)}). {action} to read the new stream.
      </Notice>
    );
  }
  return (
    <Notice tone="warn" title={`Stream “${stream}” was purged`}>
      Every message shown below is gone from the stream ({held(change)}). {action} to read what it
      holds.
    </Notice>
  );
}
