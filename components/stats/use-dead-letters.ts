'use client';

import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useConnectionStatus, useNatsClient } from '@/components/nats/nats-provider';
import { deadLetterHistoryQuery } from '@/components/queries/stats';
import { mergeDeadLetters, watchDeadLetters, type DeadLetter } from '@/lib/stats/dead-letters';

/** Dead letters kept in the list (history + live). */
export const DEAD_LETTER_CAP = 2000;

/**
 * Dead letters of `stream`: history from the advisory stream (read once) merged with live
 * advisories from a core subscription that runs while the page is open.
 */
export function useDeadLetters(advisoryStream: string, stream: string) {
  const client = useNatsClient();
  const status = useConnectionStatus();
  const connected = status.state === 'connected';
  const history = useQuery({ ...deadLetterHistoryQuery(advisoryStream, stream), enabled: connected, staleTime: Infinity });
  const [live, setLive] = useState<{ stream: string; items: DeadLetter[] }>({ stream, items: [] });

  useEffect(() => {
    if (!client || !connected) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    void client.connection().then((nc) => {
      if (cancelled) return;
      const w = watchDeadLetters(nc, stream, (batch) =>
        setLive((prev) => ({ stream, items: mergeDeadLetters(batch, prev.stream === stream ? prev.items : [], DEAD_LETTER_CAP) })),
      );
      stop = w.stop;
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [client, connected, stream]);

  const items = useMemo(
    () => mergeDeadLetters(live.stream === stream ? live.items : [], history.data?.items ?? [], DEAD_LETTER_CAP),
    [live, stream, history.data],
  );
  return { items, history, liveCount: live.stream === stream ? live.items.length : 0 };
}
