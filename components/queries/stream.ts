/**
 * queryOptions factories for stream-level reads (STREAM.INFO, account info). Keys start with
 * ['stream', name]; every input is in the key.
 */
import { queryOptions } from '@tanstack/react-query';
import { currentClient } from '@/components/nats/current-client';

/** STREAM.INFO for one stream. */
export function streamInfoQuery(stream: string) {
  return queryOptions({
    queryKey: ['stream', stream, 'info'],
    queryFn: async () => {
      const jsm = await currentClient().jsm();
      return jsm.streams.info(stream);
    },
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
