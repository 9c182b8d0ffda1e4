/**
 * Builds (when needed) and starts the production Next.js app for the demo, the end-to-end
 * tests and the benchmarks, with its runtime config in the environment.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** True when distDir has a build newer than every source file of the app. */
export function buildIsFresh(distDir: string): boolean {
  const id = path.join(ROOT, distDir, 'BUILD_ID');
  if (!existsSync(id)) return false;
  const built = statSync(id).mtimeMs;
  const sources = Math.max(
    ...['app', 'components', 'lib'].map((d) => newestMtime(path.join(ROOT, d))),
    ...[
      'next.config.js',
      'proxy.ts',
      'instrumentation.ts',
      'instrumentation-node.ts',
      'tsconfig.json',
      'package-lock.json',
      'postcss.config.mjs',
    ].map((f) => (existsSync(path.join(ROOT, f)) ? statSync(path.join(ROOT, f)).mtimeMs : 0)),
  );
  return built > sources;
}

/** Runs `next build` into distDir unless a fresh build is there. */
export function buildApp(
  distDir: string,
  opts: { force?: boolean; log?: (s: string) => void } = {},
): void {
  if (!opts.force && buildIsFresh(distDir)) {
    opts.log?.(`using the existing production build in ${distDir}/`);
    return;
  }
  opts.log?.(`building the app (next build → ${distDir}/) …`);
  const started = new Date();
  const r = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: ROOT,
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: opts.log ? 'inherit' : 'pipe',
    encoding: 'utf8',
  });
  if (r.status !== 0)
    throw new Error(`next build failed (exit ${r.status}):\n${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  // The build is as old as its start: a source saved while it ran makes it stale.
  utimesSync(path.join(ROOT, distDir, 'BUILD_ID'), started, started);
}

export type RunningApp = {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
};

/**
 * Starts `next start` on host:port with the given env and waits until it answers. `dir` is
 * another Next project to serve (the bench's floor page), `readyPath` what it answers on.
 */
export async function startApp(opts: {
  distDir: string;
  port: number;
  host?: string;
  env: Record<string, string>;
  inheritOutput?: boolean;
  dir?: string;
  readyPath?: string;
}): Promise<RunningApp> {
  const host = opts.host ?? '127.0.0.1';
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(opts.port), '-H', host], {
    cwd: opts.dir ?? ROOT,
    env: { ...process.env, ...opts.env, NEXT_DIST_DIR: opts.distDir, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: opts.inheritOutput ? 'inherit' : 'pipe',
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-4000)));
  child.stderr?.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://${host}:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${out}`);
    try {
      const r = await fetch(`${url}${opts.readyPath ?? '/api/config'}`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`next start did not answer at ${url} within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port: opts.port,
    process: child,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}
