'use client';

import { useEffect } from 'react';
import type { ReplayData } from '@/lib/replay/store';

const SLICE_MS = 8;

/**
 * Takes the replay's projection snapshots in short slices between frames while and after it
 * loads, so the first far seek does not have to fold the whole range at once.
 */
export function useBackgroundSnapshots(data: ReplayData | null, version: number): void {
  useEffect(() => {
    if (!data) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = () => {
      timer = null;
      if (!data.index.extend(SLICE_MS)) timer = setTimeout(run, 16);
    };
    timer = setTimeout(run, 16);
    return () => {
      if (timer) clearTimeout(timer);
    };
  }, [data, version]);
}
