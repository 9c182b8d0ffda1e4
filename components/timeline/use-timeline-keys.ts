'use client';

import { useEffect } from 'react';
import { isTypingTarget } from '@/components/shell/shortcuts';
import type { TimelineStore } from '@/lib/timeline/store';
import type { ViewStore } from '@/lib/timeline/view-store';

/**
 * Page keys: space pause/resume, +/- zoom, arrows pan, n back to now, Esc closes the detail.
 * Listed for the help overlay in TIMELINE_KEYS (components/shell/page-keys.tsx): keep in step.
 */
export function useTimelineKeys(
  store: TimelineStore,
  view: ViewStore,
  setPaused: (paused: boolean) => void,
  closeDetail: () => void,
) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      const now = store.pausedAtMs ?? Date.now();
      const w = Math.max(1, window.innerWidth - 200);
      if (e.key === ' ') {
        if ((e.target as HTMLElement | null)?.tagName === 'BUTTON') return;
        e.preventDefault();
        setPaused(!store.getSnapshot().paused);
      } else if (e.key === '+' || e.key === '=') view.setSpan(view.getSnapshot().spanMs / 2);
      else if (e.key === '-') view.setSpan(view.getSnapshot().spanMs * 2);
      else if (e.key === 'ArrowLeft') view.pan(w / 5, w, now);
      else if (e.key === 'ArrowRight') view.pan(-w / 5, w, now);
      else if (e.key === 'n') view.follow();
      else if (e.key === 'Escape') closeDetail();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, view, setPaused, closeDetail]);
}
