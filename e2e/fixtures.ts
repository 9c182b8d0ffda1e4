/**
 * Shared Playwright fixtures.
 * - baseURL: the app started by global setup (connected to the shared, seeded nats-server).
 * - nc: a Node connection to that shared server (read it; never publish into agent-messages,
 *   other specs assert its figures).
 * - privateNats: a nats-server of the test's own (JetStream + WebSocket, stream and consumer
 *   set up as in the seed, empty) for tests that publish. Call `privateNats.attach(page)`
 *   before `page.goto` and the app connects to it instead (as the connect dialog would).
 * - page: with E2E_CPU_THROTTLE=N, Chromium runs the page's main thread N× slower (CDP), to
 *   reproduce timing races that only a slow or loaded CI machine shows.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../server/nats/launcher';
import { setupAll } from '../server/simulator/setup';

export type PrivateNats = {
  server: NatsServer;
  nc: NatsConnection;
  /** Makes the app in `page` connect to this server (set before the first navigation). */
  attach(page: Page): Promise<void>;
};

const CPU_THROTTLE = Number(process.env.E2E_CPU_THROTTLE ?? 1);

/** The shared server's version as its monitoring endpoint reports it (set by global setup). */
export function e2eServerVersion(): string {
  const v = process.env.E2E_NATS_VERSION;
  if (!v) throw new Error('E2E_NATS_VERSION is not set: run the specs through the global setup');
  return v;
}

export const test = base.extend<{ nc: NatsConnection; privateNats: PrivateNats }>({
  baseURL: async ({}, use) => {
    await use(process.env.E2E_BASE_URL);
  },
  page: async ({ page }, use) => {
    if (CPU_THROTTLE > 1)
      await (
        await page.context().newCDPSession(page)
      ).send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    await use(page);
  },
  nc: async ({}, use) => {
    const nc = await connect({ servers: process.env.E2E_NATS_URL ?? '' });
    await use(nc);
    await nc.drain();
  },
  privateNats: async ({}, use) => {
    const server = await startNatsServer({ serverName: 'e2e-private' });
    const nc = await connect({ servers: server.natsUrl });
    await setupAll(nc);
    await use({
      server,
      nc,
      attach: async (page) => {
        await page.addInitScript((ws) => {
          localStorage.setItem('agent-replay.servers', JSON.stringify([ws]));
        }, server.wsUrl);
      },
    });
    await nc.drain().catch(() => {});
    await server.stop();
  },
});

export { expect };

/**
 * The value a definition list gives for a term, as a reader finds it: the `dd` after the `dt`.
 * (ARIA forbids naming a definition, so `getByRole('definition', { name })` cannot find it.)
 */
export const definitionOf = (scope: Page | Locator, term: string) =>
  scope
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');
