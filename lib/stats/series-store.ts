/**
 * Time series kept while a page is open (stream samples, consumer lag), keyed by name, in a
 * small external store for useSyncExternalStore. Each series is capped; the snapshot is a new
 * object only when something was appended.
 */
import { appendSample } from './rates';

export type SeriesSnapshot<T> = ReadonlyMap<string, readonly T[]>;

export type SeriesStore<T extends { t: number }> = {
  push(key: string, sample: T): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): SeriesSnapshot<T>;
  clear(): void;
};

/** A keyed series store keeping at most `cap` samples per key. */
export function createSeriesStore<T extends { t: number }>(cap: number): SeriesStore<T> {
  let snap: Map<string, readonly T[]> = new Map();
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const l of listeners) l();
  };
  return {
    push(key, sample) {
      const prev = snap.get(key) ?? [];
      const next = appendSample(prev, sample, cap);
      if (next === prev) return;
      snap = new Map(snap);
      snap.set(key, next);
      emit();
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getSnapshot: () => snap,
    clear() {
      if (snap.size === 0) return;
      snap = new Map();
      emit();
    },
  };
}
