/**
 * queryOptions factories for the message browser: one message by sequence, and subject counts
 * (STREAM.INFO subjects_filter). Keys start with ['stream', name] like the shared factories.
 */
import { queryOptions } from '@tanstack/react-query';
import { currentClient } from '@/components/nats/current-client';
import { getMessage } from '@/lib/stream/reader';

/** One message by sequence: direct get when the stream allows it, else STREAM.MSG.GET. */
export function messageQuery(stream: string, seq: number, direct: boolean) {
  return queryOptions({
    queryKey: ['stream', stream, 'message', seq, { direct }],
    queryFn: async () => {
      const jsm = await currentClient().jsm();
      return getMessage(jsm, stream, seq, { direct });
    },
    retry: false,
    // A stored message never changes; it can only be deleted (then the query says so).
    staleTime: 60_000,
    gcTime: 60_000,
  });
}

/** Per-subject message counts for subjects matching `filter` (nats.js follows the server's pages). */
export function subjectCountsQuery(stream: string, filter: string) {
  return queryOptions({
    queryKey: ['stream', stream, 'subjects', filter],
    queryFn: async () => {
      const jsm = await currentClient().jsm();
      const info = await jsm.streams.info(stream, { subjects_filter: filter });
      return (info.state.subjects ?? {}) as Record<string, number>;
    },
    retry: false,
    staleTime: 30_000,
  });
}
