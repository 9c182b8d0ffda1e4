/**
 * Least privilege and authentication, end to end: the app runs as the read-only viewer on
 * every page with no permission violation in the nats-server log; the connect dialog's
 * user/password, NKey and token modes work; secrets stay in session storage unless
 * remembered and never travel to the app's own server; a missing permission is named.
 */
import { createUser } from '@nats-io/nkeys';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { attachWithAuth, startAuthNats, type AuthNats } from './auth-server';
import { chromium } from '@playwright/test';
import { connect } from '@nats-io/transport-node';
import { startNatsServer } from '../server/nats/launcher';
import { generateTestPki } from '../server/nats/tls';
import { setupAll } from '../server/simulator/setup';
import { backfill } from '../server/simulator/backfill';
import { CHROMIUM_ARGS, chromiumPath } from '../server/chromium';
import { viewerPermissions } from '../server/nats/auth';

const PAGES = ['/', '/messages', '/replay', '/timeline', '/stats'];

/** Waits for "connected"; a failure says which page and what the connection error was. */
async function expectConnected(page: Page) {
  const badge = page.getByRole('button', { name: /^Connection:/ });
  await expect(badge, `${page.url()}: ${await badge.getAttribute('title').catch(() => '')}`)
    .toHaveAttribute('data-state', 'connected', { timeout: 15_000 })
    .catch(async (e: Error) => {
      throw new Error(
        `${page.url()} not connected: ${await badge.getAttribute('title')}\n${e.message}`,
      );
    });
}

const nkey = createUser();
const NKEY_SEED = new TextDecoder().decode(nkey.getSeed());

let nats: AuthNats;

test.beforeAll(async () => {
  // A user with viewer rights minus STREAM.INFO, to see the app name a missing permission.
  const limited = viewerPermissions();
  limited.publish.allow = limited.publish.allow.filter((s) => !s.startsWith('$JS.API.STREAM.INFO'));
  nats = await startAuthNats({
    auth: {
      viewerNkeys: [nkey.getPublicKey()],
      extraUsers: [{ user: 'limited', pass: 'limited-pw', permissions: limited }],
    },
  });
});
test.afterAll(async () => {
  await nats?.stop();
});

test('every page works as the read-only viewer, with no permission violation in the server log', async ({
  page,
}) => {
  const { viewer } = nats.users;
  await attachWithAuth(page, [nats.server.wsUrl], {
    kind: 'user',
    user: viewer.user,
    pass: viewer.pass,
  });
  const leaks: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes(viewer.pass) || (r.postData() ?? '').includes(viewer.pass))
      leaks.push(r.url());
  });
  for (const path of PAGES) {
    await page.goto(path);
    await expectConnected(page);
    await expect(page.getByRole('button', { name: /^Connection:/ })).toContainText('e2e-auth');
    // Let the page's reads (stream info, ranges, tails, direct gets) run.
    await page.waitForTimeout(2500);
    await expect(page.getByRole('alert').filter({ hasText: /permission/i })).toHaveCount(0);
  }
  expect(leaks).toEqual([]);
  expect(nats.violations()).toEqual([]);
});

test('user and password from the connect dialog: session storage only, never sent to the app server', async ({
  page,
}) => {
  const { viewer } = nats.users;
  await page.addInitScript(
    (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
    nats.server.wsUrl,
  );
  const appRequests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('ws'))
      appRequests.push(`${r.url()} ${r.postData() ?? ''} ${JSON.stringify(r.headers())}`);
  });
  await page.goto('/');
  // Without credentials the server refuses: a clear message.
  await expect(page.getByRole('alert').first()).toContainText(/NATS refused the credentials/);
  await page.getByRole('button', { name: /^Connection:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect to NATS' });
  await dialog.getByLabel('Authentication').selectOption('user');
  await dialog.getByLabel('User', { exact: true }).fill(viewer.user);
  await dialog.getByLabel('Password').fill(viewer.pass);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  const stored = await page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  }));
  expect(stored.local).not.toContain(viewer.pass);
  expect(stored.session).toContain(viewer.pass);
  const config = await (await page.request.get('/api/config')).text();
  expect(config).not.toContain(viewer.pass);
  await page.reload();
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  expect(appRequests.filter((r) => r.includes(viewer.pass))).toEqual([]);

  // Opting in to remember moves them to localStorage.
  await page.getByRole('button', { name: /^Connection:/ }).click();
  await dialog.getByLabel('Authentication').selectOption('user');
  await dialog.getByLabel('User', { exact: true }).fill(viewer.user);
  await dialog.getByLabel('Password').fill(viewer.pass);
  await dialog.getByLabel(/Remember credentials/).check();
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  expect(await page.evaluate(() => localStorage.getItem('agent-replay.auth'))).toContain(
    viewer.pass,
  );
  expect(await page.evaluate(() => sessionStorage.getItem('agent-replay.auth'))).toBeNull();
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await attachWithAuth(page, [nats.server.wsUrl], { kind: 'user', user: 'viewer', pass: 'wrong' });
  await page.goto('/');
  await expect(page.getByRole('alert').first()).toContainText(
    /NATS refused the credentials.*Check the user, token, NKey or creds/,
  );
});

test('an NKey seed from the connect dialog signs the nonce and connects as a viewer', async ({
  page,
}) => {
  await page.addInitScript(
    (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
    nats.server.wsUrl,
  );
  await page.goto('/');
  await page.getByRole('button', { name: /^Connection:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect to NATS' });
  await dialog.getByLabel('Authentication').selectOption('nkey');
  await dialog.getByLabel(/NKey seed/).fill(NKEY_SEED);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  await expect(page.getByRole('group', { name: 'Stream figures' })).toContainText('500');
});

test('a token from the connect dialog connects to a token-protected server', async ({ page }) => {
  const server = await startNatsServer({
    serverName: 'e2e-token',
    extraConfig: 'authorization { token: "s3cret-token" }',
  });
  try {
    await page.addInitScript(
      (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
      server.wsUrl,
    );
    await page.goto('/');
    await page.getByRole('button', { name: /^Connection:/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect to NATS' });
    await dialog.getByLabel('Authentication').selectOption('token');
    await dialog.getByLabel('Token', { exact: true }).fill('s3cret-token');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'connected',
    );
    await expect(page.getByRole('button', { name: /^Connection:/ })).toContainText('e2e-token');
  } finally {
    await server.stop();
  }
});

test('a missing permission is named: which operation on which subject', async ({ page }) => {
  await attachWithAuth(page, [nats.server.wsUrl], {
    kind: 'user',
    user: 'limited',
    pass: 'limited-pw',
  });
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  await expect(page.getByRole('alert').filter({ hasText: 'permission' }).first()).toContainText(
    'lacks the permission for publish on "$JS.API.STREAM.INFO.agent-messages"',
  );
});

test('security headers and a per-request CSP whose connect-src is the configured NATS server', async ({
  page,
  request,
}) => {
  const r = await request.get('/');
  const h = r.headers();
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['permissions-policy']).toContain('camera=()');
  const csp = h['content-security-policy'] ?? '';
  const ws = new URL(process.env.E2E_WS_URL ?? '');
  expect(csp).toContain(`connect-src 'self' ws://${ws.host}`);
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic';/);
  expect(csp).toContain("frame-ancestors 'none'");
  const again = (await request.get('/')).headers()['content-security-policy'];
  expect(again).not.toBe(csp); // a fresh nonce per response

  // The app runs under the policy with no violation on any page.
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'connected',
    );
    await page.waitForTimeout(1000);
  }
  // The theme script (inline, with the nonce) ran: <html> has a theme class decision applied.
  expect(await page.evaluate(() => typeof document.documentElement.className)).toBe('string');
  expect(violations).toEqual([]);
});

test('a WebSocket URL outside the policy is blocked and the connect dialog says why', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  await page.getByRole('button', { name: /^Connection:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect to NATS' });
  await dialog.getByLabel(/WebSocket servers/).fill('wss://nats.elsewhere.example:443');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'error',
  );
  await page.getByRole('button', { name: /^Connection:/ }).click();
  await expect(
    dialog.getByRole('alert').filter({ hasText: 'Content-Security-Policy' }),
  ).toContainText('wss://nats.elsewhere.example');
  await dialog.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
});

const XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

test('payloads that contain <script> or <img onerror> are shown as text and stay inert', async ({
  page,
  privateNats,
}) => {
  const { jetstream } = await import('@nats-io/jetstream');
  const { headers } = await import('@nats-io/nats-core');
  const js = jetstream(privateNats.nc);
  const h = headers();
  h.set('X-Note', XSS);
  await js.publish(
    'agent.message.qa_tester.question',
    JSON.stringify({
      id: 'xss-1',
      sender_id: 'qa-1',
      recipient_id: null,
      content: XSS,
      message_type: 'question',
      task_execution_id: null,
      metadata: { sender_role: 'qa_tester', sender_name: '<img src=x onerror="window.__pwned=3">' },
      created_at: '2026-01-01T11:00:00Z',
    }),
    { headers: h },
  );
  await js.publish('agent.message.qa_tester.answer', `plain text ${XSS}`);
  await js.publish('agent.status.qa-1.online', JSON.stringify({ [XSS]: XSS }));
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await privateNats.attach(page);
  for (const path of [
    '/messages',
    '/messages?open=1',
    '/messages?open=2',
    '/messages?open=3',
    '/replay?from=1&to=3',
    '/timeline',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'connected',
    );
    await page.waitForTimeout(1500);
    if (path.includes('open=1'))
      await expect(
        page.getByText('<script>window.__pwned=1</script>', { exact: false }).first(),
      ).toBeVisible();
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('script', { hasText: '__pwned' }).count()).toBe(0);
  }
  expect(dialogs).toBe(0);
});

test('wss:// end to end: TLS with a CA made for the test; an untrusted certificate is refused', async ({
  page,
  baseURL,
}) => {
  const pki = await generateTestPki();
  const server = await startNatsServer({
    serverName: 'e2e-tls',
    websocketConfig: pki.websocketTls,
  });
  const nc = await connect({ servers: server.natsUrl });
  await setupAll(nc);
  await backfill(nc, { count: 120, seed: 5, spanMs: 600_000 });
  await nc.drain();
  try {
    expect(server.wsUrl).toMatch(/^wss:/);
    // The test's usual browser does not trust the CA: the connection fails, and says where.
    await page.addInitScript(
      (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
      server.wsUrl,
    );
    await page.goto('/');
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'error',
    );
    await expect(page.getByRole('alert').first()).toContainText(
      `Cannot reach NATS over WebSocket at ${server.wsUrl}`,
    );

    // A browser that trusts exactly this leaf key (SPKI pin) connects over TLS.
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${pki.spkiSha256}`],
    });
    try {
      const trusted = await browser.newPage({ baseURL });
      await trusted.addInitScript(
        (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
        server.wsUrl,
      );
      await trusted.goto('/');
      await expectConnected(trusted);
      await expect(trusted.getByRole('button', { name: /^Connection:/ })).toContainText('e2e-tls');
      await expect(trusted.getByRole('group', { name: 'Stream figures' })).toContainText('120');
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
    await pki.remove();
  }
});
