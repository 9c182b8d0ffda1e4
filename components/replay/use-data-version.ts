'use client';

import { useCallback, useSyncExternalStore } from 'react';
import type { ReplayData } from '@/lib/replay/store';

/**
 * While a range loads, at most one change per this many ms (then in the next frame): each
 * costs a render with style, layout and paint, CPU the read needs (clock.ts WAIT_MS).
 */
const LOADING_MS = 1000;
const noop = () => () => {};
const zero = () => 0;

/**
 * The replay's version for React, throttled: the store notifies once per loaded batch; views
 * that depend on every event (density strip, lanes, counts) get the change in an animation
 * frame, and while the range loads at most every LOADING_MS (every render also costs style,
 * layout and paint, taken from the CPU that reads the batches). Everything they read is
 * extended per batch (store.ts), so such a render costs O(batch), not O(events).
 * `onChange` runs in the same frame, just before: a playhead following the load moves there,
 * so its move and the version's change are one render (React batches the two updates).
 * Pass a stable function (it resubscribes when it changes).
 */
export function useDataVersion(data: ReplayData | null, onChange?: () => void): number {
  const subscribe = useCallback(
    (cb: () => void) => {
      if (!data) return () => {};
      let raf = 0;
      let timer: ReturnType<typeof setTimeout> | null = null;
      let last = 0;
      const fire = () => {
        raf = 0;
        last = performance.now();
        onChange?.();
        cb();
      };
      const un = data.subscribe(() => {
        const loading = data.info.status === 'loading';
        // The load ended while a throttled change waits: show the outcome in the next frame,
        // not up to LOADING_MS later.
        if (timer && !loading) {
          clearTimeout(timer);
          timer = null;
        }
        if (raf || timer) return;
        const wait = loading ? LOADING_MS - (performance.now() - last) : 0;
        if (wait <= 0) raf = requestAnimationFrame(fire);
        else
          timer = setTimeout(() => {
            timer = null;
            raf = requestAnimationFrame(fire);
          }, wait);
      });
      return () => {
        un();
        if (raf) cancelAnimationFrame(raf);
        if (timer) clearTimeout(timer);
      };
    },
    [data, onChange],
  );
  return useSyncExternalStore(data ? subscribe : noop, data?.getSnapshot ?? zero, zero);
}
