/**
 * Where the tests find the other NATS programs they use as real peers: the `nats` CLI and the
 * newest nats-server, for feature tests that need it whatever server the suite runs on. Both
 * come from scripts/nats-server.mjs (env var, the pinned build in the cache, PATH); null when
 * absent, so a test can skip and say what to install.
 */
import { existsSync } from 'node:fs';
import {
  defaultServer,
  resolveNatsCli,
  resolveServer,
  versions,
} from '../../scripts/nats-server.mjs';

/** The natscli version the CLI command and the peer tests are checked against. */
export const NATS_CLI_VERSION = versions.natsCli;

/** The `nats` CLI: NATS_CLI_BIN, the pinned build in the cache, or `nats` on PATH. */
export function natsCliBin(): string | null {
  return resolveNatsCli();
}

/**
 * The newest nats-server at hand: NATS_NEWEST_SERVER_BIN, else the newest pinned release from
 * the cache, else the suite's own server. The test still asks the server what it offers.
 */
export function newestNatsServerBin(): string | null {
  const env = process.env.NATS_NEWEST_SERVER_BIN;
  if (env) return existsSync(env) ? env : null;
  return resolveServer(versions.newest)?.bin ?? defaultServer()?.bin ?? null;
}
