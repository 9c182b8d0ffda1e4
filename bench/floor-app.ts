/**
 * The cold scenario's floor: a bare Next.js App Router app (bench/floor/, no app code) that
 * connects and reads as the bare page does. Built fresh once per run into its own ignored
 * distDir and served with `next start`, like the app.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startApp, type RunningApp } from '../server/next-app';
import { freePort } from '../server/free-port';

const ROOT = path.resolve(import.meta.dirname, '..');
const FLOOR_DIR = path.join(import.meta.dirname, 'floor');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
/** Inside the floor's folder, as its next.config.mjs says; `.next*` is ignored everywhere. */
const FLOOR_DIST = '.next-floor';

export type FloorApp = RunningApp & { buildMs: number };

/** `next build` of the floor app (about 5 s on a quiet 2-core machine), then `next start`. */
export async function startFloorApp(log: (s: string) => void): Promise<FloorApp> {
  log('building the bare Next.js page (bench/floor, next build) …');
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: FLOOR_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'pipe',
    encoding: 'utf8',
  });
  if (r.status !== 0)
    throw new Error(
      `next build of bench/floor failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`,
    );
  const buildMs = Date.now() - t0;
  log(`bare Next.js page built in ${(buildMs / 1000).toFixed(1)} s`);
  const app = await startApp({
    dir: FLOOR_DIR,
    distDir: FLOOR_DIST,
    port: await freePort(),
    env: {},
    readyPath: '/',
  });
  return { ...app, buildMs };
}
