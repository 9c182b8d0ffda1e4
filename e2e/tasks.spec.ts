import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { test, expect } from './fixtures';
import { readRange } from '../lib/stream/reader';
import { toReplayEvent, type TaskEvent } from '../lib/replay/event';
import { STREAM_NAME } from '../lib/agents/schema';

/** A task of the seed that was retried and whose whole life (created … ended) is in the stream. */
async function retriedTask(nc: NatsConnection) {
  const tasks: TaskEvent[] = [];
  await readRange(jetstream(nc), STREAM_NAME, {
    start: { kind: 'first' },
    filter: 'agent.task.>',
    onBatch: (b) => b.forEach((m) => tasks.push(toReplayEvent(m) as TaskEvent)),
  });
  const by = new Map<string, TaskEvent[]>();
  for (const t of tasks) by.set(t.task, [...(by.get(t.task) ?? []), t]);
  for (const [id, es] of by) {
    const assigned = es.filter((e) => e.event === 'assigned').length;
    if (es[0]?.event === 'created' && assigned >= 2 && es.some((e) => e.event === 'completed'))
      return { id, title: es[0].title ?? id, attempts: assigned };
  }
  throw new Error('the seed has no retried task that ended in it');
}

test('/tasks/<id> shows the attempts of a retried task and its critical-path sentence', async ({
  page,
  nc,
}) => {
  const t = await retriedTask(nc);
  await page.goto(`/tasks/${t.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title);
  const attempts = page.getByRole('list', { name: 'Attempts' });
  await expect(attempts.getByRole('listitem')).toHaveCount(t.attempts);
  await expect(attempts.getByRole('listitem').first()).toContainText('failed');
  await expect(attempts.getByRole('listitem').last()).toContainText('completed');
  await expect(page.getByText(/^\d+ % of the /)).toHaveText(/^\d+ % of the .+ was .+\.$/);
  await expect(page.getByRole('link', { name: 'Replay this task' })).toHaveAttribute(
    'href',
    new RegExp(`^/replay\\?(.*&)?task=${t.id}$`),
  );
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText(
    'Compare with the previous attempt',
  );
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Compare with previous attempt' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/compare\\?(.*&)?a=${t.id}%40${t.attempts - 1}&b=${t.id}%40${t.attempts}$`),
  );
});

test('/compare of two attempts marks the retry’s different assignment and the different outcome', async ({
  page,
  nc,
}) => {
  const t = await retriedTask(nc);
  await page.goto(`/compare?a=${t.id}@1&b=${t.id}@2`);
  await expect(page.getByText(/^\d+ turns, /)).toHaveText(/\d+ turns, [1-9]\d* differ/);
  // The simulator's retry assignment reads "Retry 1/2 for …" where the first said "Please pick up …".
  const first = page.getByRole('list', { name: 'Aligned turns' }).getByRole('listitem').first();
  await expect(first.getByText(/^Turn \d+: /)).toContainText('content differs');
  await expect(first.locator('ins').first()).toContainText('Retry');
  await expect(first.locator('del').first()).toContainText('Please');
  await expect(page.getByRole('list', { name: 'State differences' })).toContainText(
    'state: failed → completed',
  );
});

test('/tasks lists the tasks with figures, sorts and filters from the URL; bad input is an inline error', async ({
  page,
  nc,
}) => {
  const t = await retriedTask(nc);
  await page.goto('/tasks?sort=-attempts');
  await expect(page.getByText(/^Stream .+ · /)).toContainText(/\d+ tasks/);
  await expect(page.getByRole('progressbar', { name: 'Message scan' })).toHaveCount(0, {
    timeout: 30_000,
  });
  const firstRow = page.getByRole('table', { name: 'Tasks' }).getByRole('row').nth(1);
  await expect(firstRow.getByRole('cell').nth(2)).not.toHaveText('1');
  await page.keyboard.press('/');
  await page.keyboard.type(t.id);
  await expect(page).toHaveURL(new RegExp(`q=${t.id}`));
  await expect(page.getByRole('table', { name: 'Tasks' }).getByRole('row')).toHaveCount(2);
  await page.goto('/tasks?sort=nope');
  await expect(
    page.getByRole('alert').filter({ hasText: '"sort=nope" is not a column' }),
  ).toBeVisible();
  await page.goto('/compare?a=a%20b&b=x');
  await expect(page.getByRole('alert').filter({ hasText: 'is not a task id' })).toBeVisible();
});

test('the Tasks page is in the main navigation and behind g k', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Tasks' }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(nav.getByRole('link', { name: 'Tasks' })).toHaveAttribute('aria-current', 'page');
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  await page.keyboard.press('g');
  await page.keyboard.press('k');
  await expect(page).toHaveURL(/\/tasks$/);
});
