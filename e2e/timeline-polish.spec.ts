/**
 * Issue #16 item 12: the timeline's detail drawer leaves the header usable, its tooltip stays
 * inside the canvas and follows the view, "Following now" is not claimed while paused, the
 * lanes' colours are explained, and at 1920 px the lanes use the screen's width.
 */
import type { Page } from '@playwright/test';
import { backfill } from '../server/simulator/backfill';
import { startLive, type LiveHandle } from '../server/simulator/live';
import { LAYOUT } from '../lib/timeline/layout';
import { test, expect, type PrivateNats } from './fixtures';

async function open(page: Page, privateNats: PrivateNats, size = { width: 1440, height: 900 }) {
  await backfill(privateNats.nc, { count: 300, seed: 11, spanMs: 60_000 });
  await privateNats.attach(page);
  await page.setViewportSize(size);
  await page.goto('/timeline');
  await expect(page.getByRole('status', { name: 'Timeline state' })).toHaveText('live', {
    timeout: 15_000,
  });
  await expect(
    page.getByRole('list', { name: 'Agent lanes' }).locator('li').first(),
  ).toBeAttached();
  return startLive(privateNats.nc, { rate: 5, seed: 5 });
}

/** Whether the element's centre is its own (nothing drawn over it). */
const onTop = (page: Page, name: RegExp) =>
  page.getByRole('button', { name }).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === el || el.contains(hit));
  });

test.describe('timeline polish with live traffic', () => {
  let live: LiveHandle | null = null;
  test.afterEach(async () => {
    await live?.stop();
    live = null;
  });

  test('the detail drawer leaves the header usable and takes no tooltip with it', async ({
    page,
    privateNats,
  }) => {
    live = await open(page, privateNats, { width: 1024, height: 700 });
    await page.getByRole('button', { name: /^(Pause|Resume) space$/ }).click();
    const box = (await page.getByRole('img', { name: /^Timeline of agent status/ }).boundingBox())!;
    // Hover, then click an event: the drawer opens and the tooltip is gone.
    await page.mouse.move(box.x + box.width - 3, box.y + LAYOUT.axisH + LAYOUT.densityH + 4);
    await expect(page.getByRole('tooltip')).toBeVisible();
    await page.mouse.click(box.x + box.width - 3, box.y + LAYOUT.axisH + LAYOUT.densityH + 4);
    const panel = page.getByRole('complementary', { name: 'Event detail' });
    await expect(panel.getByRole('region', { name: /^Message \d+$/ })).toBeVisible();
    await expect(page.getByRole('tooltip')).toBeHidden();
    const header = (await page.locator('header').first().boundingBox())!;
    expect((await panel.boundingBox())!.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
    expect(await onTop(page, /^Connection:/)).toBe(true);
    expect(await onTop(page, /Switch to \w+ theme/)).toBe(true);
    // The theme button works with the drawer open.
    const dark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
    await page.getByRole('button', { name: /Switch to \w+ theme/ }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(
      !dark,
    );
  });

  test('the tooltip stays inside the canvas and follows a wheel zoom', async ({
    page,
    privateNats,
  }) => {
    live = await open(page, privateNats);
    const canvas = page.getByRole('img', { name: /^Timeline of agent status/ });
    const tip = page.getByRole('tooltip');
    const lanes = await page.getByRole('list', { name: 'Agent lanes' }).locator('li').count();
    const box = (await canvas.boundingBox())!;
    // The bottom lane, at now: the tooltip opens above the pointer, not below the canvas.
    const y =
      box.y + LAYOUT.axisH + LAYOUT.densityH + (lanes - 1) * LAYOUT.laneH + LAYOUT.laneH - 6;
    await expect
      .poll(async () => {
        await page.mouse.move(box.x + box.width - 3, y);
        return tip.isVisible();
      })
      .toBe(true);
    const t = (await tip.boundingBox())!;
    const c = (await canvas.boundingBox())!;
    expect(t.y + t.height).toBeLessThanOrEqual(c.y + c.height + 1);
    expect(t.x + t.width).toBeLessThanOrEqual(c.x + c.width + 1);

    // Near now on the first lane, then zoom far out: while following, the right edge stays at
    // now, so the pointer is then hours back, before any event, and the tooltip must go.
    const x = box.x + box.width - 40;
    const y0 = box.y + LAYOUT.axisH + LAYOUT.densityH + LAYOUT.laneH / 2;
    await expect
      .poll(async () => {
        await page.mouse.move(x, y0);
        return tip.isVisible();
      })
      .toBe(true);
    await page.mouse.wheel(0, 2500);
    await expect(page.getByTitle('Visible span')).not.toHaveText('5m');
    await expect(tip).toBeHidden();
  });

  test('paused, the follow button offers to resume instead of claiming "Following now"; the lanes have a legend', async ({
    page,
    privateNats,
  }) => {
    live = await open(page, privateNats);
    await expect(page.getByRole('button', { name: 'Following now' })).toBeDisabled();
    await page.getByRole('button', { name: /^(Pause|Resume) space$/ }).click();
    await expect(page).toHaveURL(/paused=true/);
    await expect(page.getByRole('button', { name: 'Following now' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Resume at now' }).click();
    await expect(page).not.toHaveURL(/paused=true/);
    await expect(page.getByRole('button', { name: 'Following now' })).toBeVisible();
    const legend = page.getByRole('group', { name: 'Legend', exact: true });
    await expect(legend).toContainText('Status');
    await expect(legend).toContainText('running');
  });

  test('at 1920 px the lanes use the width', async ({ page, privateNats }) => {
    live = await open(page, privateNats, { width: 1920, height: 1080 });
    await expect
      .poll(
        async () =>
          (await page.getByRole('img', { name: /^Timeline of agent status/ }).boundingBox())!.width,
      )
      .toBeGreaterThan(1920 - 80);
    // Still no sideways scrolling.
    expect(
      await page.evaluate(
        () => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth + 1,
      ),
    ).toBe(true);
  });
});
