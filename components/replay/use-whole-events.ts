'use client';

import { useEffect, useMemo, useState } from 'react';
import type { ReplayEvent } from '@/lib/replay/event';
import type { ReplayData } from '@/lib/replay/store';

export type WholeEvents = {
  /** Every event so far; while `reading`, dropped payloads are empty stand-ins. */
  events: ReplayEvent[];
  /** True while the payloads dropped by the budget are read again. */
  reading: boolean;
  /** Why they could not be read again, or null. */
  error: string | null;
};

/**
 * A loaded scope's events for views that need every message's content at once (a task's story,
 * a compare side). While the scope loads: what is at hand, per `version`. Once it is done and
 * the payload budget dropped some (a scope of large payloads): those read again from the stream,
 * so no view ever shows or compares an empty stand-in as if it were the message.
 */
export function useWholeEvents(data: ReplayData | null, version: number): WholeEvents | null {
  const done = data?.info.status === 'done';
  const atHand = useMemo(
    () => (data ? data.events.toArray() : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for the events appended so far
    [data, version],
  );
  const needsRead = !!data && done && data.events.evicted;
  const [read, setRead] = useState<{
    data: ReplayData;
    events: ReplayEvent[] | null;
    error: string | null;
  } | null>(null);
  useEffect(() => {
    if (!needsRead || !data) return;
    const ac = new AbortController();
    data.events.wholeEvents(ac.signal).then(
      (events) => {
        if (!ac.signal.aborted) setRead({ data, events, error: null });
      },
      (err: unknown) => {
        if (!ac.signal.aborted)
          setRead({ data, events: null, error: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => ac.abort();
  }, [needsRead, data]);
  // One object per change (not per render): the views memoize their folds on it.
  return useMemo((): WholeEvents | null => {
    if (!data || !atHand) return null;
    if (!needsRead) return { events: atHand, reading: false, error: null };
    const mine = read?.data === data ? read : null;
    if (mine?.events) return { events: mine.events, reading: false, error: null };
    return {
      events: atHand,
      reading: !mine,
      error: mine?.error
        ? `Some message contents could not be read again, so they are shown empty: ${mine.error}`
        : null,
    };
  }, [data, atHand, needsRead, read]);
}
