/**
 * queryOptions factories for the stats page's stream reads: sampled message times
 * (histogram), dead-letter history and counts. Subject counts and single messages are in stream.ts.
 */
import { queryOptions } from '@tanstack/react-query';
import { currentClient } from '@/components/nats/current-client';
import { sampleStreamTimes } from '@/lib/stats/read';
import { deadLetterSubjects, readDeadLetterHistory } from '@/lib/stats/dead-letters';
import { isStreamNotFound } from '@/lib/nats/errors';

/** (seq, time) of `k` evenly spaced messages: the first-load histogram's input. */
export function streamTimeSamplesQuery(stream: string, k = 48) {
  return queryOptions({
    queryKey: ['stream', stream, 'time-samples', k],
    queryFn: async () => {
      const jsm = await currentClient().jsm();
      const info = await jsm.streams.info(stream);
      return {
        points: await sampleStreamTimes(jsm, info, k),
        firstTs: info.state.first_ts,
        lastTs: info.state.last_ts,
      };
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** The last `limit` dead-letter advisories about `stream` kept in `advisoryStream`. */
export function deadLetterHistoryQuery(advisoryStream: string, stream: string, limit = 500) {
  return queryOptions({
    queryKey: ['stream', advisoryStream, 'dead-letters', stream, limit],
    queryFn: async ({ signal }) => {
      const c = currentClient();
      return readDeadLetterHistory(await c.js(), await c.jsm(), advisoryStream, stream, {
        limit,
        signal,
      });
    },
    retry: false,
  });
}

/** How many dead-letter advisories about `stream` the advisory stream holds (null: no such stream). */
export function deadLetterCountQuery(advisoryStream: string, stream: string) {
  return queryOptions({
    queryKey: ['stream', advisoryStream, 'dead-letter-count', stream],
    queryFn: async () => {
      const jsm = await currentClient().jsm();
      let total = 0;
      try {
        for (const filter of deadLetterSubjects(stream)) {
          const info = await jsm.streams.info(advisoryStream, { subjects_filter: filter });
          for (const n of Object.values(info.state.subjects ?? {})) total += n;
        }
      } catch (e) {
        if (isStreamNotFound(e)) return null;
        throw e;
      }
      return total;
    },
    retry: false,
  });
}
