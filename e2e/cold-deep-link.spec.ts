/**
 * Issue #19: a cold deep link's connection starts as the client code runs, before React
 * hydrates (client-registry.ts `connectEarly`), so the WebSocket handshake overlaps hydration.
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
