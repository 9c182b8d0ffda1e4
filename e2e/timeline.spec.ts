import type { Page } from '@playwright/test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { CONSUMER_NAME, STREAM_NAME } from '../lib/agents/schema';
import { canvasHeight } from '../lib/timeline/layout';
import { backfill } from '../server/simulator/backfill';
import { startLive, type LiveHandle } from '../server/simulator/live';
import { test, expect, definitionOf, type PrivateNats } from './fixtures';

const newestSeq = async (page: Page) =>
  Number(
    await page
      .locator('[aria-label="Recent events"] [role=row][data-seq]')
      .first()
      .getAttribute('data-seq'),
  );

async function openLive(page: Page, privateNats: PrivateNats, rate = 25): Promise<LiveHandle> {
  await backfill(privateNats.nc, { count: 300, seed: 11, spanMs: 60_000 });
  await privateNats.attach(page);
  await page.goto('/timeline');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  // The backfill is read: the newest backfilled sequence is listed.
  await expect.poll(() => newestSeq(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(300);
  return startLive(privateNats.nc, { rate, seed: 5 });
}

test.describe('live timeline', () => {
  let live: LiveHandle | null = null;
  test.afterEach(async () => {
    await live?.stop();
    live = null;
  });

  test(
    'shows the backfill, then new live events within 2 s',
    { tag: '@smoke' },
    async ({ page, privateNats }) => {
      live = await openLive(page, privateNats);
      await expect(page.getByRole('img', { name: /^Timeline of agent status/ })).toBeVisible();
      await expect(page.getByRole('status', { name: 'Timeline state' })).toHaveText('live', {
        timeout: 10_000,
      });
      // Live traffic flows in...
      const before = await newestSeq(page);
      await expect.poll(() => newestSeq(page), { timeout: 5000 }).toBeGreaterThan(before);
      // ...and a message published now is on screen within 2 s of its publish.
      const t0 = Date.now();
      const ack = await jetstream(privateNats.nc).publish(
        'agent.message.qa_tester.question',
        JSON.stringify({
          id: 'e2e-live-needle',
          sender_id: 'needle',
          recipient_id: null,
          content: 'ping',
          message_type: 'question',
          task_execution_id: null,
          metadata: { sender_role: 'qa_tester', sender_name: 'Needle' },
          created_at: new Date().toISOString(),
        }),
      );
      await expect(
        page.locator(`[aria-label="Recent events"] [role=row][data-seq="${ack.seq}"]`),
      ).toContainText('question from Needle', { timeout: 2000 });
      expect(Date.now() - t0).toBeLessThan(2000);
      // The render hook for the benchmark follows the stream.
      const hook = await page.evaluate(() => window.__agentReplayTimeline);
      expect(hook?.lastRenderedSeq).toBeGreaterThan(300);
      await expect(page.getByRole('group', { name: 'Agents online' })).toContainText(
        /online\s*[1-9]/,
      );
    },
  );

  test('pause freezes the view and counts waiting events; resume catches up', async ({
    page,
    privateNats,
  }) => {
    live = await openLive(page, privateNats);
    await page.getByRole('button', { name: /^(Pause|Resume) space$/ }).click();
    await expect(page).toHaveURL(/paused=true/);
    const frozen = await newestSeq(page);
    await expect
      .poll(
        async () =>
          Number((await page.getByText(/^[\d,]+ waiting$/).textContent())?.replace(/\D/g, '')),
        { timeout: 5000 },
      )
      .toBeGreaterThan(5);
    expect(await newestSeq(page)).toBe(frozen);
    await page.getByRole('button', { name: /^(Pause|Resume) space$/ }).click();
    await expect(page.getByText(/^[\d,]+ waiting$/)).toHaveCount(0);
    await expect.poll(() => newestSeq(page), { timeout: 5000 }).toBeGreaterThan(frozen + 5);
  });

  test('a published status change shows on the agent lane and in the log', async ({
    page,
    privateNats,
  }) => {
    await backfill(privateNats.nc, { count: 300, seed: 11, spanMs: 60_000 });
    await privateNats.attach(page);
    await page.goto('/timeline');
    const lanes = page.getByRole('list', { name: 'Agent lanes' }).locator('li');
    await expect(lanes.first()).toBeAttached({ timeout: 20_000 });
    const agentId = (await lanes.first().getAttribute('data-agent'))!;
    const text = (await lanes.first().textContent())!;
    const name = text.slice(0, text.indexOf(' ('));
    const ack = await jetstream(privateNats.nc).publish(
      `agent.status.${agentId}.error`,
      JSON.stringify({
        id: 'e2e-status-needle',
        agent_id: agentId,
        agent_role: 'qa_tester',
        agent_name: name,
        status: 'error',
        previous_status: 'busy',
        reason: 'e2e needle: tool crashed',
        task_execution_id: null,
        created_at: new Date().toISOString(),
      }),
    );
    const lane = page
      .getByRole('list', { name: 'Agent lanes' })
      .locator(`li[data-agent="${agentId}"]`);
    await expect(lane).toHaveAttribute('data-status', 'error');
    await expect(lane).toContainText(`${name}`);
    await expect(lane).toContainText('error');
    const row = page.locator(`[aria-label="Recent events"] [role=row][data-seq="${ack.seq}"]`);
    await expect(row).toContainText('is error — e2e needle: tool crashed');

    // Hovering the lane at "now" shows the new segment in the tooltip.
    const idx = await lanes.evaluateAll(
      (els, id) => els.findIndex((e) => e.getAttribute('data-agent') === id),
      agentId,
    );
    const box = (await page.getByRole('img', { name: /^Timeline of agent status/ }).boundingBox())!;
    await page.mouse.move(box.x + box.width - 2, box.y + 22 + 40 + idx * 32 + 4);
    await expect(page.getByRole('tooltip')).toBeVisible();
    await expect(page.getByRole('tooltip')).toContainText('error');
  });

  test('clicking an event opens its detail with "Replay from here"', async ({
    page,
    privateNats,
  }) => {
    live = await openLive(page, privateNats, 10);
    await page.getByRole('button', { name: /^(Pause|Resume) space$/ }).click();
    const seq = await newestSeq(page);
    await page.getByRole('button', { name: `Open event ${seq}`, exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Event detail' });
    await expect(panel.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
      'data-seq',
      String(seq),
    );
    await expect(definitionOf(panel, 'Subject')).toContainText('agent.');
    // "Replay from here" for an event without a task, "Whole stream from here" beside the task's link.
    await expect(
      panel.getByRole('link', { name: /^(Replay|Whole stream) from here$/ }).first(),
    ).toHaveAttribute('href', new RegExp(`from=${seq}&at=${seq}`));
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);

    // A click on the canvas (a lane at the frozen "now") opens the event under the pointer.
    // Scrolled to the top first: opening the log's row scrolled the page, and the toolbar (which
    // wraps at this width) can leave the canvas's first lane under the sticky header.
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = (await page.getByRole('img', { name: /^Timeline of agent status/ }).boundingBox())!;
    await page.mouse.click(box.x + box.width - 3, box.y + 22 + 40 + 4);
    await expect(
      page
        .getByRole('complementary', { name: 'Event detail' })
        .getByRole('region', { name: /^Message \d+$/ }),
    ).toBeVisible();
  });

  test('filters live in the URL and a bad window explains itself', async ({
    page,
    privateNats,
  }) => {
    await backfill(privateNats.nc, { count: 200, seed: 11, spanMs: 60_000 });
    await privateNats.attach(page);
    await page.goto('/timeline?kinds=status&window=abc');
    await expect(
      page.getByRole('status').filter({ hasText: '"abc" is not a backfill window' }),
    ).toBeVisible();
    const rows = page.locator('[aria-label="Recent events"] [role=row][data-seq]');
    await expect(rows.first()).toBeAttached({ timeout: 10_000 });
    for (const kind of await rows.locator('[role=cell]:nth-child(3)').allTextContents())
      expect(kind.trim()).toBe('status');
    await page.getByRole('checkbox', { name: 'Tasks', exact: true }).check();
    await expect(page).toHaveURL(/kinds=status%2Ctask|kinds=status,task/);
  });
  test('reads with one consumer, deleted when the session ends', async ({ page, privateNats }) => {
    live = await openLive(page, privateNats, 10);
    const jsm = await jetstreamManager(privateNats.nc);
    // Every consumer on the stream except the seed's durable one is the timeline's own.
    const readers = async () =>
      (await jsm.consumers.list(STREAM_NAME).next())
        .map((c) => c.name)
        .filter((n) => n !== CONSUMER_NAME);
    // One ordered consumer covers status, task and message subjects.
    await expect.poll(async () => (await readers()).length, { timeout: 5000 }).toBe(1);
    const [first] = await readers();
    // A new window starts a new session: the old reader (in its worker) deletes its consumer
    // rather than leaving it to the server's inactivity timeout (minutes).
    await page.getByLabel('Backfill window', { exact: true }).selectOption('1h');
    await expect(page).toHaveURL(/window=1h/);
    await expect.poll(readers, { timeout: 5000 }).toEqual([expect.not.stringMatching(first!)]);
    const before = await newestSeq(page);
    await expect.poll(() => newestSeq(page), { timeout: 5000 }).toBeGreaterThan(before);
  });

  test('the canvas is drawn by a painter worker, or by the page where it cannot be', async ({
    page,
    privateNats,
  }) => {
    const rendered = () => page.evaluate(() => window.__agentReplayTimeline?.lastRenderedSeq ?? 0);
    for (const onPage of [false, true]) {
      // The page opts out of the worker the way a browser without OffscreenCanvas would.
      if (onPage)
        await page.addInitScript(() => Object.assign(globalThis, { __timelineDrawOnPage: true }));
      if (!live) live = await openLive(page, privateNats);
      else await page.reload();
      await expect.poll(rendered, { timeout: 10_000 }).toBeGreaterThan(300);
      // The reader worker, plus the painter worker when the canvas is drawn off the page.
      await expect.poll(() => page.workers().length).toBe(onPage ? 1 : 2);
      const before = await rendered();
      await expect.poll(rendered, { timeout: 5000 }).toBeGreaterThan(before);
      // One lane per agent (status events name them), drawn at the full width. The lane list
      // re-renders twice a second (React hears the reader at that pace), after the canvas: wait.
      const laneItems = page.getByRole('list', { name: 'Agent lanes' }).locator('li');
      await expect.poll(() => laneItems.count()).toBeGreaterThan(0);
      await expect
        .poll(async () => {
          const lanes = await laneItems.count();
          const box = (await page
            .getByRole('img', { name: /^Timeline of agent status/ })
            .boundingBox())!;
          return Math.round(box.height) - canvasHeight(lanes);
        })
        .toBe(0);
    }
  });
});
