'use client';

import { useEffect } from 'react';
import { mayWriteUrl } from '@/lib/navigation-intent';
import type { ViewStore } from '@/lib/timeline/view-store';

/** Zoom goes to the URL, debounced (wheel zoom changes it many times a second). */
export function useZoomInUrl(view: ViewStore, setZoom: (spanMs: number) => void) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = view.getSnapshot().spanMs;
    const off = view.subscribe(() => {
      const span = view.getSnapshot().spanMs;
      if (span === last) return;
      last = span;
      clearTimeout(timer);
      // Not while a link click is pending: the write would cancel it (lib/navigation-intent.ts).
      timer = setTimeout(() => mayWriteUrl('/timeline') && setZoom(span), 400);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [view, setZoom]);
}
