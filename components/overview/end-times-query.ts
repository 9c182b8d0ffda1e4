/**
 * The agents' times (created_at) of a stream's first and last messages: the overview shows
 * them beside the stream's own (ingest) times, which for a backfilled or imported history are
 * seconds apart whatever the day the agents wrote it over.
 */
import { queryOptions } from '@tanstack/react-query';
import { currentClient } from '@/components/nats/current-client';
import { createdAtOfBytes } from '@/lib/agents/created-at';
import { getMessage } from '@/lib/stream/reader';

/** created_at (epoch ms, or null) of the messages at `firstSeq` and `lastSeq`. */
export function endTimesQuery(stream: string, firstSeq: number, lastSeq: number, direct: boolean) {
  return queryOptions({
    queryKey: ['stream', stream, 'end-times', firstSeq, lastSeq, { direct }],
    queryFn: async () => {
      const jsm = await currentClient().jsm();
      const at = async (seq: number) => {
        const m = await getMessage(jsm, stream, seq, { direct }).catch(() => null);
        return m ? createdAtOfBytes(m.data) : null;
      };
      const [first, last] = await Promise.all([at(firstSeq), at(lastSeq)]);
      return { first, last };
    },
    staleTime: Infinity,
    retry: false,
  });
}
