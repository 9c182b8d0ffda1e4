/** Test helper: waits for a BrowseStore to settle. */
import type { BrowseStore } from './browse-store';

/** Resolves once neither side of the store is reading. */
export function idle(store: BrowseStore): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const s = store.getSnapshot();
      if (s.ready && !s.loadingOlder && !s.loadingNewer) {
        unsub();
        resolve();
      }
    };
    const unsub = store.subscribe(check);
    check();
  });
}
