/**
 * Ids are clickable everywhere, not only in /messages (issue: "Clicking an id (agent, task,
 * sender, recipient) anywhere filters by it or opens its view"): replay's state panel opens an
 * agent's lane on the timeline and a task's story; the timeline's event detail searches
 * /messages for a sender; the stats chart of messages by agent opens that agent's messages.
 */
import { jetstream } from '@nats-io/jetstream';
import { test, expect } from './fixtures';

test("replay's state panel: an agent opens its timeline lane, a task its story", async ({
  page,
}) => {
  await page.goto('/replay?from=1&to=3000&at=3000');
  const agent = page
    .getByRole('table', { name: /agents/i })
    .getByRole('link')
    .first();
  await expect(agent).toBeVisible({ timeout: 20_000 });
  await agent.click();
  await expect(page).toHaveURL((u) => u.pathname === '/timeline' && !!u.searchParams.get('agents'));

  await page.goto('/replay?from=1&to=3000&at=3000');
  // A task row's title is the link (rows carry data-testid="task-row": a list item with no name of its own).
  const task = page.getByTestId('task-row').getByRole('link').first();
  await expect(task).toBeVisible({ timeout: 20_000 });
  await task.click();
  await expect(page).toHaveURL((u) => u.pathname.startsWith('/tasks/'));
});

test("the timeline's event detail: the sender's id searches /messages for it", async ({
  page,
  privateNats,
}) => {
  const js = jetstream(privateNats.nc);
  const body = {
    id: 'm-ids',
    sender_id: 'agent-ids-1',
    recipient_id: 'agent-ids-2',
    content: 'who asked?',
    message_type: 'question',
    task_execution_id: 'task-ids',
    metadata: { sender_role: 'tech_lead', sender_name: 'Tess' },
    created_at: new Date().toISOString(),
  };
  const ack = await js.publish('agent.message.tech_lead.question', JSON.stringify(body));
  await privateNats.attach(page);
  await page.goto('/timeline');
  const open = page.getByRole('button', { name: `Open event ${ack.seq}`, exact: true });
  await expect(open).toBeVisible({ timeout: 15_000 });
  await open.click();
  const panel = page.getByRole('complementary', { name: 'Event detail' });
  const sender = panel.getByRole('link', { name: 'Search sender agent-ids-1' });
  await expect(sender).toHaveAttribute('href', /\/messages\?.*q=from%3Aagent-ids-1/);
  await expect(panel.getByRole('link', { name: 'Task story' })).toHaveAttribute(
    'href',
    /\/tasks\/task-ids/,
  );
  await sender.click();
  await expect(page).toHaveURL(
    (u) => u.pathname === '/messages' && u.searchParams.get('q') === 'from:agent-ids-1',
  );
  await expect(page.getByRole('tab', { name: /Matches \(1\)/ })).toBeVisible({ timeout: 15_000 });
});

test("stats, messages by agent: an agent's label opens its messages", async ({ page }) => {
  await page.goto('/stats?tab=subjects&group=agent');
  const label = page.getByRole('link', { name: /^Messages of / }).first();
  await expect(label).toBeVisible({ timeout: 15_000 });
  await label.click();
  await expect(page).toHaveURL(
    (u) => u.pathname === '/messages' && (u.searchParams.get('q') ?? '').startsWith('agent:'),
  );
});
