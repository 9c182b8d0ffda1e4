'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

type IdleHost = {
  requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number;
  cancelIdleCallback?: (h: number) => void;
};

/**
 * How long after the header's first render the other pages are prefetched. A link's own
 * prefetch ran as soon as it was on screen: five RSC renders on the server and their answers
 * in the tab, in the middle of a cold page's first read (on a 2-core machine they share the
 * cores with the browser and NATS).
 */
export const LATE_PREFETCH_MS = 2_000;

/**
 * Prefetches `hrefs` (the header's page links, whose own prefetch is off) once the page has
 * had time for its first rows and the browser is idle, so a later click still finds them.
 */
export function useLatePrefetch(hrefs: readonly string[]): void {
  const router = useRouter();
  // One string: a new array of the same links each render must not restart the timer.
  const key = hrefs.join('\n');
  useEffect(() => {
    const w = window as unknown as IdleHost;
    let idle: number | null = null;
    const run = () => {
      for (const h of key.split('\n')) if (h) router.prefetch(h);
    };
    const t = setTimeout(() => {
      if (w.requestIdleCallback) idle = w.requestIdleCallback(run, { timeout: 2_000 });
      else run();
    }, LATE_PREFETCH_MS);
    return () => {
      clearTimeout(t);
      if (idle !== null) w.cancelIdleCallback?.(idle);
    };
  }, [key, router]);
}
