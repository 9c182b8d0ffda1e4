/**
 * Issue #17 items 3 and 5 in the browser: a stream deleted and recreated under /messages is
 * said (by an admin connection of the test's own), and Reload shows the new stream, none of
 * the old sequences; Load on a replay range that was purged reads it again instead of
 * showing the cached events.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { test, expect } from './fixtures';
import { agentStreamConfig } from '../server/simulator/setup';
import { STREAM_NAME } from '../lib/agents/schema';

const publish = async (nc: Parameters<typeof jetstream>[0], n: number, tag: string) => {
  const js = jetstream(nc);
  for (let i = 1; i <= n; i++) {
    const body = {
      id: `${tag}-${i}`,
      sender_id: 'a1',
      recipient_id: null,
      content: `${tag} ${i}`,
      message_type: 'question',
      created_at: new Date().toISOString(),
    };
    await js.publish('agent.message.planner.question', JSON.stringify(body));
  }
};

test('a deleted, then recreated stream is noticed and Reload reads the new one', async ({
  page,
  privateNats,
}) => {
  const { nc } = privateNats;
  await publish(nc, 30, 'old');
  await privateNats.attach(page);
  await page.goto('/messages?open=30');
  await expect(page.locator('[role="row"][data-seq="30"]')).toBeVisible();
  await expect(page.getByRole('region', { name: /^Message \d+$/ })).toContainText('old-30');

  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(STREAM_NAME);
  await expect(
    page.getByRole('status').filter({ hasText: `Stream “${STREAM_NAME}” was deleted` }),
  ).toBeVisible({ timeout: 15_000 });

  await jsm.streams.add(agentStreamConfig());
  await publish(nc, 5, 'new');
  const recreated = page.getByRole('status').filter({ hasText: 'was deleted and created again' });
  await expect(recreated).toBeVisible({ timeout: 15_000 });
  await expect(recreated).toContainText('seq 1–5');

  await recreated.getByRole('button', { name: 'Reload' }).click();
  await expect(page.locator('[role="row"][data-seq="5"]')).toBeVisible();
  await expect(page.locator('[role="row"][data-seq]')).toHaveCount(5);
  await expect(page.locator('[role="row"][data-seq="30"]')).toHaveCount(0);
  await expect(page.getByText('was deleted and created again')).toHaveCount(0);
  await expect(page).not.toHaveURL(/open=30/);
});

test('Load on a replay range that was purged reads it again', async ({ page, privateNats }) => {
  const { nc } = privateNats;
  await publish(nc, 40, 'r');
  await privateNats.attach(page);
  await page.goto('/replay?from=1&to=40');
  await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText('40 events');
  await (await jetstreamManager(nc)).streams.purge(STREAM_NAME);
  await page.getByRole('button', { name: 'Load' }).click();
  await expect(page.getByText('No events in this range')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Replay summary' })).not.toContainText('40 events');
});
