/**
 * Issue #16 item 5: a history written in seconds (a backfill, an import) is drawn over the day
 * its agents wrote it (created_at), on /timeline, in the stats histogram and on the overview,
 * each saying which clock it shows; the stream's ingest time stays one choice away.
 */
import { backfill } from '../server/simulator/backfill';
import { startLive, type LiveHandle } from '../server/simulator/live';
import { LAYOUT } from '../lib/timeline/layout';
import { test, expect } from './fixtures';

const DAY = 24 * 3_600_000;

test.describe("the agents' clock with live traffic", () => {
  let live: LiveHandle | null = null;
  test.afterEach(async () => {
    await live?.stop();
    live = null;
  });

  test('a day of history written in seconds spans its day on /timeline, /stats and the overview', async ({
    page,
    privateNats,
  }) => {
    await backfill(privateNats.nc, { count: 800, seed: 21, spanMs: DAY });
    live = startLive(privateNats.nc, { rate: 3, seed: 7 });
    await privateNats.attach(page);
    await page.setViewportSize({ width: 1440, height: 900 });

    // /timeline over the last 24 h: messages half a day ago are on the density lane.
    await page.goto('/timeline?window=24h&zoom=24h');
    await expect(page.getByText(/^time axis:/)).toContainText("agents' clock (created_at");
    await expect(page.getByRole('status', { name: 'Timeline state' })).toHaveText('live', {
      timeout: 15_000,
    });
    const canvas = page.getByRole('img', { name: /^Timeline of agent status/ });
    const box = (await canvas.boundingBox())!;
    const tip = page.getByRole('tooltip');
    // Hovering along the density lane across the middle of the day finds messages.
    const hoverMiddle = async () => {
      for (let f = 0.3; f <= 0.7; f += 0.02) {
        await page.mouse.move(
          box.x + LAYOUT.labelW + (box.width - LAYOUT.labelW) * f,
          box.y + LAYOUT.axisH + LAYOUT.densityH / 2,
        );
        if (await tip.isVisible()) return true;
      }
      return false;
    };
    await expect.poll(hoverMiddle, { timeout: 10_000 }).toBe(true);
    await expect(tip).toContainText('from');
    // Stream time, chosen in the toolbar and kept in the URL: all of it is seconds old.
    await page.getByLabel('Time axis clock').selectOption('stream');
    await expect(page).toHaveURL(/clock=stream/);
    await expect(page.getByText(/^time axis:/)).toContainText('stream time (ingest)');
    await expect(page.getByRole('status', { name: 'Timeline state' })).toHaveText('live', {
      timeout: 15_000,
    });
    await page.mouse.move(box.x + 5, box.y + 5);
    expect(await hoverMiddle()).toBe(false);

    // The stats histogram: on the agents' clock its ticks are hours apart, and it says so.
    await page.goto('/stats');
    const hist = page.getByRole('figure', { name: 'Histogram', exact: true });
    await expect(hist).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('heading', { name: /^Messages over time on/ })).toContainText(
      "the agents' clock (created_at)",
    );
    await expect(page.getByRole('heading', { name: /^Messages over time on/ })).toContainText(
      /sampled messages/,
    );
    const hours = async () => {
      // The x axis's tick labels: HH:MM:SS over hours (tenths of a second over seconds).
      const ticks = (await hist.locator('text').allTextContents())
        .map((t) => t.trim())
        .filter((t) => /^\d\d:\d\d:\d\d$/.test(t));
      return new Set(ticks.map((t) => t.slice(0, 2))).size;
    };
    await expect.poll(hours, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await page.getByLabel('Histogram clock').selectOption('stream');
    await expect(page).toHaveURL(/clock=stream/);
    await expect(page.getByRole('heading', { name: /^Messages over time on/ })).toContainText(
      'stream time (ingest)',
    );

    // The overview: first and last message on both clocks, labelled.
    await page.goto('/');
    const summary = page.getByRole('group', { name: 'Stream figures' });
    await expect(summary).toContainText('stored');
    await expect(summary).toContainText('created', { timeout: 10_000 });
  });
});
