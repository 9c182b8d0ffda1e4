'use client';
/**
 * The /messages search: one ScanStore per page, the search in the URL (`q`, `dir`, `range`)
 * and run from a deep link once the stream is known, its range fixed when it starts (the
 * stream as it is then), and next/previous match in display order.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { adjacentMatch } from '@/lib/browse/matches';
import { downDirection, searchError } from '@/lib/browse/search';
import { ScanStore } from '@/lib/browse/scan-store';
import type { StreamBounds } from '@/lib/browse/seek';
import type { NatsClient } from '@/lib/nats/connection';
import { freshBounds } from './use-browse';
import type { useMessagesUrl } from './url-state';

type Url = ReturnType<typeof useMessagesUrl>[0];
type SetUrl = ReturnType<typeof useMessagesUrl>[1];

export function useMessageSearch({
  client,
  stream,
  filter,
  url,
  setUrl,
  order,
  bounds,
  current,
  anchor,
  showMatches,
  open,
}: {
  client: NatsClient | null;
  stream: string;
  filter: string | null;
  url: Url;
  setUrl: SetUrl;
  order: 'asc' | 'desc';
  bounds: StreamBounds | null;
  /** The open message or the cursor. */
  current: number | null;
  /** Where the view started. */
  anchor: number | null;
  /** Switches the table to the Matches tab (a search started, a match opened). */
  showMatches: () => void;
  open: (seq: number | null) => void;
}) {
  const [scan] = useState(() => new ScanStore());
  const scanState = useSyncExternalStore(scan.subscribe, scan.getSnapshot, scan.getSnapshot);
  useEffect(() => () => scan.clear(), [scan]);
  // The search runs down the table by default.
  const dir = url.dir ?? downDirection(order);
  const range = url.range ?? 'all';
  // A filter picked while a search is shown does not restart it: the search line says so.
  const stale = scanState.q !== '' && (scanState.filter ?? null) !== (filter ?? null);

  const ranFor = useRef<string | null>(null);
  const runSearch = useCallback(
    async (q: string, dir: 'forward' | 'backward', scope: 'all' | 'here' = range) => {
      ranFor.current = `${stream}|${q}`;
      // The direction always goes in the URL: a link means the same whatever the order's default.
      void setUrl({ q, dir, range: scope === 'all' ? null : scope });
      if (!client || !bounds || searchError(q)) return;
      showMatches();
      // The range is fixed when the search starts: the stream as it is now (not the page's
      // cached figures), up to its last sequence; what arrives later is counted, not missed.
      const now = await freshBounds(client, stream).catch(() => bounds);
      const here = current ?? anchor;
      const from =
        scope === 'here' && here !== null
          ? Math.min(here, now.last)
          : dir === 'forward'
            ? now.first
            : now.last;
      await scan.start(client, {
        stream,
        q,
        filter: filter ?? undefined,
        from,
        first: now.first,
        to: now.last,
        direction: dir,
        scope: scope === 'here' && here !== null ? 'here' : 'all',
      });
    },
    [client, bounds, current, anchor, scan, stream, filter, setUrl, range, showMatches],
  );
  // A deep link with ?q= runs its search once the stream is known. Not again when the filter
  // changes afterwards (the explorer's click): that is said next to the search instead.
  useEffect(() => {
    const key = `${stream}|${url.q}`;
    if (!url.q || !bounds || !client || ranFor.current === key || scanState.running) return;
    // From the link's position: wait for the view's start (seq/time) to be resolved, else the
    // scan would start at the stream's edge instead.
    if (current === null && anchor === null && bounds.messages > 0) return;
    ranFor.current = key;
    // A link without `dir` (older links, or hand-written) searches down the table.
    void runSearch(url.q, dir);
  }, [url.q, dir, stream, bounds, client, runSearch, scanState.running, current, anchor]);

  // Next/previous search match in display order (like j/k), opening it in the Matches tab.
  const matchSeqs = useMemo(() => scanState.rows.map((r) => r.seq), [scanState.rows]);
  const gotoMatch = useCallback(
    (d: 1 | -1) => {
      const next = adjacentMatch(matchSeqs, order, current, d);
      if (next === null) return matchSeqs.length > 0;
      showMatches();
      open(next);
      return true;
    },
    [matchSeqs, order, current, open, showMatches],
  );
  // An id clicked in a row or the detail: search the whole stream for it (said in the panel).
  const searchFor = useCallback(
    (q: string) => void runSearch(q, downDirection(order), 'all'),
    [runSearch, order],
  );
  const clear = useCallback(() => {
    scan.clear();
    ranFor.current = null;
    void setUrl({ q: null, dir: null, range: null });
  }, [scan, setUrl]);

  return { scan, scanState, dir, range, stale, runSearch, matchSeqs, gotoMatch, searchFor, clear };
}
