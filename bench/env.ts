/**
 * The run's shared environment: one nats-server seeded once (the large stream; the small
 * range is its first `sizeSmall` messages), the production app on a free port, the system
 * Chromium, and the bare-client script. Scenarios borrow from it and never reseed.
 */
import { defaultServer } from '../scripts/nats-server.mjs';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import os from 'node:os';
import { startNatsServer, type NatsServer } from '../server/nats/launcher';
import { buildApp, startApp, type RunningApp } from '../server/next-app';
import { freePort } from '../server/free-port';
import { CHROMIUM_ARGS, chromiumPath } from '../server/chromium';
import { setupAll } from '../server/simulator/setup';
import { backfill, type BackfillResult } from '../server/simulator/backfill';
import { STREAM_NAME } from '../lib/agents/schema';
import { bareClientScript } from './bare/bundle';
import { installProbes } from './probes';
import type { BenchReport } from './types';

export const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-bench';

export type BenchEnv = {
  nats: NatsServer;
  nc: NatsConnection;
  app: RunningApp;
  browser: Browser;
  stream: string;
  /** Messages in the stream (first seq 1, contiguous). */
  size: number;
  seeding: BackfillResult;
  bareScript: string;
  log: (s: string) => void;
  /** A fresh context + page with the long-task probe installed. */
  newPage(opts?: { servers?: string[] }): Promise<{ context: BrowserContext; page: Page }>;
  /** A blank same-origin page (the app's /api/config JSON) with the bare client injected. */
  barePage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
};

/** Starts nats-server, seeds it, builds and starts the app, launches Chromium. */
export async function startEnv(o: {
  size: number;
  seed: number;
  rebuild: boolean;
  log: (s: string) => void;
}): Promise<BenchEnv> {
  const exe = chromiumPath();
  if (!exe)
    throw new Error(
      'Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH',
    );
  const stops: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const nats = await startNatsServer({ serverName: 'bench-nats' });
    stops.push(() => nats.stop());
    const nc = await connect({ servers: nats.natsUrl, name: 'bench seeder' });
    stops.push(() => nc.close());
    await setupAll(nc);
    o.log(`seeding ${o.size.toLocaleString('en-US')} messages into ${STREAM_NAME} …`);
    const seeding = await backfill(nc, {
      count: o.size,
      seed: o.seed,
      spanMs: 24 * 3600_000,
      batch: 2000,
    });
    o.log(
      `seeded in ${(seeding.ms / 1000).toFixed(1)} s (${Math.round(seeding.msgsPerSec).toLocaleString('en-US')} msgs/s)`,
    );

    buildApp(DIST_DIR, { force: o.rebuild, log: o.log });
    const app = await startApp({
      distDir: DIST_DIR,
      port: await freePort(),
      env: { NATS_WS_URL: nats.wsUrl, NATS_STREAM_NAME: STREAM_NAME },
    });
    stops.push(() => app.stop());
    const browser = await chromium.launch({
      executablePath: exe,
      args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
    });
    stops.push(() => browser.close());
    const bareScript = await bareClientScript();

    const newPage = async (p: { servers?: string[] } = {}) => {
      const context = await browser.newContext({
        baseURL: app.url,
        viewport: { width: 1400, height: 900 },
      });
      await installProbes(context);
      if (p.servers) {
        await context.addInitScript(
          (s) => localStorage.setItem('agent-replay.servers', JSON.stringify(s)),
          p.servers,
        );
      }
      return { context, page: await context.newPage() };
    };
    const barePage = async () => {
      const r = await newPage();
      await r.page.goto('/api/config');
      await r.page.addScriptTag({ content: bareScript });
      return r;
    };
    return {
      nats,
      nc,
      app,
      browser,
      stream: STREAM_NAME,
      size: o.size,
      seeding,
      bareScript,
      log: o.log,
      newPage,
      barePage,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** What the report says about the machine. */
export function machineInfo(chromiumVersion: string): BenchReport['machine'] {
  // The server the bench runs (NATS_SERVER_BIN, the newest pinned release, or PATH's).
  const server = defaultServer();
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    memGB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    chromium: `Chromium ${chromiumVersion}`,
    natsServer: server?.version ? `v${server.version}` : 'unknown',
  };
}
