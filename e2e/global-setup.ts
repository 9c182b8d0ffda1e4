/**
 * Starts everything the end-to-end tests need, on free ports: nats-server (JetStream +
 * WebSocket), the stream and durable consumer seeded by the simulator with a fixed seed, and
 * the production app (`next build` + `next start`). Tests read the addresses from env vars.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { startNatsServer } from '../server/nats/launcher';
import { buildApp, startApp } from '../server/next-app';
import { freePort } from '../server/free-port';
import { setupAll } from '../server/simulator/setup';
import { backfill } from '../server/simulator/backfill';
import { E2E_COUNT, E2E_END_MS, E2E_SEED, E2E_SPAN_MS } from './seed';

export default async function globalSetup() {
  const distDir = process.env.NEXT_DIST_DIR || '.next-e2e';
  const nats = await startNatsServer({ serverName: 'e2e-nats' });
  const nc = await connect({ servers: nats.natsUrl });
  await setupAll(nc);
  await backfill(nc, { count: E2E_COUNT, seed: E2E_SEED, spanMs: E2E_SPAN_MS, endMs: E2E_END_MS });
  await nc.drain();

  // E2E_SKIP_BUILD=1 reuses the last build (the oldest-server run after the full one), if there is one.
  if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(path.join(distDir, 'BUILD_ID')))
    buildApp(distDir, { log: (s) => console.log(`[e2e] ${s}`) });
  const app = await startApp({
    distDir,
    port: await freePort(),
    env: { NATS_WS_URL: nats.wsUrl, NATS_STREAM_NAME: 'agent-messages' },
  });

  process.env.E2E_BASE_URL = app.url;
  process.env.E2E_NATS_URL = nats.natsUrl;
  process.env.E2E_WS_URL = nats.wsUrl;
  process.env.E2E_HTTP_URL = nats.httpUrl;
  // The version the server reports on its monitoring endpoint (tests never pin one).
  process.env.E2E_NATS_VERSION = (
    (await (await fetch(`${nats.httpUrl}/varz`)).json()) as { version: string }
  ).version;
  console.log(
    `[e2e] app ${app.url} · nats-server ${process.env.E2E_NATS_VERSION} (${nats.bin}) ${nats.natsUrl} · ws ${nats.wsUrl}`,
  );

  return async () => {
    await app.stop();
    await nats.stop();
  };
}
