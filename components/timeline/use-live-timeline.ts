'use client';

import { useEffect, useState } from 'react';
import type { NatsClient } from '@/lib/nats/connection';
import { followStream } from '@/lib/timeline/follow-stream';
import { TimelineStore } from '@/lib/timeline/store';
import { ViewStore } from '@/lib/timeline/view-store';
import type { TimelineParams } from './use-timeline-params';

/**
 * The session's live source: its store, fed by the read of `stream` (and the gap marks from
 * its connection), ticked every second and paused with the URL; and the view store.
 */
export function useLiveTimeline(client: NatsClient, stream: string, p: TimelineParams) {
  // React hears in a task of its own, not inside the frame that decodes and draws, and twice a
  // second: at thousands of events a second every refresh rewrites all 30 log rows and the
  // counters (the page's largest remaining main-thread work; the canvas moves on its own).
  const [store] = useState(
    () => new TimelineStore({ notifySchedule: (cb) => setTimeout(cb, 0), minNotifyMs: 500 }),
  );
  const [view] = useState(() => new ViewStore(p.zoomMs));

  useEffect(() => {
    // The read, and the gap marks from its connection (followStream picks which).
    const stop = followStream(client, store, { stream, windowMs: p.windowMs, clock: p.clock });
    const tick = setInterval(() => store.tick(), 1000);
    return () => {
      clearInterval(tick);
      void stop();
    };
    // The session is keyed by stream + window + clock + client: these never change within it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  useEffect(() => store.setPaused(p.paused), [store, p.paused]);
  return { store, view };
}
