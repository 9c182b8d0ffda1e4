/** queryOptions factory for the names of the agents the by-agent chart shows. */
import { queryOptions } from '@tanstack/react-query';
import { currentClient } from '@/components/nats/current-client';
import { readAgentNames } from '@/lib/stats/agents';

/** Name and role of each agent (id → its status subject), from its last status event. */
export function agentNamesQuery(
  stream: string,
  subjects: ReadonlyMap<string, string>,
  direct: boolean,
) {
  return queryOptions({
    queryKey: ['stream', stream, 'agent-names', [...subjects].sort(), { direct }],
    queryFn: async () => {
      const client = currentClient();
      // The JetStream client lets 2.11+ read every agent's last status in one multi_last request.
      return readAgentNames(await client.jsm(), stream, subjects, direct, await client.js());
    },
    // Names and roles hardly change; a new agent changes the key.
    staleTime: 5 * 60_000,
    retry: false,
  });
}
