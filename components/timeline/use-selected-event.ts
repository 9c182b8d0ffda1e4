'use client';

import { useCallback, useMemo, useState } from 'react';
import type { TimelineStore } from '@/lib/timeline/store';

/**
 * The event shown in the detail drawer: its sequence, the event when the ring still holds it
 * (null once evicted: the drawer then reads it from the stream), and the callbacks that open
 * and close it.
 */
export function useSelectedEvent(store: TimelineStore) {
  const [selected, setSelected] = useState<number | null>(null);
  const event = useMemo(() => {
    if (selected === null) return null;
    const r = store.model.ring;
    const i = r.lowerBoundSeq(selected);
    return i < r.size && r.at(i).seq === selected ? r.at(i) : null;
  }, [store, selected]);
  const onSelect = useCallback((seq: number) => setSelected(seq), []);
  const close = useCallback(() => setSelected(null), []);
  const nameOf = useCallback((id: string) => store.model.agents.get(id)?.name, [store]);
  return { selected, event, onSelect, close, nameOf };
}
