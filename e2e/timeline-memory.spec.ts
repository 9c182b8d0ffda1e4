/**
 * Issue #19: the timeline keeps the newest 100,000 events in memory. A view that reaches back
 * past them tints that stretch and says where memory begins, while the counters still count
 * every event. Driven by the test's own backfill on a nats-server of its own.
 */
import { backfill } from '../server/simulator/backfill';
import { DEFAULT_CAPACITY } from '../lib/timeline/model';
import { test, expect } from './fixtures';

test.describe('timeline memory bound', () => {
  test('a view reaching back past the events in memory says so; zoomed in to what is held, it does not', async ({
    page,
    privateNats,
  }) => {
    test.setTimeout(180_000);
    // 20,000 more than the timeline holds, written by the agents over the last 4 minutes.
    const count = DEFAULT_CAPACITY + 20_000;
    await backfill(privateNats.nc, { count, seed: 11, spanMs: 4 * 60_000, batch: 2000 });
    await privateNats.attach(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/timeline?tz=utc');
    const figures = page.getByRole('group', { name: 'Timeline figures' });
    // Every event is counted, also those no longer in memory.
    await expect(figures.getByRole('group', { name: 'Total' })).toContainText('120,000', {
      timeout: 90_000,
    });
    await expect(figures.getByRole('group', { name: 'In memory' })).toContainText(
      '20,000 older dropped (still in the stream)',
    );
    const note = page.getByRole('note');
    await expect(note).toHaveText(
      /^Before \d\d:\d\d:\d\d: events no longer in memory \(still in the stream; counters include them\)$/,
    );
    // The time named is within the backfill's 4 minutes, in the page's zone (UTC here).
    const hhmmss = /Before (\d\d:\d\d:\d\d)/.exec((await note.textContent()) ?? '')![1]!;
    const now = new Date();
    const named = Date.parse(`${now.toISOString().slice(0, 10)}T${hhmmss}Z`);
    // (Compared on the clock face, so a run across midnight UTC reads the same.)
    const apart = Math.abs(now.getTime() - named) % 86_400_000;
    expect(Math.min(apart, 86_400_000 - apart)).toBeLessThan(6 * 60_000);

    // Zoomed in to the last minute or so, everything in view is held: no note.
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect(note).toBeHidden();
    // Zoomed out again, it comes back.
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect(note).toBeVisible();
  });
});
