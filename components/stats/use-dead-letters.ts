'use client';

import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useConnectionStatus, useNatsClient } from '@/components/nats/nats-provider';
import { deadLetterHistoryQuery } from '@/components/queries/stats';
import { sortAdvisories, timeBounds } from '@/lib/stats/advisories';
import { mergeAdvisories, watchDeadLetters, type Advisory } from '@/lib/stats/dead-letters';

/** Dead letters kept in the list (history + live). */
export const DEAD_LETTER_CAP = 2000;

/**
 * Advisories of `stream`: history from the advisory stream (read once) merged with live
 * advisories from a core subscription that runs while the page is open, split into dead
 * letters, other events and malformed (forged or broken) ones. `span`: the stream's creation
 * and last message times (unknown until its info is read) and when they were read; an
 * advisory dated before the stream or after the latest reading or arrival (plus a margin) is
 * malformed.
 */
export function useDeadLetters(
  advisoryStream: string,
  stream: string,
  span: { created?: string; lastTs?: string; readAtMs: number },
) {
  const client = useNatsClient();
  const status = useConnectionStatus();
  const connected = status.state === 'connected';
  const history = useQuery({
    ...deadLetterHistoryQuery(advisoryStream, stream),
    enabled: connected,
    staleTime: Infinity,
  });
  const [live, setLive] = useState<{ stream: string; items: Advisory[]; atMs: number }>({
    stream,
    items: [],
    atMs: 0,
  });

  useEffect(() => {
    if (!client || !connected) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    void client.connection().then((nc) => {
      if (cancelled) return;
      const w = watchDeadLetters(nc, stream, (batch) =>
        setLive((prev) => ({
          stream,
          items: mergeAdvisories(batch, prev.stream === stream ? prev.items : [], DEAD_LETTER_CAP),
          atMs: Date.now(),
        })),
      );
      stop = w.stop;
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [client, connected, stream]);

  const { created, lastTs, readAtMs } = span;
  const sorted = useMemo(() => {
    const bounds = timeBounds(
      created,
      lastTs,
      Math.max(readAtMs, live.atMs, history.dataUpdatedAt),
    );
    return sortAdvisories(
      [...(live.stream === stream ? live.items : []), ...(history.data?.items ?? [])],
      bounds,
      DEAD_LETTER_CAP,
    );
  }, [live, stream, history.data, history.dataUpdatedAt, created, lastTs, readAtMs]);
  // Malformed ones kept in the advisory stream on dead-letter subjects: the stream's per-subject
  // count includes them, the dead-letter total must not.
  const malformedStored = sorted.malformed.filter(
    (m) =>
      m.advisorySeq !== undefined && (m.claims === 'max deliveries' || m.claims === 'terminated'),
  ).length;
  return {
    items: sorted.deadLetters,
    events: sorted.events,
    malformed: sorted.malformed,
    malformedStored,
    history,
    liveCount: live.stream === stream ? live.items.length : 0,
  };
}
