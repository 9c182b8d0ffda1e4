/** Test helper: waits until a NatsClient's status satisfies `pred` (integration tests). */
import type { ConnectionStatus, NatsClient } from './connection';

/** Polls the client's status every 25 ms; throws with the last status after `ms`. */
export async function untilStatus(
  client: NatsClient,
  pred: (s: ConnectionStatus) => boolean,
  ms = 15_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred(client.getSnapshot())) {
    if (Date.now() > deadline)
      throw new Error(`timed out; status ${JSON.stringify(client.getSnapshot())}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
