/**
 * `npm run simulate -- …`: sets up the stream and consumer, then optionally backfills
 * history, publishes live traffic and runs the agent-processor worker until Ctrl-C.
 * See USAGE in cli-args.ts.
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { backfill } from './backfill';
import { parseCliArgs, USAGE, type CliOptions } from './cli-args';
import { startLive, type LiveHandle } from './live';
import { setupAll } from './setup';
import { startProcessorWorker, type WorkerHandle } from './worker';

const log = (s: string) => console.log(`[simulate] ${s}`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function connectOrExplain(url: string): Promise<NatsConnection> {
  try {
    // noAsyncTraces: a publish-heavy tool does not need a captured stack per request.
    return await connect({
      servers: url,
      name: 'agent-replay simulator',
      noAsyncTraces: true,
      timeout: 5000,
    });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `cannot reach NATS at ${url} (${why}): start one with \`npm run nats\` or set NATS_URL`,
    );
  }
}

async function setup(nc: NatsConnection, o: CliOptions): Promise<void> {
  try {
    const r = await setupAll(nc, { name: o.stream });
    log(
      `stream ${r.stream.config.name}: ${fmt(r.stream.state.messages)} messages · consumer ${r.consumer.name}: ` +
        `${fmt(r.consumer.num_pending)} pending · advisories in ${r.advisories.config.name}`,
    );
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    if (/jetstream (is )?not enabled|no responders/i.test(why)) {
      throw new Error(
        `JetStream is not enabled on ${o.url}: start nats-server with -js (npm run nats does)`,
      );
    }
    throw err;
  }
}

async function runBackfill(nc: NatsConnection, o: CliOptions): Promise<void> {
  const endMs = o.endMs ?? Date.now();
  log(
    `backfilling ${fmt(o.backfill)} events (seed ${o.seed}) over ${new Date(endMs - o.spanMs).toISOString()} → ` +
      `${new Date(endMs).toISOString()} …`,
  );
  let nextReport = 0;
  const r = await backfill(nc, {
    count: o.backfill,
    seed: o.seed,
    spanMs: o.spanMs,
    endMs,
    batch: o.batch,
    onProgress: (n) => {
      if (n >= nextReport || n === o.backfill) {
        log(`  ${fmt(n)} / ${fmt(o.backfill)}`);
        nextReport = n + Math.max(o.backfill / 10, 1);
      }
    },
  });
  const dup = o.backfill - r.published;
  log(
    `backfill: ${fmt(r.published)} stored${dup > 0 ? ` (${fmt(dup)} duplicates dropped by the stream)` : ''} in ` +
      `${(r.ms / 1000).toFixed(2)} s → ${fmt(r.msgsPerSec)} msgs/s`,
  );
}

async function main(): Promise<void> {
  const o = parseCliArgs(process.argv.slice(2), process.env);
  if (o.help) {
    console.log(USAGE);
    return;
  }
  const nc = await connectOrExplain(o.url);
  log(`connected to ${o.url}`);
  let live: LiveHandle | null = null;
  let worker: WorkerHandle | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) {
      // A second Ctrl-C means "now": skip the graceful drain.
      process.exit(130);
    }
    stopping = true;
    if (timer) clearInterval(timer);
    log('stopping …');
    await live?.stop();
    await worker?.stop().catch((e: unknown) => console.error(`[simulate] worker: ${String(e)}`));
    if (live) log(`live: ${fmt(live.published())} events published`);
    if (worker) log(`worker: ${JSON.stringify(worker.stats())}`);
    // drain: lets in-flight acks and publishes finish before the connection closes.
    await nc.drain();
    // Let the event loop run dry instead of process.exit(): piped stdout gets flushed.
    process.exitCode = code;
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  await setup(nc, o);
  if (o.setupOnly) return void (await nc.drain());
  if (o.backfill > 0) await runBackfill(nc, o);

  if (o.live) {
    let lastError = 0;
    live = startLive(nc, {
      rate: o.rate,
      seed: o.seed,
      onError: (e) => {
        if (Date.now() - lastError > 5000)
          console.error(`[simulate] live publish failed: ${String(e)} (retrying)`);
        lastError = Date.now();
      },
    });
    log(`live traffic at ~${o.rate} events/s (Ctrl-C to stop)`);
  }
  if (o.worker) {
    worker = startProcessorWorker(nc, { stream: o.stream, seed: o.seed, maxPerSec: o.workerRate });
    log(`agent-processor worker running${o.workerRate ? ` (≤ ${o.workerRate} msgs/s)` : ''}`);
  }
  if (!live && !worker) {
    if (o.backfill === 0)
      log('nothing else to do: pass --backfill N, --live or --worker (see --help)');
    await nc.drain();
    return;
  }
  let lastCount = 0;
  let lastAt = Date.now();
  timer = setInterval(() => {
    const parts: string[] = [];
    if (live) {
      const n = live.published();
      const now = Date.now();
      parts.push(`live ${fmt(n)} (${fmt(((n - lastCount) * 1000) / Math.max(1, now - lastAt))}/s)`);
      lastCount = n;
      lastAt = now;
    }
    if (worker) {
      const s = worker.stats();
      parts.push(
        `worker acked ${fmt(s.acked)} · naked ${fmt(s.naked)} · poison ${fmt(s.poison)} · termed ${fmt(s.termed)}`,
      );
    }
    log(parts.join(' · '));
  }, 5000);
}

main().catch((err: unknown) => {
  console.error(`[simulate] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
