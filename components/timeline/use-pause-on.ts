'use client';

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { NatsClient } from '@/lib/nats/connection';
import { searchErrorAt } from '@/lib/browse/search';
import { watchPauseOn, type PauseOnHit } from '@/lib/timeline/pause-on';
import type { TimelineStore } from '@/lib/timeline/store';
import type { ViewStore } from '@/lib/timeline/view-store';

/** How long to wait for the timeline's own read to bring the hit in before pausing anyway. */
const ARRIVE_MS = 3000;
const POLL_MS = 25;
/** Hits kept while paused (each pauses again, in order, after a resume). */
const MAX_PENDING = 1000;

export type PauseOnState = { error: string | null; hit: PauseOnHit | null; armed: boolean };

/**
 * Pauses the live timeline on the next new event that `expr` matches: once the timeline has
 * that event, the view pauses on it (what came after waits, counted), centres on it, selects
 * it and says so in the tab title. Hits that arrive while paused pause again after a resume,
 * in order, so a resume goes on from where it paused with nothing skipped.
 */
export function usePauseOn(o: {
  client: NatsClient;
  stream: string;
  store: TimelineStore;
  view: ViewStore;
  expr: string | null;
  paused: boolean;
  setPaused: (p: boolean) => void;
  onSelect: (seq: number) => void;
}): PauseOnState {
  const { client, stream, store, view, expr, paused } = o;
  const [hit, setHit] = useState<PauseOnHit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<PauseOnHit[]>([]);
  const latest = useRef(o);
  // The newest callbacks and `paused` for the read's callbacks (which outlive a render).
  useLayoutEffect(() => {
    latest.current = o;
  });
  const [armed, setArmed] = useState(false);
  const tryPause = useRef<() => void>(() => {});
  // Set when a hit paused the store, until the URL's `paused` says so too (a render later).
  const awaitingUrl = useRef(false);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    tryPause.current = () => {
      clearTimeout(timer);
      const h = pending.current[0];
      if (!h || latest.current.paused) return;
      const waitedSince = Date.now();
      const go = () => {
        // The timeline reads on its own consumer: wait for it to have the event (no gap).
        if (store.model.lastSeq < h.seq && Date.now() - waitedSince < ARRIVE_MS) {
          timer = setTimeout(go, POLL_MS);
          return;
        }
        pending.current.shift();
        store.pauseAt(h.seq);
        awaitingUrl.current = true;
        latest.current.setPaused(true);
        // A quarter in from the left, not the middle: the detail panel opened for it covers the
        // right of the canvas (up to half of it at 1024 px).
        view.centerOn(h.timeMs, 0.25);
        latest.current.onSelect(h.seq);
        setHit(h);
      };
      go();
    };
    return () => clearTimeout(timer);
  }, [store, view]);

  useEffect(() => {
    pending.current = [];
    if (!expr || searchErrorAt(expr)) return;
    let stop: (() => Promise<void>) | null = null;
    let gone = false;
    void (async () => {
      try {
        const s = await watchPauseOn(await client.js(), await client.jsm(), stream, expr, (h) => {
          if (pending.current.length < MAX_PENDING) pending.current.push(h);
          tryPause.current();
        });
        if (gone) void s();
        else {
          stop = s;
          setArmed(true);
        }
      } catch (e) {
        if (!gone) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      gone = true;
      if (stop) void stop();
      setHit(null);
      setArmed(false);
      setError(null);
    };
  }, [client, stream, expr]);

  // A resume: the view follows now again and the next waiting hit (if any) pauses it again.
  useEffect(() => {
    if (paused) awaitingUrl.current = false;
    if (paused || !hit || awaitingUrl.current) return;
    setHit(null);
    view.follow();
    tryPause.current();
  }, [paused, hit, view]);

  // The tab title says what happened while paused on a hit.
  useEffect(() => {
    if (!hit) return;
    const before = document.title;
    document.title = `⏸ ${hit.what}`;
    return () => {
      document.title = before;
    };
  }, [hit]);

  return { error, hit, armed };
}
