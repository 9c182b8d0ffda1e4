/**
 * `npm run nats`: a development nats-server with JetStream (store in .data/nats), a WebSocket
 * listener and the monitoring port, on the ports from NATS_URL / NATS_WS_URL / NATS_HTTP_PORT.
 */
import { startNatsServer, NatsServerMissingError } from './launcher';
import { DEV_STORE_DIR, resolveDevPorts } from './dev-config';

async function main() {
  const ports = await resolveDevPorts(process.env);
  for (const n of ports.notes) console.log(`[nats] ${n}`);
  const server = await startNatsServer({
    ...ports,
    storeDir: DEV_STORE_DIR,
    serverName: 'agent-replay-dev',
  });
  console.log(
    `[nats] ready: ${server.natsUrl} · ${server.wsUrl} · ${server.httpUrl} (store ${DEV_STORE_DIR})`,
  );
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`[nats] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(e instanceof NatsServerMissingError ? 2 : 1);
});
