import { test, expect, e2eServerVersion } from './fixtures';

test(
  'the app connects over WebSocket and shows the server version and stream name',
  { tag: '@smoke' },
  async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'connected',
    );
    await expect(
      page
        .getByRole('group', { name: 'Version', exact: true })
        .getByText(e2eServerVersion(), { exact: true }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: /^Connection:/ })).toContainText('e2e-nats');
    await expect(
      page.getByRole('banner').getByText('agent-messages', { exact: true }),
    ).toBeVisible();
    await expect(page.getByRole('group', { name: 'Stream figures' })).toContainText('3,000');
  },
);

test('the overview and the connect dialog say what the server can do', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  // Whatever server the run uses (2.9 has no batch direct get, 2.11+ has): the line names it.
  // The figure's text is its label, then the value.
  const version = (
    (await page.getByRole('group', { name: 'Version', exact: true }).textContent()) ?? ''
  ).replace(/^Version/, '');
  const line = page.getByText(`nats-server ${version} · JetStream API level`);
  await expect(line).toBeVisible();
  await expect(line).toContainText(/batch direct get [✓✗] · multi-filter consumers [✓✗]/);
  await page.getByRole('button', { name: /^Connection:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect to NATS' });
  await expect(dialog.getByText(`nats-server ${version} · JetStream API level`)).toBeVisible();
});

test('navigation reaches every page, by link and by keyboard', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [name, path] of [
    ['Messages', '/messages'],
    ['Replay', '/replay'],
    ['Timeline', '/timeline'],
    ['Stats', '/stats'],
  ] as const) {
    await nav.getByRole('link', { name }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
  }
  await page.keyboard.press('g');
  await page.keyboard.press('m');
  await expect(page).toHaveURL(/\/messages$/);
});

test('the theme toggles between light and dark and is remembered', async ({ page }) => {
  await page.goto('/');
  // Shortcuts listen once the page is hydrated; a connected badge means its effects have run.
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  const html = page.locator('html');
  const wasDark = (await html.getAttribute('class'))?.includes('dark') ?? false;
  await page.keyboard.press('t');
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
  await page.reload();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
});

test('a wrong WebSocket URL gives a clear error, and resetting recovers', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  await page.getByRole('button', { name: /^Connection:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect to NATS' });
  await dialog.getByLabel(/WebSocket servers/).fill('ws://127.0.0.1:1');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert').first()).toContainText(
    'Cannot reach NATS over WebSocket at ws://127.0.0.1:1',
  );
  await page.getByRole('button', { name: /^Connection:/ }).click();
  await page
    .getByRole('dialog', { name: 'Connect to NATS' })
    .getByRole('button', { name: 'Reset to defaults' })
    .click();
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
});

test('the runtime config route serves the servers from the environment', async ({ request }) => {
  const r = await request.get('/api/config');
  const body = (await r.json()) as { servers: string[]; stream: string };
  expect(body.servers).toEqual([process.env.E2E_WS_URL]);
  expect(body.stream).toBe('agent-messages');
});

test('c opens the connection dialog without typing "c" into its URL field', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'Connect to NATS' });
  const field = dialog.getByLabel(/WebSocket servers/);
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(process.env.E2E_WS_URL ?? '');
});

for (const path of ['/', '/messages', '/timeline']) {
  test(`the ? overlay dims the whole page on ${path}, not only the header`, async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(path);
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'connected',
    );
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    // The backdrop is the dialog's parent: it covers the viewport.
    const box = await help.locator('xpath=..').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 1440, height: 900 });
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });
}
