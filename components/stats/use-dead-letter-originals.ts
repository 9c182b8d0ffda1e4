'use client';

import { useEffect, useMemo, useState } from 'react';
import { useNatsClient } from '@/components/nats/nats-provider';
import type { Row } from '@/lib/browse/rows';
import type { DeadLetter } from '@/lib/stats/advisories';
import { readOriginalRows } from '@/lib/stats/dead-letters';

/**
 * The originals of `items` as table rows, read once each as dead letters appear (a live one
 * adds one get, not a re-read of all): the grouping's subjects and types.
 */
export function useDeadLetterOriginals(
  stream: string,
  items: readonly DeadLetter[],
  direct: boolean,
) {
  const client = useNatsClient();
  const [rows, setRows] = useState<{ stream: string; map: Map<number, Row | null> }>({
    stream,
    map: new Map(),
  });
  const known = rows.stream === stream ? rows.map : null;
  const missing = useMemo(
    () => [...new Set(items.map((d) => d.streamSeq))].filter((s) => !known?.has(s)),
    [items, known],
  );
  const missingKey = missing.join(',');
  useEffect(() => {
    if (!client || missing.length === 0) return;
    let cancelled = false;
    void (async () => {
      const got = await readOriginalRows(await client.jsm(), stream, missing, { direct }).catch(
        () => null,
      );
      if (cancelled || !got) return;
      setRows((prev) => {
        const map = new Map(prev.stream === stream ? prev.map : []);
        for (const [k, v] of got) map.set(k, v);
        // One that could not be read is noted as unknown, so it is not asked for again and again.
        for (const s of missing) if (!map.has(s)) map.set(s, null);
        return { stream, map };
      });
    })();
    return () => {
      cancelled = true;
    };
    // missingKey stands for `missing` (a new array each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, stream, direct, missingKey]);
  return { rows: known ?? new Map<number, Row | null>(), pending: missing.length };
}
