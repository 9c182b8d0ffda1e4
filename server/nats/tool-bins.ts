/**
 * Where the tests find the other NATS programs they use as real peers: the `nats` CLI
 * (natscli) and the newest nats-server built for the feature tests. Each is looked up in
 * an env var, then the cache `npm test` builds into, then PATH; null when absent, so a test
 * can skip and say what to install.
 */
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import path from 'node:path';

/** The natscli version the CLI command and the peer tests are checked against. */
export const NATS_CLI_VERSION = '0.5.0';

/** The cache dir of agent-replay's downloaded/built tools (`~/.cache/agent-replay`). */
export function toolCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'agent-replay');
}

function onPath(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p ? p : null;
}

/** The `nats` CLI: NATS_CLI_BIN, the cache (natscli/<version>/nats), or `nats` on PATH. */
export function natsCliBin(): string | null {
  const env = process.env.NATS_CLI_BIN;
  if (env) return existsSync(env) ? env : null;
  const cached = path.join(toolCacheDir(), 'natscli', NATS_CLI_VERSION, 'nats');
  if (existsSync(cached)) return cached;
  return onPath('nats');
}

/** Orders "2.15.3" / "2.12.0-beta" style versions (numeric parts only). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < 3; i++) {
    const d =
      (Number.isFinite(pa[i]) ? (pa[i] as number) : 0) -
      (Number.isFinite(pb[i]) ? (pb[i] as number) : 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The newest nats-server at hand, for tests of features only newer servers have:
 * NATS_NEWEST_SERVER_BIN, else the highest version in the cache (nats-server/<version>/),
 * else the usual one (NATS_SERVER_BIN or PATH). The test still asks the server what it offers.
 */
export function newestNatsServerBin(): string | null {
  const env = process.env.NATS_NEWEST_SERVER_BIN;
  if (env) return existsSync(env) ? env : null;
  const dir = path.join(toolCacheDir(), 'nats-server');
  const versions = existsSync(dir)
    ? readdirSync(dir).filter(
        (v) => /^\d+\.\d+\.\d+/.test(v) && existsSync(path.join(dir, v, 'nats-server')),
      )
    : [];
  versions.sort(compareVersions);
  const newest = versions.at(-1);
  if (newest) return path.join(dir, newest, 'nats-server');
  const fromEnv = process.env.NATS_SERVER_BIN;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return onPath('nats-server');
}
