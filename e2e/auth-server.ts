/**
 * A nats-server of a spec's own with the three least-privilege users (server/nats/auth.ts),
 * seeded by the simulator user. For security and failover specs; the shared server of
 * global-setup stays open (no auth) for the other specs.
 */
import type { Page } from '@playwright/test';
import { connect } from '@nats-io/transport-node';
import { startNatsServer, type NatsServer, type NatsServerOptions } from '../server/nats/launcher';
import {
  authorizationBlock,
  makeUsers,
  permissionViolations,
  type AuthBlockOptions,
  type AuthUsers,
} from '../server/nats/auth';
import { setupAll } from '../server/simulator/setup';
import { backfill } from '../server/simulator/backfill';
import type { NatsAuth } from '../lib/nats/connection';

export type AuthNats = {
  server: NatsServer;
  users: AuthUsers;
  violations(): string[];
  stop(): Promise<void>;
};

/** Starts an auth-enabled nats-server and seeds `count` messages as the simulator user. */
export async function startAuthNats(
  opts: { count?: number; auth?: AuthBlockOptions; server?: NatsServerOptions } = {},
): Promise<AuthNats> {
  const users = makeUsers();
  const server = await startNatsServer({
    serverName: 'e2e-auth',
    ...opts.server,
    extraConfig: [authorizationBlock(users, opts.auth), opts.server?.extraConfig ?? ''].join('\n'),
  });
  const sim = await connect({
    servers: server.natsUrl,
    user: users.simulator.user,
    pass: users.simulator.pass,
  });
  await setupAll(sim);
  if ((opts.count ?? 500) > 0) {
    await backfill(sim, {
      count: opts.count ?? 500,
      seed: 11,
      spanMs: 3600_000,
      endMs: Date.parse('2026-01-01T12:00:00Z'),
    });
  }
  await sim.drain();
  return {
    server,
    users,
    violations: () => permissionViolations(server.log()),
    stop: () => server.stop(),
  };
}

/** Makes the app in `page` connect to `wsUrl` with `auth` (session only), before navigation. */
export async function attachWithAuth(page: Page, servers: string[], auth: NatsAuth): Promise<void> {
  await page.addInitScript(
    ([s, a]) => {
      localStorage.setItem('agent-replay.servers', JSON.stringify(s));
      if (!sessionStorage.getItem('agent-replay.auth'))
        sessionStorage.setItem('agent-replay.auth', JSON.stringify(a));
    },
    [servers, auth] as const,
  );
}
