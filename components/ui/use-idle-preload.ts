'use client';

import { useEffect } from 'react';

type IdleHost = {
  requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number;
  cancelIdleCallback?: (h: number) => void;
};

/**
 * Loads code split off a page's first load (dialogs, drawers, side panels) once `ready` holds
 * (the first row is shown) and the browser is idle, so opening one later, by its shortcut
 * too, does not wait for the network. Each loader is an `import()` of the split module.
 */
export function useIdlePreload(ready: boolean, ...loaders: (() => Promise<unknown>)[]): void {
  useEffect(() => {
    if (!ready) return;
    const w = window as unknown as IdleHost;
    const run = () => {
      // A failed preload is retried by the component's own load when it is opened.
      for (const l of loaders) void l().catch(() => {});
    };
    if (w.requestIdleCallback) {
      const h = w.requestIdleCallback(run, { timeout: 2_000 });
      return () => w.cancelIdleCallback?.(h);
    }
    const t = setTimeout(run, 200);
    return () => clearTimeout(t);
    // The loaders are module-level constants; only `ready` starts the preload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);
}
