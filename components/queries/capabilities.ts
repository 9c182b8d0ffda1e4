/**
 * queryOptions factory for what the connected server can do (lib/nats/capabilities.ts). Keyed
 * by the server it is connected to and its version: a failover to another node asks again.
 */
import { queryOptions } from '@tanstack/react-query';
import { currentClient } from '@/components/nats/current-client';
import { capabilitiesOf } from '@/lib/nats/capabilities';

/** The connected server's capabilities (version, JetStream API level, fast read paths). */
export function capabilitiesQuery(url: string | undefined, version: string | undefined) {
  return queryOptions({
    queryKey: ['server', url ?? '', version ?? '', 'capabilities'],
    queryFn: async () => capabilitiesOf(await currentClient().js()),
    staleTime: Infinity,
    retry: false,
  });
}
