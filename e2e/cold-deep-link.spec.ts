/**
 * Issue #19: a cold deep link's connection starts as the client code runs, before React
 * hydrates (client-registry.ts `connectEarly`), so the WebSocket handshake overlaps hydration;
 * the document itself opens the socket while the scripts load and the client takes it over
 * (lib/nats/early-socket.ts).
 */
import { test, expect } from './fixtures';

test('a cold deep link starts connecting before hydration', async ({ page }) => {
  await page.goto('/messages?seq=1234');
  await expect(page.locator('[role="row"][data-seq="1234"]')).toBeVisible();
  const marks = await page.evaluate(() =>
    Object.fromEntries(
      performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const),
    ),
  );
  expect(marks['ar:connect-start']).toBeLessThan(marks['ar:hydrated'] ?? 0);
});

test('the document opens the WebSocket before the client code runs, and the client uses that one', async ({
  page,
}) => {
  // Every WebSocket the page opens, with its time (an init script runs before the document's).
  await page.addInitScript(() => {
    const opened: { url: string; at: number }[] = [];
    (window as unknown as { __sockets: typeof opened }).__sockets = opened;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        opened.push({ url: String(url), at: performance.now() });
      }
    };
  });
  await page.goto('/messages?seq=1234');
  await expect(page.locator('[role="row"][data-seq="1234"]')).toBeVisible();
  const r = await page.evaluate(() => ({
    sockets: (window as unknown as { __sockets: { url: string; at: number }[] }).__sockets,
    connectStart: performance.getEntriesByName('ar:connect-start', 'mark')[0]?.startTime ?? NaN,
    connected: performance.getEntriesByName('ar:connected', 'mark')[0]?.startTime ?? NaN,
  }));
  expect(r.sockets).toHaveLength(1);
  expect(r.sockets[0]!.at).toBeLessThan(r.connectStart);
  expect(r.connected).toBeGreaterThan(r.connectStart);
});
