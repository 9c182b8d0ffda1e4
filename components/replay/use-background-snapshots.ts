'use client';

import { useEffect } from 'react';
import type { ReplayData } from '@/lib/replay/store';

/**
 * Longest slice of snapshot work per idle period (ms), never more than the idle period left:
 * a long range (1,000,000 events) is covered within seconds of its load, so the first seeks
 * after it do not fold what the snapshots would have (while playing, idle periods are short).
 */
const SLICE_MS = 30;

type IdleHost = {
  requestIdleCallback?: (
    cb: (d: { timeRemaining(): number }) => void,
    o?: { timeout: number },
  ) => number;
  cancelIdleCallback?: (h: number) => void;
};

/**
 * Takes the replay's projection snapshots in idle slices (requestIdleCallback, at most
 * SLICE_MS each, never longer than the idle period left) while and after it loads, so a far
 * seek folds at most one snapshot interval and the snapshot work never delays incoming batches
 * or a frame.
 */
export function useBackgroundSnapshots(data: ReplayData | null, version: number): void {
  useEffect(() => {
    if (!data) return;
    const w = window as unknown as IdleHost;
    let handle: number | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = (budget: number) => {
      handle = null;
      timer = null;
      if (!data.index.extend(Math.max(1, Math.min(SLICE_MS, budget)))) next();
    };
    const next = () => {
      if (w.requestIdleCallback)
        handle = w.requestIdleCallback((d) => run(d.timeRemaining()), { timeout: 1000 });
      else timer = setTimeout(() => run(SLICE_MS), 16);
    };
    next();
    return () => {
      if (handle !== null) w.cancelIdleCallback?.(handle);
      if (timer) clearTimeout(timer);
    };
  }, [data, version]);
}
