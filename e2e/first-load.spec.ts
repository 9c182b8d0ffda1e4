/**
 * Issue #19: a cold page loads only the script its first row needs. The connect dialog, the
 * `?` help, the message detail, the range download, the replay's side panels and zod's classic API
 * are split off the first load (they load when idle, or when first opened), and still open on
 * their keys right after the page hydrates.
 */
import { test, expect } from './fixtures';

/** Texts that only the split-off code holds. */
const LATER: Record<string, string> = {
  'the connect dialog': 'Reset to defaults',
  'the ? help': 'Keys are ignored while typing in a field',
  'the message detail': 'Copy as nats CLI',
  'the range download': 'Close download range',
  'the sequence diagram': 'Sequence diagram',
  'the state panel': 'State at the playhead',
  'the diff panel': 'Diff between two points',
  // The contract uses zod's mini build; the classic API (about 30 KB gzipped) stays off.
  "zod's classic API": '"ZodObject"',
};

for (const path of ['/messages', '/replay']) {
  test(`the first load of ${path} holds no code its first row does not need`, async ({
    request,
  }) => {
    const html = await (await request.get(path)).text();
    const srcs = [...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1] ?? '');
    expect(srcs.length).toBeGreaterThan(0);
    const code = (await Promise.all(srcs.map(async (s) => (await request.get(s)).text()))).join(
      '\n',
    );
    const found = Object.entries(LATER)
      .filter(([, text]) => code.includes(text))
      .map(([what]) => what);
    expect(found, `on the first load of ${path}`).toEqual([]);
  });
}

test('c and ? open their lazily loaded dialogs right after hydration', async ({ page }) => {
  await page.goto('/messages');
  await page.waitForFunction(() => performance.getEntriesByName('ar:hydrated').length > 0);
  // The mark is set while the first client render runs; the key listeners attach in its
  // effects, which React runs after the frame is painted.
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(() => r(), 0))),
  );
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'Connect to NATS' });
  await expect(dialog.getByLabel(/WebSocket servers/)).toBeFocused();
});

test('a slow side panel never hides the replay: the transcript shows while its code loads', async ({
  page,
  request,
}) => {
  const path = '/replay?from=1&to=80';
  const html = await (await request.get(path)).text();
  const first = new Set(
    [...html.matchAll(/src="([^"]+\.js[^"]*)"/g)].map(
      (m) => new URL(m[1] ?? '', 'http://x').pathname,
    ),
  );
  // Holds back every script the first load did not list (the split-off panels) for 4 s.
  let held = 0;
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    if (!first.has(new URL(route.request().url()).pathname)) {
      held++;
      await new Promise((r) => setTimeout(r, 4_000));
    }
    await route.continue();
  });
  await page.goto(path);
  const transcript = page.getByRole('region', { name: 'Transcript', exact: true });
  await expect(transcript.locator('[data-seq]').first()).toBeVisible({ timeout: 3_500 });
  expect(held).toBeGreaterThan(0);
  // And the panels follow once their code is in.
  await expect(page.getByRole('img', { name: 'Sequence diagram' })).toBeVisible({
    timeout: 15_000,
  });
});

test("the header's pages are prefetched after a cold page's first read, not during it", async ({
  page,
}) => {
  await page.goto('/replay?from=1&to=3000');
  await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText('events');
  const loadedAt = async () =>
    page.evaluate(() => performance.getEntriesByName('ar:loaded', 'mark')[0]?.startTime ?? null);
  await expect.poll(loadedAt).not.toBeNull();
  // Prefetches are RSC requests (`?_rsc=`); the page's own first load has none.
  const prefetches = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((r) => r.name.includes('_rsc='))
        .map((r) => ({ url: new URL(r.name).pathname, at: r.startTime })),
    );
  const loaded = (await loadedAt())!;
  expect((await prefetches()).filter((p) => p.at < loaded)).toEqual([]);
  // They still come, so a click on a page link does not wait for its server render.
  await expect
    .poll(async () => (await prefetches()).map((p) => p.url), { timeout: 15_000 })
    .toContain('/timeline');
});
