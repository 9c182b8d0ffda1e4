/**
 * Issue #16 items 1, 4, 15, 16 and 17 on /messages, each as the user met it, against a
 * nats-server of the test's own with live traffic from the simulator where the item needs it:
 * the newest-first view follows the stream (and "Newest" reads the true newest), a search
 * covers the whole stream from its start, times have a zone label and a UTC/local switch, ids
 * are clickable and the subject explorer's click keeps the open message and the search, and
 * switching the order keeps the matches while "Copy link" carries the search.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { STREAM_NAME } from '../lib/agents/schema';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { backfill } from '../server/simulator/backfill';
import { startLive, type LiveHandle } from '../server/simulator/live';

/** `n` chat messages; every `every`-th belongs to task `task` (17 of 300 with every = 17). */
async function publishTask(nc: NatsConnection, n: number, task: string, every: number) {
  const js = jetstream(nc);
  for (let i = 1; i <= n; i++) {
    const mine = i % every === 0;
    const body = {
      id: `m-${i}`,
      sender_id: mine ? 'agent-planner-1' : 'agent-coder-1',
      recipient_id: 'agent-qa-1',
      content: `message ${i}`,
      message_type: 'question',
      task_execution_id: mine ? task : `other-${i}`,
      metadata: { sender_role: mine ? 'planner' : 'coder', recipient_role: 'qa_tester' },
      created_at: new Date(Date.UTC(2026, 10, 20, 10, 0, 0) + i * 1000).toISOString(),
    };
    await js.publish(`agent.message.${mine ? 'planner' : 'coder'}.question`, JSON.stringify(body));
  }
}

const topSeq = async (page: Page) =>
  Number(await page.locator('[role="row"][data-seq]').first().getAttribute('data-seq'));

test.describe('/messages live tail', () => {
  let live: LiveHandle | null = null;
  test.afterEach(async () => {
    await live?.stop();
    live = null;
  });

  test('newest first follows new messages, pauses when scrolled away, and jumps back', async ({
    page,
    privateNats,
  }) => {
    await backfill(privateNats.nc, { count: 200, seed: 21, spanMs: 60_000, endMs: Date.now() });
    await privateNats.attach(page);
    await page.goto('/messages');
    await expect(page.locator('[role="row"][data-seq="200"]')).toBeVisible();
    await expect(page.getByRole('status', { name: 'Live status' })).toContainText('Live');
    live = startLive(privateNats.nc, { rate: 10, seed: 22 });
    // New messages appear at the top without a reload.
    await expect.poll(() => topSeq(page), { timeout: 15_000 }).toBeGreaterThan(205);

    // Scrolled away: paused, and the count of what arrived since grows.
    // A test id: the grid's scroll box has no name a user perceives; the test scrolls it directly.
    await page.getByTestId('message-scroller').evaluate((el) => (el.scrollTop = 600));
    const status = page.getByRole('status', { name: 'Live status' });
    await expect(status).toContainText(/Paused: \d+ newer messages?/, { timeout: 15_000 });
    // Paused, the tail's consumer is gone: only the seed's durable is left on the stream.
    const jsm = await jetstreamManager(privateNats.nc);
    await expect
      .poll(async () => (await jsm.consumers.list(STREAM_NAME).next()).map((c) => c.name), {
        timeout: 10_000,
      })
      .toEqual(['agent-processor']);
    const pausedTop = await topSeq(page);
    await page.waitForTimeout(1500);
    expect(await topSeq(page)).toBe(pausedTop);

    await status.getByRole('button', { name: 'Jump to newest and follow' }).click();
    await expect(status).toContainText('Live');
    await expect
      .poll(() => topSeq(page), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(200 + live.published() - 5);
    expect(await page.getByTestId('message-scroller').evaluate((el) => el.scrollTop)).toBe(0);
  });

  test('"Newest" and End read the true newest, even when the view is already there', async ({
    page,
    privateNats,
  }) => {
    await backfill(privateNats.nc, { count: 50, seed: 23, spanMs: 60_000, endMs: Date.now() });
    await privateNats.attach(page);
    // Follow off: only the button can bring the newer messages.
    await page.goto('/messages?live=off');
    await expect(page.locator('[role="row"][data-seq="50"]')).toBeVisible();
    await backfill(privateNats.nc, { count: 30, seed: 24, spanMs: 10_000, endMs: Date.now() });
    await page.getByRole('button', { name: 'Newest', exact: true }).click();
    await expect.poll(() => topSeq(page), { timeout: 10_000 }).toBe(80);
    await backfill(privateNats.nc, { count: 5, seed: 25, spanMs: 1_000, endMs: Date.now() });
    await page.locator('body').press('End');
    await expect.poll(() => topSeq(page), { timeout: 10_000 }).toBe(85);
  });
});

test.describe('/messages search, ids, times', () => {
  test('a task search from an open message finds all of the task, newer ones too, and shows its range', async ({
    page,
    privateNats,
  }) => {
    await publishTask(privateNats.nc, 300, 'task-xyz', 17);
    await privateNats.attach(page);
    // The user has a message in the middle open, as when the search missed newer matches.
    await page.goto('/messages?open=150&seq=150');
    await expect(page.getByRole('region', { name: /^Message \d+$/ })).toBeVisible();
    await page.getByLabel('Search the whole stream').fill('task:task-xyz');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('tab', { name: /Matches \(17\)/ })).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.getByText(/^(Whole stream|From the open message): seq /)).toContainText(
      'Whole stream: seq 1–300',
    );
  });

  test('matches that arrive during a search are counted as newer', async ({
    page,
    privateNats,
  }) => {
    await backfill(privateNats.nc, { count: 3000, seed: 26, spanMs: 60_000, endMs: Date.now() });
    const live = startLive(privateNats.nc, { rate: 40, seed: 27 });
    try {
      await privateNats.attach(page);
      await page.goto('/messages?live=off&order=asc&seq=1');
      await expect(page.locator('[role="row"][data-seq="1"]')).toBeVisible();
      await page.getByLabel('Search the whole stream').fill('no-such-text-anywhere');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect(page.getByText(/^(Whole stream|From the open message): seq /)).toContainText(
        /Whole stream: seq 1–[\d,]+/,
        {
          timeout: 15_000,
        },
      );
      // Once done, what arrived past the range's end is said (the simulator keeps publishing).
      await expect(page.getByText(/^(Whole stream|From the open message): seq /)).toContainText(
        /(\d+ newer messages?|no newer messages) since the search began/,
        { timeout: 20_000 },
      );
    } finally {
      await live.stop();
    }
  });

  test('times have a zone label, a UTC/local switch remembered as the default, and a created_at column', async ({
    page,
    privateNats,
  }) => {
    await publishTask(privateNats.nc, 20, 'task-tz', 5);
    await privateNats.attach(page);
    await page.goto('/messages?open=1');
    await page
      .getByRole('group', { name: 'Time zone' })
      .getByRole('button', { name: 'UTC' })
      .click();
    await expect(page).toHaveURL(/tz=utc/);
    await expect(page.getByRole('group', { name: 'Time zone' })).toContainText('Times in UTC');
    await page.getByRole('button', { name: 'created_at column' }).click();
    await expect(page.getByRole('columnheader', { name: 'created_at (UTC)' })).toBeVisible();
    // Message 1's created_at is 10:00:01 UTC on 2026-11-20.
    await expect(page.locator('[role="row"][data-seq="1"]')).toContainText('10:00:01.000');
    await expect(page.getByRole('region', { name: /^Message \d+$/ })).toContainText(
      '2026-11-20 10:00:01.000',
    );
    // A page opened without `tz` shows the remembered default.
    await page.goto('/messages');
    await expect(page.getByRole('group', { name: 'Time zone' })).toContainText('Times in UTC');
    await page
      .getByRole('group', { name: 'Time zone' })
      .getByRole('button', { name: 'Local' })
      .click();
    await expect(page.getByRole('group', { name: 'Time zone' })).toContainText(
      /Times in .*UTC[+−]\d\d:\d\d/,
    );
  });

  test('ids are clickable; the subject explorer sets the filter without closing the message or rerunning the search', async ({
    page,
    privateNats,
  }) => {
    await publishTask(privateNats.nc, 60, 'task-ids', 6);
    await privateNats.attach(page);
    await page.goto('/messages?open=12');
    const detail = page.getByRole('region', { name: /^Message \d+$/ });
    // The task id in the detail searches the whole stream for it.
    await detail.getByRole('button', { name: 'Search task task-ids' }).click();
    await expect(page.getByRole('tab', { name: /Matches \(10\)/ })).toBeVisible({
      timeout: 15_000,
    });
    await expect(page).toHaveURL(/q=task(%3A|:)task-ids/);
    await expect(detail.getByRole('link', { name: 'Replay task' })).toHaveAttribute(
      'href',
      /\/replay\?.*task=task-ids/,
    );

    await page.getByRole('button', { name: 'Subjects' }).click();
    const tree = page.getByRole('navigation', { name: 'Subjects', exact: true });
    await tree.getByRole('button', { name: 'Expand agent' }).click();
    await tree.getByRole('button', { name: 'Expand agent.message' }).click();
    await tree.getByRole('button', { name: 'coder', exact: true }).click();
    await expect(page).toHaveURL(/filter=agent\.message\.coder/);
    // The message stays open; the search is not restarted, and that is said.
    await expect(detail).toBeVisible();
    await expect(detail).toHaveAttribute('data-seq', '12');
    await expect(page.getByRole('status').filter({ hasText: /^The filter is now/ })).toContainText(
      'these matches are from the search under every subject',
    );
    await expect(page.getByRole('tab', { name: /Matches \(10\)/ })).toBeVisible();

    // A sender in a row searches for it.
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.getByRole('tab', { name: /Browse/ }).click();
    await page.locator('[role="row"][data-seq="60"] [data-search^="from:"]').click();
    await expect(page).toHaveURL(/q=from(%3A|:)planner/);
    await expect(page.getByRole('tab', { name: /Matches \(10\)/ })).toBeVisible({
      timeout: 15_000,
    });
  });

  test('switching the order during a search keeps the place and the matches; Copy link carries the search', async ({
    page,
    context,
    privateNats,
  }) => {
    await publishTask(privateNats.nc, 300, 'task-ord', 17);
    await privateNats.attach(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/messages');
    await page.getByLabel('Search the whole stream').fill('task:task-ord');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('tab', { name: /Matches \(17\)/ })).toBeVisible({
      timeout: 15_000,
    });
    await page.locator('[role="row"][data-seq="153"]').click();
    await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
      'data-seq',
      '153',
    );

    await page.getByRole('button', { name: /^Order:/ }).click();
    await expect(page).toHaveURL(/order=asc/);
    await expect(page.getByRole('tab', { name: /Matches \(17\)/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
      'data-seq',
      '153',
    );
    await expect(page.locator('[role="row"][data-seq="153"]')).toBeInViewport();
    await expect(page.getByText(/^(Match [\d,]+ of [\d,]+|[\d,]+ match(es)?)$/)).toHaveText(
      'Match 9 of 17',
    );

    await page
      .getByRole('region', { name: /^Message \d+$/ })
      .getByRole('button', { name: 'Copy link' })
      .click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('q=task%3Atask-ord');
    expect(link).toContain('open=153');
    expect(link).toContain('order=asc');
    // The link opens the same view: the search runs again and the message is open.
    await page.goto(link);
    await expect(page.getByRole('tab', { name: /Matches \(17\)/ })).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
      'data-seq',
      '153',
    );
  });
});
