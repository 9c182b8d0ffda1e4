'use client';

import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { BreakpointIndex, type Breakpoint } from '@/lib/replay/breakpoints';
import type { ReplayController } from '@/lib/replay/controller';
import type { ReplayData } from '@/lib/replay/store';

const noSub = () => () => {};
const zero = () => 0;

/**
 * The hits of the URL's breakpoints over the loaded replay (one index per list and load,
 * scanned off React in slices), handed to the controller so playing stops on them. `version`
 * changes when the scan reports progress (a few times a second at most).
 */
export function useBreakpoints(
  data: ReplayData | null,
  ctl: ReplayController | null,
  bps: readonly Breakpoint[],
) {
  const key = JSON.stringify(bps);
  const ix = useMemo(
    () => (data ? new BreakpointIndex(data, JSON.parse(key) as Breakpoint[]) : null),
    [data, key],
  );
  useEffect(() => {
    if (!ix) return;
    const stop = ix.start();
    ctl?.setBreakpoints(ix);
    return () => {
      ctl?.setBreakpoints(null);
      stop();
    };
  }, [ix, ctl]);
  const version = useSyncExternalStore(ix?.subscribe ?? noSub, ix?.getSnapshot ?? zero, zero);
  return { ix, version };
}
