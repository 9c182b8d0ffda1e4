'use client';

import { startTransition, useEffect, useLayoutEffect, useState } from 'react';
import type { TimelineHeader, TimelineSnapshot, TimelineStore } from '@/lib/timeline/store';
import type { ViewStore } from '@/lib/timeline/view-store';

/**
 * A store value that React renders as a transition: the render is time-sliced (React yields to
 * the browser every few ms) instead of one task. (useSyncExternalStore renders synchronously:
 * the first data of a session — log rows, lanes, filters mounting at once — was one 12–19 ms
 * task of CPU, 35–70 ms of wall time on a busy machine.) Each value is an immutable snapshot,
 * so showing one a frame late cannot tear.
 */
function useTransitionStore<T>(subscribe: (l: () => void) => () => void, get: () => T): T {
  const [value, setValue] = useState(get);
  useEffect(() => {
    const update = () => {
      const next = get();
      startTransition(() => setValue(next));
    };
    update(); // a change between the render and this effect
    return subscribe(update);
  }, [subscribe, get]);
  return value;
}

/** The fields the page's frame renders (see TimelineStore.getHeader). */
export function useTimelineHeader(store: TimelineStore): TimelineHeader {
  return useTransitionStore(store.subscribe, store.getHeader);
}

/**
 * The whole snapshot, for the small parts of the page that show its counts (counters, log,
 * lane list, waiting count): they re-render with each snapshot, the rest of the page does not.
 * Notes each commit for the in-page canvas (see ViewStore.domChangedAt).
 */
export function useTimelineSnapshot(store: TimelineStore, view: ViewStore): TimelineSnapshot {
  const s = useTransitionStore(store.subscribe, store.getSnapshot);
  useLayoutEffect(() => view.noteDomChange());
  return s;
}
