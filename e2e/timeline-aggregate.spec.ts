/**
 * Issue #19: above what the timeline can mark legibly it draws task events as per-column
 * density and says so; hovering an aggregated column counts it, a click zooms in, and zooming
 * in until the marks fit brings single marks back. Driven by the test's own publisher on a
 * nats-server of its own.
 */
import type { Page } from '@playwright/test';
import { startLive, type LiveHandle } from '../server/simulator/live';
import { LAYOUT, laneTop } from '../lib/timeline/layout';
import { test, expect } from './fixtures';

const notice = (page: Page) => page.getByText(/^Aggregated: [\d,]+ events in view/);

test.describe('timeline aggregation', () => {
  let live: LiveHandle | null = null;
  test.afterEach(async () => {
    await live?.stop();
    live = null;
  });

  test('a burst above the threshold is drawn aggregated, says so, and zooming in returns to marks', async ({
    page,
    privateNats,
  }) => {
    await privateNats.attach(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/timeline');
    await expect(page.getByRole('status', { name: 'Timeline state' })).toHaveText('live', {
      timeout: 15_000,
    });
    // A calm trickle: single marks, no notice.
    live = startLive(privateNats.nc, { rate: 5, seed: 7 });
    await expect(
      page.getByRole('list', { name: 'Agent lanes' }).locator('li').first(),
    ).toBeAttached({
      timeout: 10_000,
    });
    await page.waitForTimeout(1500);
    await expect(notice(page)).toBeHidden();
    await live.stop();

    // A burst: 2,000 events/s in a 5-minute view puts ~12 batches (distinct times) of task
    // events in a lane's pixel column.
    live = startLive(privateNats.nc, { rate: 2000, seed: 8 });
    await expect(notice(page)).toBeVisible({ timeout: 10_000 });
    await page.waitForTimeout(2000);
    await page.keyboard.press(' ');
    await expect(page.getByRole('status', { name: 'Timeline state' })).toHaveText('paused');

    // Hovering a column of a lane near "now" counts what it holds.
    const canvas = page.getByRole('img', { name: /^Timeline of agent status/ });
    const box = (await canvas.boundingBox())!;
    const tip = page.getByTestId('timeline-tooltip');
    let found = false;
    for (let lane = 0; lane < 4 && !found; lane++)
      for (let dx = 4; dx < 80 && !found; dx += 3) {
        await page.mouse.move(box.x + box.width - dx, box.y + laneTop(lane) + LAYOUT.laneH - 4);
        // The tooltip element stays in the DOM, hidden when nothing is under the pointer.
        found = /task events? \(aggregated\)/.test(
          await tip.evaluate((el: HTMLElement) => (el.hidden ? '' : (el.textContent ?? ''))),
        );
      }
    expect(found).toBe(true);
    await expect(tip).toContainText('Click to zoom in');
    // A click zooms in (the URL keeps the new span) rather than opening one event of many.
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(() => new URL(page.url()).searchParams.get('zoom')).toBe('75s');
    await expect(page.getByLabel('Event detail')).toHaveCount(0);

    // Zoomed in to 5 s (the last seconds before the pause) the marks fit again.
    await page.mouse.move(box.x + 10, box.y + 5);
    for (let i = 0; i < 5; i++) await page.keyboard.press('+');
    await expect(notice(page)).toBeHidden({ timeout: 5000 });
  });
});
