/**
 * `npm run demo`: everything up in one command — nats-server (JetStream + WebSocket, data in
 * .data/nats), the stream and consumer as in the seed, a day of Agent Squad history (only the
 * first time), live traffic, the agent-processor worker, and the production app.
 * Ctrl-C stops every process it started.
 */
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { startNatsServer, NatsServerMissingError, type NatsServer } from './nats/launcher';
import { DEV_STORE_DIR, resolveDevPorts } from './nats/dev-config';
import { buildApp, startApp, type RunningApp } from './next-app';
import { portInUse } from './free-port';
import { setupAll } from './simulator/setup';
import { backfill } from './simulator/backfill';
import { startLive } from './simulator/live';
import { startProcessorWorker } from './simulator/worker';
import { STREAM_NAME } from '../lib/agents/schema';
import { checkServerUrls, parseServerList } from '../lib/config';

const log = (s: string) => console.log(`[demo] ${s}`);

function num(v: string | undefined, d: number): number {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) ? n : d;
}

async function main() {
  // Before anything starts: credentials in NATS_WS_URL would be published to every browser
  // (the message is redacted: lib/config.ts).
  checkServerUrls(parseServerList(process.env.NATS_WS_URL));
  const appPort = num(process.env.PORT, 3000);
  if (await portInUse(appPort)) {
    throw new Error(`port ${appPort} is in use; set PORT to another port (PORT=3100 npm run demo)`);
  }
  const ports = await resolveDevPorts(process.env);
  for (const n of ports.notes) log(n);

  // Build first: the build is synchronous and would stall live traffic if it ran later.
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  buildApp(distDir, { log });

  const stoppers: (() => Promise<unknown>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping …');
    for (const s of stoppers.reverse()) await s().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const nats: NatsServer = await startNatsServer({
    ...ports,
    storeDir: DEV_STORE_DIR,
    serverName: 'agent-replay-demo',
  });
  stoppers.push(() => nats.stop());
  log(
    `nats-server ${nats.version ?? ''} (${nats.bin}) ${nats.natsUrl} · WebSocket ${nats.wsUrl} · monitoring ${nats.httpUrl}`,
  );

  const nc = await connect({ servers: nats.natsUrl, name: 'agent-replay demo' });
  stoppers.push(() => nc.drain());
  await setupAll(nc);
  const jsm = await jetstreamManager(nc);
  const have = (await jsm.streams.info(STREAM_NAME)).state.messages;
  const seed = num(process.env.DEMO_SEED, 42);
  if (have > 0) {
    log(
      `stream ${STREAM_NAME} already holds ${have.toLocaleString('en-US')} messages: reusing them (delete .data/ for a fresh history)`,
    );
  } else {
    const count = num(process.env.DEMO_BACKFILL, 100_000);
    const spanMs = num(process.env.DEMO_SPAN_HOURS, 24) * 3600_000;
    log(
      `backfilling ${count.toLocaleString('en-US')} messages over the last ${spanMs / 3600_000} h …`,
    );
    const r = await backfill(nc, { count, seed, spanMs });
    log(
      `backfill: ${r.published.toLocaleString('en-US')} messages in ${(r.ms / 1000).toFixed(1)} s (${Math.round(r.msgsPerSec).toLocaleString('en-US')} msgs/s)`,
    );
  }

  const rate = num(process.env.DEMO_RATE, 25);
  const live = startLive(nc, { rate, seed: seed + (Date.now() % 1000) });
  stoppers.push(() => live.stop());
  const worker = startProcessorWorker(nc, { seed });
  stoppers.push(() => worker.stop());
  log(
    `live traffic at ~${rate} msgs/s; agent-processor worker running (acks, redeliveries, dead letters)`,
  );

  const wsUrls = process.env.NATS_WS_URL || nats.wsUrl;
  const app: RunningApp = await startApp({
    distDir,
    port: appPort,
    host: process.env.HOST || '127.0.0.1',
    env: { NATS_WS_URL: wsUrls, NATS_STREAM_NAME: process.env.NATS_STREAM_NAME || STREAM_NAME },
  });
  stoppers.push(() => app.stop());
  log('');
  log(`agent-replay is up: http://localhost:${appPort}`);
  log('Ctrl-C stops everything.');
}

main().catch((e: unknown) => {
  console.error(`[demo] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(e instanceof NatsServerMissingError ? 2 : 1);
});
