/**
 * queryOptions factories for consumer reads (CONSUMER.LIST / CONSUMER.INFO and the time of a
 * consumer's oldest unfinished message). Keys start with ['consumer', stream, …].
 */
import { queryOptions } from '@tanstack/react-query';
import { currentClient } from '@/components/nats/current-client';
import { listConsumers, oldestUnfinishedTime, type OldestTarget } from '@/lib/stats/read';

/** Every consumer of `stream` with its CONSUMER.INFO. */
export function consumersQuery(stream: string) {
  return queryOptions({
    queryKey: ['consumer', stream, 'list'],
    queryFn: async () => listConsumers(await currentClient().jsm(), stream),
    retry: false,
  });
}

/** CONSUMER.INFO of one consumer. */
export function consumerInfoQuery(stream: string, name: string) {
  return queryOptions({
    queryKey: ['consumer', stream, name, 'info'],
    queryFn: async () => (await currentClient().jsm()).consumers.info(stream, name),
    retry: false,
  });
}

/**
 * The oldest message a consumer has not finished (seq and stream time), for lag in time.
 * `target` comes from oldestTarget(info): it only changes when the ack floor moves.
 */
export function consumerOldestQuery(name: string, target: OldestTarget | null, direct: boolean) {
  return queryOptions({
    queryKey: ['consumer', target?.stream ?? '', name, 'oldest', target, direct],
    queryFn: async () => oldestUnfinishedTime(await currentClient().jsm(), target, direct),
    staleTime: Infinity,
    retry: false,
  });
}
