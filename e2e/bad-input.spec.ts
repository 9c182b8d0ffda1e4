/**
 * Bad input end to end: hand-edited links (filters, sequences, times, ranges, a missing stream),
 * a server without JetStream, unreachable and mistyped WebSocket URLs. Each gets the page's own
 * clear message and no uncaught error ('pageerror' fails the test). The reads run as the
 * read-only `viewer` user of a server of this spec's own: no permission violation in its log,
 * and the stream's last sequence and message count are unchanged afterwards — nothing written.
 */
import type { Page } from '@playwright/test';
import { connect } from '@nats-io/transport-node';
import { AckPolicy, RetentionPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { test, expect } from './fixtures';
import { attachWithAuth, startAuthNats, type AuthNats } from './auth-server';
import { startNatsServer } from '../server/nats/launcher';
import { STREAM_NAME } from '../lib/agents/schema';

const COUNT = 500; // startAuthNats seeds 500 messages (seed 11)
let nats: AuthNats;
let errors: string[] = [];

test.beforeAll(async () => {
  nats = await startAuthNats({ count: COUNT });
});
test.afterAll(async () => {
  // Nothing was written by anything the pages did with the bad input.
  const { admin } = nats.users;
  const nc = await connect({ servers: nats.server.natsUrl, user: admin.user, pass: admin.pass });
  const info = await (await jetstreamManager(nc)).streams.info(STREAM_NAME);
  await nc.close();
  expect(info.state.last_seq).toBe(COUNT);
  expect(info.state.messages).toBe(COUNT);
  expect(nats.violations()).toEqual([]);
  await nats.stop();
});
test.beforeEach(({ page }) => {
  errors = [];
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
});
test.afterEach(() => {
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

async function asViewer(page: Page) {
  const { viewer } = nats.users;
  await attachWithAuth(page, [nats.server.wsUrl], {
    kind: 'user',
    user: viewer.user,
    pass: viewer.pass,
  });
}

/** Opens `path` and expects an alert/status notice containing every text in `want`. */
async function expectNotice(page: Page, path: string, want: (string | RegExp)[]) {
  await page.goto(path);
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
    { timeout: 15_000 },
  );
  for (const w of want)
    await expect(page.getByText(w).first(), `${path}: ${String(w)}`).toBeVisible();
}

test('/messages: invalid subject filters in the link are named, and every subject is shown', async ({
  page,
}) => {
  await asViewer(page);
  const cases: [string, string][] = [
    ['agent..x', 'Empty token after "agent": two dots in a row or a leading/trailing dot.'],
    ['>.a', '">" matches the rest of a subject, so it must be the last token.'],
    ['a b', 'Subjects cannot contain spaces or other white space.'],
  ];
  for (const [filter, why] of cases) {
    await expectNotice(page, `/messages?filter=${encodeURIComponent(filter)}`, [
      `Invalid filter “${filter}” in the link`,
      why,
    ]);
    // It fell back to every subject: the newest message of the stream is listed.
    await expect(page.getByText('Browse (')).not.toContainText('(0 loaded)');
  }
  // An empty filter means "no filter": every subject, no error.
  await page.goto('/messages?filter=');
  await expect(page.getByText('Browse (')).not.toContainText('(0 loaded)', { timeout: 15_000 });
  await expect(page.getByText(/Invalid filter|Reading failed/)).toHaveCount(0);
});

test(
  '/messages as the viewer: a work-queue stream and filters no consumer can take are read, nothing removed',
  { tag: '@smoke' },
  async ({ page }) => {
    const { admin } = nats.users;
    const nc = await connect({ servers: nats.server.natsUrl, user: admin.user, pass: admin.pass });
    const jsm = await jetstreamManager(nc);
    // A work queue with its real worker consumer (ack explicit), as a squad would run it.
    await jsm.streams.add({
      name: 'jobs',
      subjects: ['jobs.>'],
      retention: RetentionPolicy.Workqueue,
    });
    await jsm.consumers.add('jobs', { durable_name: 'workers', ack_policy: AckPolicy.Explicit });
    const js = jetstream(nc);
    for (let i = 1; i <= 40; i++)
      await js.publish(i % 4 === 0 ? 'jobs.b' : 'jobs.a', JSON.stringify({ i }));
    try {
      await asViewer(page);
      await page.goto('/messages?stream=jobs');
      await expect(page.getByText('Browse (40 loaded)')).toBeVisible({ timeout: 15_000 });
      await expect(page.locator('[role="row"][data-seq="40"]')).toHaveCount(1);
      // No consumer may read a work queue: the newest-first view says it does not follow live
      // (it counts newer messages instead), and no error is shown.
      await expect(page.getByText(/does not follow live/)).toBeVisible();
      await expect(page.getByText('Reading failed')).toHaveCount(0);
      await page.goto('/messages?stream=jobs&filter=jobs.b&order=asc');
      await expect(page.getByText('Browse (10 loaded)')).toBeVisible({ timeout: 15_000 });
      await expect(page.locator('[role="row"][data-seq="4"]')).toHaveCount(1);
      await expect(page.locator('[role="row"][data-seq="5"]')).toHaveCount(0);
      // Valid filters that span several of agent-messages' subjects (nats-server 2.9 refuses them
      // as a consumer filter) and one that overlaps none of them.
      await page.goto(`/messages?filter=${encodeURIComponent('agent.*.*.*')}`);
      await expect(page.getByText(/Browse \([1-9][\d,]* loaded\)/)).toBeVisible({
        timeout: 15_000,
      });
      await expect(page.getByText('Reading failed')).toHaveCount(0);
      await page.goto('/messages?filter=nothing.here');
      await expect(page.getByText(/No messages match/).first()).toBeVisible({ timeout: 15_000 });
      await expect(page.getByText('Reading failed')).toHaveCount(0);
      // Nothing was taken from the queue, and no consumer of the viewer's is left on it.
      const info = await jsm.streams.info('jobs');
      expect(info.state.messages).toBe(40);
      const names: string[] = [];
      for await (const c of jsm.consumers.list('jobs')) names.push(c.name);
      expect(names).toEqual(['workers']);
    } finally {
      await jsm.streams.delete('jobs');
      await nc.close();
    }
  },
);

test('/messages: sequences and times outside the stream are clamped with a notice', async ({
  page,
}) => {
  await asViewer(page);
  const cases: [string, string][] = [
    ['seq=0', 'Sequence 0 does not exist (sequences start at 1); showing from the first, 1.'],
    ['seq=-1', 'Sequence -1 does not exist (sequences start at 1); showing from the first, 1.'],
    ['seq=1e20', 'Sequence 1e20 is beyond the last message; showing the newest, 500.'],
    ['seq=NaN', '“NaN” is not a sequence number; showing the newest message (500).'],
    [`seq=${COUNT + 1}`, 'Sequence 501 is beyond the last message; showing the newest, 500.'],
    [
      'time=2099-01-01T00:00:00Z',
      '2099-01-01T00:00:00.000Z is after the newest message; showing the newest.',
    ],
    [
      'time=not-a-time',
      '“not-a-time” is not a date and time. Use ISO 8601, e.g. 2026-01-01T12:00:00Z.',
    ],
  ];
  for (const [q, notice] of cases) {
    await expectNotice(page, `/messages?${q}`, [notice]);
    await expect(page.getByText('Browse (')).not.toContainText('(0 loaded)');
    await expect(page.getByText('Reading failed')).toHaveCount(0);
  }
});

test('a missing stream (?stream=nope) is named on every page', async ({ page }) => {
  await asViewer(page);
  const missing = 'Stream "nope" does not exist on this server.';
  await expectNotice(page, '/messages?stream=nope', ['Cannot read the stream', missing]);
  await expectNotice(page, '/replay?stream=nope&from=1&to=10', [
    'Could not read the range',
    missing,
  ]);
  await expectNotice(page, '/timeline?stream=nope', ['Cannot follow the stream', missing]);
  await expectNotice(page, '/stats?stream=nope', ['Cannot read the stream', missing]);
});

test('/replay: a bad range in the link is explained and nothing is read', async ({ page }) => {
  await asViewer(page);
  const title = 'The replay range is not valid';
  await expectNotice(page, '/replay?from=abc', [
    title,
    '"from=abc" is neither a sequence number nor an ISO time like 2026-01-01T12:00:00Z.',
  ]);
  await expectNotice(page, '/replay?from=10&to=5', [title, '"from" is after "to": swap them.']);
  await expectNotice(page, '/replay?at=1e20', [title, '"at=1e20" must be a sequence number ≥ 1.']);
  await expect(page.getByRole('status', { name: 'Replay summary' })).not.toContainText('events');
});

test('a server without JetStream: every page says so', async ({ page }) => {
  const server = await startNatsServer({ serverName: 'e2e-no-js', jetstream: false });
  try {
    await page.addInitScript(
      (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
      server.wsUrl,
    );
    const noJs = 'JetStream is not enabled on this server or account.';
    for (const path of ['/', '/messages', '/replay?from=1&to=10', '/timeline', '/stats']) {
      await expectNotice(page, path, [noJs]);
    }
  } finally {
    await server.stop();
  }
});

test('an unreachable and a mistyped WebSocket URL in the connect dialog', async ({ page }) => {
  await asViewer(page);
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  const dialog = page.getByRole('dialog', { name: 'Connect to NATS' });

  // Mistyped: refused in the dialog, nothing changes.
  await page.getByRole('button', { name: /^Connection:/ }).click();
  await dialog.getByLabel(/WebSocket servers/).fill('http//nope');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    '"http//nope" is not a WebSocket URL (ws://host:port or wss://host:port).',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );

  // Unreachable: the app says where it tried and keeps retrying.
  await page.getByRole('button', { name: /^Connection:/ }).click();
  await dialog.getByLabel(/WebSocket servers/).fill('ws://127.0.0.1:1');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'error',
  );
  await expect(page.getByRole('alert').first()).toContainText(
    'Cannot reach NATS over WebSocket at ws://127.0.0.1:1',
  );
  await page.getByRole('button', { name: /^Connection:/ }).click();
  await expect(
    dialog.getByRole('alert').filter({ hasText: 'Last connection error' }),
  ).toContainText('ws://127.0.0.1:1');
});
