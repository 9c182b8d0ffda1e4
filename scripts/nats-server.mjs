#!/usr/bin/env node
// Where the nats-server (and the `nats` CLI) used by the demo, the tests and the benchmarks
// come from, in this order: NATS_SERVER_BIN; a pinned release built once with `go install`
// into a cache outside the work tree and reused; the system's `nats-server` (Debian's package).
// Plain Node (no dependencies): it runs before `npm install`.
//
//   node scripts/nats-server.mjs            the default server's path and version
//   node scripts/nats-server.mjs --matrix   every version of the test matrix
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** @type {{ newest: string, matrix: string[], natsCli: string }} */
export const versions = JSON.parse(
  readFileSync(path.join(here, '../server/nats/server-versions.json'), 'utf8'),
);

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const which = (cmd) =>
  spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || null;

/** The cache folder (AGENT_REPLAY_CACHE, else $XDG_CACHE_HOME or ~/.cache, + /agent-replay). */
export function cacheRoot() {
  if (process.env.AGENT_REPLAY_CACHE) return process.env.AGENT_REPLAY_CACHE;
  return path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'agent-replay');
}

export const cachedServerPath = (v) => path.join(cacheRoot(), 'nats-server', v, 'nats-server');
export const cachedCliPath = (v) => path.join(cacheRoot(), 'natscli', v, 'nats');

/** The version a nats-server binary reports ("2.9.10"), or null. */
const versionOf = new Map();
export function serverVersion(bin) {
  // Asked once per binary: the launcher resolves the server for every server it starts.
  if (!versionOf.has(bin)) {
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    const m = /v?(\d+\.\d+\.\d+\S*)/.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    versionOf.set(bin, r.status === 0 && m ? m[1] : null);
  }
  return versionOf.get(bin);
}

function goInstall(pkg, dir, log) {
  mkdirSync(dir, { recursive: true });
  log(`building ${pkg} with go install into ${dir} (once; about a minute) …`);
  const r = spawnSync('go', ['install', pkg], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOBIN: dir },
  });
  return r.status === 0;
}

/**
 * A nats-server binary of exactly version `v`: from the cache, the system's if it is that
 * version, or built with `go install` when Go is present and `build` is set. Null otherwise.
 */
export function resolveServer(v, { build = false, log = () => {} } = {}) {
  const cached = cachedServerPath(v);
  if (existsSync(cached))
    return { bin: cached, version: v, source: 'pinned release (go install, cached)' };
  const sys = which('nats-server');
  if (sys && serverVersion(sys) === v) return { bin: sys, version: v, source: 'system package' };
  if (
    build &&
    has('go') &&
    goInstall(`github.com/nats-io/nats-server/v2@v${v}`, path.dirname(cached), log) &&
    existsSync(cached)
  ) {
    return { bin: cached, version: v, source: 'pinned release (go install, built now)' };
  }
  return null;
}

/** The server the demo, the tests and the benchmarks use: NATS_SERVER_BIN, the newest pinned release, the system's. */
export function defaultServer({ build = false, log = () => {} } = {}) {
  const env = process.env.NATS_SERVER_BIN;
  if (env)
    return existsSync(env)
      ? { bin: env, version: serverVersion(env), source: 'NATS_SERVER_BIN' }
      : null;
  const pinned = resolveServer(versions.newest, { build, log });
  if (pinned) return pinned;
  const sys = which('nats-server');
  return sys ? { bin: sys, version: serverVersion(sys), source: 'system package' } : null;
}

/** The `nats` CLI: NATS_CLI_BIN, the pinned one from the cache, `nats` on PATH, or built with Go. */
export function resolveNatsCli({ build = false, log = () => {} } = {}) {
  const env = process.env.NATS_CLI_BIN;
  if (env) return existsSync(env) ? env : null;
  const cached = cachedCliPath(versions.natsCli);
  if (existsSync(cached)) return cached;
  const sys = which('nats');
  if (sys) return sys;
  if (
    build &&
    has('go') &&
    goInstall(`github.com/nats-io/natscli/nats@v${versions.natsCli}`, path.dirname(cached), log) &&
    existsSync(cached)
  ) {
    return cached;
  }
  return null;
}

export const describeServer = (s) =>
  `nats-server ${s.version ?? '(unknown version)'} · ${s.source} · ${s.bin}`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const log = (s) => console.error(`[nats-server] ${s}`);
  if (process.argv.includes('--matrix')) {
    for (const v of versions.matrix) {
      const s = resolveServer(v, { build: process.argv.includes('--build'), log });
      console.log(
        s
          ? describeServer(s)
          : `nats-server ${v} · not available (no cached build, no matching system package, no Go)`,
      );
    }
  } else {
    const s = defaultServer({ build: process.argv.includes('--build'), log });
    if (!s) {
      console.error(
        '[nats-server] none found: install Go (to build the pinned release) or nats-server, or set NATS_SERVER_BIN',
      );
      process.exit(2);
    }
    console.log(describeServer(s));
  }
}
