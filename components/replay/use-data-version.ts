'use client';

import { useCallback, useSyncExternalStore } from 'react';
import type { ReplayData } from '@/lib/replay/store';

const THROTTLE_MS = 200;
const noop = () => () => {};
const zero = () => 0;

/**
 * The replay's version for React, throttled: while a range loads, the views that depend on
 * every event (density strip, lanes, counts) re-render at most every 200 ms, not per batch,
 * so loading stays as fast as the consumer.
 */
export function useDataVersion(data: ReplayData | null): number {
  const subscribe = useCallback(
    (cb: () => void) => {
      if (!data) return () => {};
      let timer: ReturnType<typeof setTimeout> | null = null;
      const un = data.subscribe(() => {
        if (data.info.status !== 'loading') {
          if (timer) clearTimeout(timer);
          timer = null;
          cb();
        } else timer ??= setTimeout(() => ((timer = null), cb()), THROTTLE_MS);
      });
      return () => {
        un();
        if (timer) clearTimeout(timer);
      };
    },
    [data],
  );
  return useSyncExternalStore(data ? subscribe : noop, data?.getSnapshot ?? zero, zero);
}
