/**
 * Creds (JWT) authentication end to end: nats-server in operator mode (MEMORY resolver
 * preloaded with a system account and an app account with JetStream, server/nats/jwt-auth.ts),
 * the stream seeded with an admin user's creds, and the app connected through the connect
 * dialog's "Creds file (JWT)" mode with a least-privilege viewer's creds — uploaded as a file
 * or pasted. A creds file of an unknown account is refused with the credentials message.
 */
import type { Page } from '@playwright/test';
import { connect } from '@nats-io/transport-node';
import { credsAuthenticator } from '@nats-io/nats-core';
import { createAccount } from '@nats-io/jwt';
import { test, expect } from './fixtures';
import { startNatsServer, type NatsServer } from '../server/nats/launcher';
import { makeJwtSetup, makeJwtUser, type JwtSetup } from '../server/nats/jwt-auth';
import { permissionViolations, viewerPermissions } from '../server/nats/auth';
import { setupAll } from '../server/simulator/setup';
import { backfill } from '../server/simulator/backfill';

let server: NatsServer;
let setup: JwtSetup;

test.beforeAll(async () => {
  setup = await makeJwtSetup({ admin: undefined, viewer: viewerPermissions() });
  // debug: a refused connection's reason (which JWT check failed) is logged only at debug level.
  server = await startNatsServer({
    serverName: 'e2e-creds',
    extraConfig: `${setup.config}\ndebug: true`,
  });
  const admin = await connect({
    servers: server.natsUrl,
    authenticator: credsAuthenticator(new TextEncoder().encode(setup.users.admin!.creds)),
  });
  await setupAll(admin);
  await backfill(admin, {
    count: 321,
    seed: 13,
    spanMs: 600_000,
    endMs: Date.parse('2026-01-01T12:00:00Z'),
  });
  await admin.drain();
});
test.afterAll(async () => {
  await server?.stop();
});
// A refusal names no reason in the browser; the server's log does (which user, which check),
// and the page's stored settings say what the app was asked to connect with.
test.afterEach(async ({ page }, info) => {
  if (info.status === info.expectedStatus) return;
  const stored = await page
    .evaluate(() => ({
      servers: localStorage.getItem('agent-replay.servers'),
      auth:
        (
          JSON.parse(sessionStorage.getItem('agent-replay.auth') ?? 'null') as {
            kind?: string;
          } | null
        )?.kind ?? null,
    }))
    .catch((e: unknown) => String(e));
  const log = server.log();
  console.log(
    `[creds] stored settings ${JSON.stringify(stored)}; server ${server.wsUrl}; nats-server log:\n${log.split('\n').slice(-40).join('\n')}`,
  );
  await info.attach('nats-server.log', { body: log, contentType: 'text/plain' });
});

/** Opens the page on the operator-mode server with no credentials and opens the dialog in creds mode. */
async function openCredsDialog(page: Page) {
  await page.addInitScript(
    (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
    server.wsUrl,
  );
  await page.goto('/');
  // No credentials yet: the operator-mode server refuses, and the page says so.
  await expect(page.getByRole('alert').first()).toContainText('NATS refused the credentials');
  await page.getByRole('button', { name: /^Connection:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect to NATS' });
  await dialog.getByLabel('Authentication').selectOption('creds');
  return dialog;
}

async function expectCredsConnected(page: Page) {
  const badge = page.getByRole('button', { name: /^Connection:/ });
  await expect(badge).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await expect(badge).toContainText('e2e-creds');
  await expect(page.getByRole('group', { name: 'Stream figures' })).toContainText('321');
}

test('a creds file uploaded in the connect dialog connects the app as the viewer', async ({
  page,
}) => {
  const dialog = await openCredsDialog(page);
  await dialog.getByLabel('Creds file', { exact: true }).setInputFiles({
    name: 'viewer.creds',
    mimeType: 'text/plain',
    buffer: Buffer.from(setup.users.viewer!.creds),
  });
  await expect(dialog.getByLabel(/creds file contents/i)).toHaveValue(
    /-----BEGIN NATS USER JWT-----/,
  );
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expectCredsConnected(page);
  // Every page works with the viewer's JWT permissions, and nothing was refused.
  for (const path of ['/messages', '/replay', '/timeline', '/stats']) {
    await page.goto(path);
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'connected',
    );
    await page.waitForTimeout(1500);
  }
  expect(permissionViolations(server.log())).toEqual([]);
});

test('pasted creds connect too; the secret stays in session storage', async ({ page }) => {
  const dialog = await openCredsDialog(page);
  await dialog.getByLabel(/creds file contents/i).fill(setup.users.viewer!.creds);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expectCredsConnected(page);
  const seed = setup.users.viewer!.seed;
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(seed);
  expect(await page.evaluate(() => sessionStorage.getItem('agent-replay.auth'))).toContain(seed);
});

test('creds of an account the server does not know: "NATS refused the credentials"', async ({
  page,
}) => {
  const stranger = await makeJwtUser('stranger', createAccount());
  const dialog = await openCredsDialog(page);
  await dialog.getByLabel(/creds file contents/i).fill(stranger.creds);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'error',
  );
  await expect(page.getByRole('alert').first()).toContainText(
    /NATS refused the credentials.*Check the user, token, NKey or creds/,
  );
});

test('a malformed creds file is rejected in the dialog before anything is sent', async ({
  page,
}) => {
  const dialog = await openCredsDialog(page);
  await dialog.getByLabel(/creds file contents/i).fill(setup.users.viewer!.jwt);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'BEGIN USER NKEY SEED' })).toBeVisible();
  await expect(dialog).toBeVisible();
});
