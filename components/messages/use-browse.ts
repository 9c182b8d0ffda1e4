'use client';

import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { StreamInfo } from '@nats-io/jetstream';
import type { NatsClient } from '@/lib/nats/connection';
import { checkTime, clampSeq, type StreamBounds } from '@/lib/browse/seek';
import { seqAtTime } from '@/lib/browse/pages';
import { BrowseStore, NOT_OPEN } from '@/lib/browse/browse-store';
import { deepLinkSeq, earlyRead, earlyState } from '@/lib/browse/early-row';

const noopSub = () => () => {};
const emptySnap = () => NOT_OPEN;
const noRow = () => undefined;

/** The stream's range from STREAM.INFO. */
export function boundsOf(info: StreamInfo): StreamBounds {
  const s = info.state;
  return {
    first: s.first_seq,
    last: s.last_seq,
    messages: s.messages,
    firstMs: Date.parse(s.first_ts),
    lastMs: Date.parse(s.last_ts),
  };
}

/** The stream's bounds from a STREAM.INFO made now. */
export async function freshBounds(client: NatsClient, stream: string): Promise<StreamBounds> {
  const js = await client.js();
  return boundsOf(await (await js.streams.get(stream)).info());
}

/** Bounds read this recently are trusted for a sequence inside them (no second STREAM.INFO). */
const FRESH_BOUNDS_MS = 2_000;

/** Resolves where a view starts: a clamped `seq`, the first message at/after `time`, newest or first. */
async function resolveAnchor(
  p: {
    client: NatsClient;
    stream: string;
    filter: string | null;
    seq: string | null;
    time: string | null;
    order: 'asc' | 'desc';
  },
  cached: StreamBounds,
  cachedAgeMs = Infinity,
): Promise<{ anchor: number | null; notice: string | null }> {
  // A deep link to a sequence inside bounds read a moment ago (a cold page's own STREAM.INFO)
  // opens at once: a second STREAM.INFO would only delay its first row by a round trip.
  if (p.seq !== null && cachedAgeMs <= FRESH_BOUNDS_MS) {
    const c = clampSeq(p.seq, cached);
    if (c && c.notice === null) return { anchor: c.seq, notice: null };
  }
  // The stream as it is now, not as the page's cached STREAM.INFO saw it: "Newest" (and End)
  // must open at the true newest message of a stream that kept growing.
  const bounds = await freshBounds(p.client, p.stream).catch(() => cached);
  if (bounds.messages === 0) return { anchor: null, notice: null };
  const fallback = p.order === 'desc' ? bounds.last : bounds.first;
  if (p.seq !== null) {
    const c = clampSeq(p.seq, bounds);
    return c ? { anchor: c.seq, notice: c.notice } : { anchor: null, notice: null };
  }
  if (p.time !== null) {
    const t = checkTime(p.time, bounds);
    if (!t.ok)
      return {
        anchor: fallback,
        notice: `${t.error} Showing the ${p.order === 'desc' ? 'newest' : 'first'} messages instead.`,
      };
    if (t.clamp)
      return { anchor: t.clamp === 'first' ? bounds.first : bounds.last, notice: t.notice };
    const at = await seqAtTime(await p.client.js(), p.stream, t.iso, p.filter ?? undefined);
    if (at === null)
      return {
        anchor: bounds.last,
        notice: `No message at or after ${t.iso}${p.filter ? ' matches the filter' : ''}; showing the newest.`,
      };
    return { anchor: at, notice: null };
  }
  return { anchor: fallback, notice: null };
}

/**
 * One BrowseStore per (stream, filter, start, order): resolves the start against the stream's
 * bounds and opens it; stops reading when the view changes or unmounts.
 */
export function useBrowse(p: {
  client: NatsClient | null;
  info: StreamInfo | undefined;
  /** When `info` was read (Date.now() clock; TanStack Query's dataUpdatedAt). */
  infoAt?: number;
  stream: string;
  filter: string | null;
  seq: string | null;
  time: string | null;
  order: 'asc' | 'desc';
  /** Bumped to open the same view again (e.g. "Newest" while already at the newest). */
  reload?: number;
}) {
  const { client, info, infoAt, stream, filter, seq, time, order, reload } = p;
  const bounds = useMemo(() => (info ? boundsOf(info) : null), [info]);
  // Bounds are read once per view: a growing stream must not restart it.
  const first = bounds?.first ?? null;
  // A deep link's target is read by direct get as soon as the connection is up (started
  // during render: the read is shared per client + stream + seq), beside the STREAM.INFO.
  const linked = deepLinkSeq(seq);
  const early = useMemo(
    () => (client && linked !== null ? earlyRead(client, stream, linked) : undefined),
    [client, stream, linked],
  );
  const earlyValue = useSyncExternalStore(early?.subscribe ?? noopSub, early?.peek ?? noRow, noRow);
  const store = useMemo(
    () =>
      client && first !== null
        ? new BrowseStore(() => client.js(), {
            stream,
            filter: filter ?? undefined,
            first,
            early,
          })
        : null,
    [client, first, stream, filter, seq, time, order, reload], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const hasBounds = bounds !== null;
  useEffect(() => {
    if (!store || !client || !bounds) return;
    // The age is taken when the view starts: a retry later reads the bounds again.
    const age = infoAt ? Date.now() - infoAt : Infinity;
    let first = true;
    void store.start(() => {
      const a = first ? age : Infinity;
      first = false;
      return resolveAnchor({ client, stream, filter, seq, time, order }, bounds, a);
    }, order);
    return () => store.stop();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, hasBounds]);
  // A read that failed while NATS was away is tried again once the connection is back (the
  // banner promises that views resume where they left off).
  useEffect(() => {
    if (!store || !client) return;
    let was = client.getSnapshot().state;
    return client.subscribe(() => {
      const now = client.getSnapshot().state;
      if (now === 'connected' && was !== 'connected') store.retry();
      was = now;
    });
  }, [store, client]);
  const storeState = useSyncExternalStore(
    store?.subscribe ?? noopSub,
    store?.getSnapshot ?? emptySnap,
    emptySnap,
  );
  // Until the store has opened (it waits for the stream's bounds), a deep link's target shows
  // alone as soon as it is read; the store then opens with that same row.
  const state = useMemo(
    () => earlyState(storeState, early?.seq ?? null, earlyValue, filter) ?? storeState,
    [storeState, early, earlyValue, filter],
  );
  return { store, state, bounds };
}
