/**
 * queryOptions factories for stream-level reads (STREAM.INFO, per-subject counts, one message,
 * account info). Keys start with ['stream', name]; every input is in the key. One factory per
 * key: every page that reads the same thing shares the cache entry and its options.
 */
import { queryOptions } from '@tanstack/react-query';
import { currentClient } from '@/components/nats/current-client';
import { readSubjectCounts } from '@/lib/stats/read';
import { getMessage } from '@/lib/stream/reader';
import { freshInfo } from '@/lib/browse/read-mode';

/** STREAM.INFO for one stream. */
export function streamInfoQuery(stream: string) {
  return queryOptions({
    queryKey: ['stream', stream, 'info'],
    // Kept for the browser's choice of read mode too (read-mode.ts): a page's first read then
    // needs no STREAM.INFO of its own.
    queryFn: async () => freshInfo(await currentClient().js(), stream),
    retry: false,
  });
}

/** Names of every stream the user may see (for the stream picker). */
export function streamNamesQuery() {
  return queryOptions({
    queryKey: ['streams', 'names'],
    queryFn: async () => {
      const jsm = await currentClient().jsm();
      const names: string[] = [];
      for await (const n of jsm.streams.names()) names.push(n);
      return names.sort();
    },
    retry: false,
  });
}

/** JetStream account info (usage and limits). */
export function accountInfoQuery() {
  return queryOptions({
    queryKey: ['account', 'info'],
    queryFn: async () => {
      const jsm = await currentClient().jsm();
      return jsm.getAccountInfo();
    },
    retry: false,
  });
}

/** Per-subject message counts for subjects matching `filter` (STREAM.INFO subjects_filter, all pages). */
export function subjectCountsQuery(stream: string, filter = '>') {
  return queryOptions({
    queryKey: ['stream', stream, 'subjects', filter],
    queryFn: async () => readSubjectCounts(await currentClient().jsm(), stream, filter),
    retry: false,
    staleTime: 30_000,
  });
}

/** One message by sequence (null when it is gone): direct get when the stream allows it, else STREAM.MSG.GET. */
export function messageQuery(stream: string, seq: number, direct: boolean) {
  return queryOptions({
    queryKey: ['stream', stream, 'message', seq, { direct }],
    queryFn: async () => getMessage(await currentClient().jsm(), stream, seq, { direct }),
    retry: false,
    // A stored message never changes; it can only be deleted (then the query says so).
    staleTime: Infinity,
    gcTime: 60_000,
  });
}
