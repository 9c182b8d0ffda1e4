import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { test, expect, e2eServerVersion } from './fixtures';
import { E2E_COUNT } from './seed';

/** Publishes one message and naks it on a fresh durable (max_deliver 2) until the server gives up. */
async function poison(nc: NatsConnection, subject: string, name: string): Promise<number> {
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const ack = await js.publish(subject, JSON.stringify({ poison: name }));
  await jsm.consumers.add('agent-messages', {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    filter_subject: subject,
    max_deliver: 2,
    ack_wait: nanos(1000),
  });
  const advisory = nc.subscribe(
    `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.agent-messages.${name}`,
    { max: 1 },
  );
  const seen = (async () => {
    for await (const _ of advisory) return true;
    return false;
  })();
  let done = false;
  void seen.then(() => (done = true));
  const c = await js.consumers.get('agent-messages', name);
  const deadline = Date.now() + 20_000;
  while (!done && Date.now() < deadline) {
    const batch = await c.fetch({ max_messages: 1, expires: 1000 });
    for await (const m of batch) m.nak();
  }
  expect(done).toBe(true);
  return ack.seq;
}

test(
  'the stats page shows the seeded stream, its configuration and the server',
  { tag: '@smoke' },
  async ({ page, nc }) => {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info('agent-messages');
    await page.goto('/stats');
    const figures = page.getByRole('group', { name: 'Stream figures' });
    await expect(figures.getByRole('group', { name: 'Messages', exact: true })).toContainText(
      E2E_COUNT.toLocaleString('en-US'),
    );
    await expect(figures.getByRole('group', { name: 'Subjects', exact: true })).toContainText(
      (info.state.num_subjects ?? 0).toLocaleString('en-US'),
    );
    await expect(figures).toContainText(info.state.last_seq.toLocaleString('en-US'));
    await expect(page.getByText('matches the seed')).toBeVisible();
    await expect(page.getByRole('group', { name: 'Retention pressure' })).toContainText(
      '3,000 of 1,000,000',
    );
    await expect(page.getByRole('group', { name: 'Server and account' })).toContainText('e2e-nats');
    await expect(page.getByRole('group', { name: 'Server and account' })).toContainText(
      e2eServerVersion(),
    );
    await expect(page.getByRole('figure', { name: 'Histogram', exact: true })).toBeVisible();
    // The refresh interval is part of the URL.
    await page.getByLabel('Refresh interval').selectOption('2s');
    await expect(page).toHaveURL(/refresh=2s/);
  },
);

test('subjects: counts add up, and a row opens the browser filtered on it', async ({
  page,
  nc,
}) => {
  const jsm = await jetstreamManager(nc);
  const subjects =
    (await jsm.streams.info('agent-messages', { subjects_filter: '>' })).state.subjects ?? {};
  const [topSubject, topCount] = Object.entries(subjects).sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  )[0]!;
  await page.goto('/stats?tab=subjects');
  const top = page.getByRole('list', { name: 'Top talkers' }).getByRole('listitem').first();
  await expect(top).toContainText(topSubject);
  await expect(top).toContainText(topCount.toLocaleString('en-US'));
  const messages = Object.entries(subjects)
    .filter(([s]) => s.startsWith('agent.message.'))
    .reduce((s, [, n]) => s + n, 0);
  await expect(page.getByRole('table', { name: 'Subjects' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Messages per subject group' })).toBeVisible();
  await top.getByRole('link', { name: topSubject }).click();
  await expect(page).toHaveURL(
    (u) => u.pathname === '/messages' && u.searchParams.get('filter') === topSubject,
  );
  expect(messages).toBeGreaterThan(0);
});

test('the section tabs work by keyboard: one Tab stop, arrows, Home and End, each in the URL', async ({
  page,
}) => {
  await page.goto('/stats');
  const tabs = page.getByRole('tablist', { name: 'Stats sections' });
  const overview = tabs.getByRole('tab', { name: /^Overview/ });
  await expect(overview).toHaveAttribute('aria-selected', 'true');
  await overview.focus();
  await page.keyboard.press('ArrowRight');
  const subjects = tabs.getByRole('tab', { name: /^Subjects/ });
  await expect(subjects).toBeFocused();
  await expect(subjects).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/tab=subjects/);
  await page.keyboard.press('End');
  await expect(tabs.getByRole('tab', { name: /^Dead letters/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('ArrowRight');
  await expect(overview).toHaveAttribute('aria-selected', 'true');
  // Only the selected tab is in the Tab order.
  await expect(tabs.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
});

test(
  'consumers: agent-processor shows its lag (nothing consumes it on the shared server)',
  { tag: '@smoke' },
  async ({ page, nc }) => {
    const jsm = await jetstreamManager(nc);
    const ci = await jsm.consumers.info('agent-messages', 'agent-processor');
    await page.goto('/stats?tab=consumers');
    const row = page.locator('tr[data-consumer="agent-processor"]');
    await expect(row.getByRole('cell').nth(1)).toHaveText(ci.num_pending.toLocaleString('en-US'));
    expect(ci.num_pending).toBe(E2E_COUNT);
    await expect(row).toContainText('durable');
    await expect(row).toContainText('max deliver 3');
    // The home page's health strip says the same.
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'Health', exact: true })).toContainText(
      E2E_COUNT.toLocaleString('en-US'),
    );
  },
);

test('dead letters: history from the advisory stream and live, each opening the right message', async ({
  page,
  privateNats,
}) => {
  const nc = privateNats.nc;
  const before = await poison(nc, 'agent.task.t-poison-1.created', 'poison-a');
  await privateNats.attach(page);
  await page.goto('/stats?tab=dead-letters');
  await expect(page.getByText('History from "agent-advisories"')).toBeVisible();
  const list = page.getByRole('list', { name: 'Dead letters' });
  await expect(list.locator(`[data-seq="${before}"]`)).toContainText(
    'agent.task.t-poison-1.created',
  );
  await expect(list.locator(`[data-seq="${before}"]`)).toContainText('max deliveries');

  // One more while the page is open: it arrives through the live subscription.
  const live = await poison(nc, 'agent.task.t-poison-2.created', 'poison-b');
  const row = list.locator(`[data-seq="${live}"]`);
  await expect(row).toContainText('agent.task.t-poison-2.created');
  await expect(row.getByRole('link', { name: 'Replay from here' })).toHaveAttribute(
    'href',
    `/replay?stream=agent-messages&from=${live}&at=${live}`,
  );
  // The tab and the list give the advisory stream's count, as the overview does.
  await expect(page.getByRole('tab', { name: /Dead letters/ })).toHaveText(/Dead letters\s*2$/);
  await expect(page.getByText('Dead letters (2)', { exact: true })).toBeVisible();
  await row.getByRole('link', { name: 'Open in browser' }).click();
  await expect(page).toHaveURL(
    (u) => u.pathname === '/messages' && u.searchParams.get('open') === String(live),
  );

  await page.goto('/');
  await expect(
    page
      .getByRole('region', { name: 'Health', exact: true })
      .getByRole('group', { name: 'Dead letters' }),
  ).toContainText('2');
});

test('without an advisory stream the page says so', async ({ page, privateNats }) => {
  const jsm = await jetstreamManager(privateNats.nc);
  await jsm.streams.delete('agent-advisories');
  await privateNats.attach(page);
  await page.goto('/stats?tab=dead-letters');
  await expect(page.getByText('No advisory stream "agent-advisories": no history')).toBeVisible();
  await expect(page.getByText(/^No dead letters/)).toBeVisible();
});
