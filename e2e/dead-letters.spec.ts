/**
 * Issue #16 item 14: dead letters decoded as messages (the message table's one-line summary),
 * grouped by reason, subject and type with counts, with the reason where there is one, and
 * one count on the tab, the heading and the banner — also with more dead letters than the
 * history's window of recent advisories.
 */
import { backfill } from '../server/simulator/backfill';
import { startLive, type LiveHandle } from '../server/simulator/live';
import { startProcessorWorker, type WorkerHandle } from '../server/simulator/worker';
import { test, expect } from './fixtures';

test.describe('dead letters with live traffic', () => {
  let live: LiveHandle | null = null;
  let worker: WorkerHandle | null = null;
  test.afterEach(async () => {
    await live?.stop();
    await worker?.stop();
    live = null;
    worker = null;
  });

  test('decoded, grouped by reason, subject and type, and counted once', async ({
    page,
    privateNats,
  }) => {
    await backfill(privateNats.nc, { count: 700, seed: 31, spanMs: 600_000 });
    // Every message dies: a few as poison (max deliveries), the rest terminated.
    worker = startProcessorWorker(privateNats.nc, {
      seed: 3,
      poisonRate: 0.04,
      termRate: 1,
      nakRate: 0,
    });
    await expect.poll(() => worker!.stats().termed, { timeout: 30_000 }).toBeGreaterThan(600);
    live = startLive(privateNats.nc, { rate: 1, seed: 8 });
    await privateNats.attach(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/stats?tab=dead-letters');
    await expect(page.getByText('History from "agent-advisories"')).toBeVisible({
      timeout: 15_000,
    });

    // One count: the tab's, the heading's and the banner's agree (read at one moment).
    const counts = () =>
      page.evaluate(() => {
        const n = (s: string | null | undefined) => (s ? Number(s.replace(/,/g, '')) : NaN);
        const tab = document
          .querySelector('[role=tab][aria-selected=true]')
          ?.textContent?.match(/([\d,]+)\s*$/)?.[1];
        const heading = [...document.querySelectorAll('h2, h3')]
          .map((h) => h.textContent ?? '')
          .find((t) => t.startsWith('Dead letters ('));
        const banner = [...document.querySelectorAll('[role=status], [role=note], div')]
          .map((d) => d.textContent ?? '')
          .find((t) => /dead letters of this stream are kept there/.test(t));
        return {
          tab: n(tab),
          heading: heading ?? '',
          banner: n(banner?.match(/([\d,]+) dead letters of this stream/)?.[1]),
        };
      });
    await expect
      .poll(
        async () => {
          const c = await counts();
          return (
            c.tab > 650 &&
            c.heading === `Dead letters (${c.tab.toLocaleString('en-US')})` &&
            c.banner === c.tab
          );
        },
        { timeout: 20_000 },
      )
      .toBe(true);

    // Grouped by reason, subject and type, with counts adding up to the same total.
    const groups = page.getByRole('table', { name: 'Dead letters by reason, subject and type' });
    await expect(groups).toBeVisible();
    await expect(
      groups.getByRole('row').filter({ hasText: 'terminated (no reason given)' }).first(),
    ).toContainText(/agent\.(message|status|task)\./, { timeout: 20_000 });
    await expect(
      groups.getByRole('row').filter({ hasText: 'max deliveries' }).first(),
    ).toBeVisible();
    await expect
      .poll(
        async () => {
          const cells = await groups.locator('tbody tr td:nth-child(4)').allTextContents();
          const sum = cells.reduce((s, t) => s + Number(t.replace(/,/g, '')), 0);
          return sum === (await counts()).tab;
        },
        { timeout: 20_000 },
      )
      .toBe(true);

    // Each dead letter reads as a message, not raw JSON, with its reason.
    const row = page.getByRole('list', { name: 'Dead letters' }).getByRole('listitem').first();
    await expect(row).toContainText(/terminated|max deliveries/);
    await expect(row.locator('[data-seq]')).not.toContainText('{"');
    await expect(row).toContainText(' · ');
  });
});
