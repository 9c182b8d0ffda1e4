/**
 * A task whose messages carry more payload than a replay keeps in memory (40 MB): the payloads
 * read first are dropped from the cache, and the views that need every content at once (the
 * task's story, a compare of its attempts) read them again rather than show empty stand-ins.
 */
import { test, expect } from './fixtures';
import { createAckedPublisher } from '../server/simulator/publish';
import { messageEvent, taskEvent, type Actor } from '../server/simulator/events';

const TASK = 'big-payload-task';
/** 24 messages per attempt of ~900 KB each: ~43 MB, past the 40 MB budget. */
const PER_ATTEMPT = 24;
const PAD = 'x'.repeat(900 * 1024);

test('compare of two attempts with 43 MB of payloads shows every message’s own content', async ({
  page,
  privateNats,
}) => {
  test.setTimeout(120_000);
  const lead: Actor = { id: 'agent-tl-1', role: 'tech_lead', name: 'Lead' };
  const dev: Actor = { id: 'agent-be-1', role: 'backend_developer', name: 'Backend' };
  const t0 = Date.parse('2026-03-01T10:00:00Z');
  let at = t0;
  const pub = createAckedPublisher(privateNats.nc);
  const task = (event: string, retries: number, reason: string | null = null) =>
    pub.send(
      taskEvent({
        id: `${TASK}-${event}-${at}`,
        taskId: TASK,
        event,
        title: 'Large payload task',
        assignee: dev,
        createdBy: lead.id,
        retries,
        progress: null,
        reason,
        atMs: at++,
      }),
    );
  const attempt = (n: number) => {
    for (let i = 0; i < PER_ATTEMPT; i++) {
      const [from, to] = i % 2 ? [dev, lead] : [lead, dev];
      pub.send(
        messageEvent({
          id: `${TASK}-a${n}-m${i}`,
          from,
          to,
          type: i % 2 ? 'answer' : 'question',
          // The first turn differs between the attempts; the rest are the same.
          content:
            i === 0 ? `Attempt ${n} builds with cache-${n === 1 ? 'alpha' : 'beta'}` : `Turn ${i}`,
          taskId: TASK,
          atMs: (at += 1000),
          extra: [['blob', PAD]],
        }),
      );
    }
  };
  task('created', 0);
  task('assigned', 0);
  attempt(1);
  task('failed', 0, 'timeout');
  task('assigned', 1);
  attempt(2);
  task('completed', 1);
  await pub.flush();
  pub.close();

  await privateNats.attach(page);
  await page.goto(`/compare?a=${TASK}@1&b=${TASK}@2`);
  await expect(page.getByText(/^\d+ turns, /)).toHaveText(/\d+ turns, 1 differ/, {
    timeout: 60_000,
  });
  const first = page.getByRole('list', { name: 'Aligned turns' }).getByRole('listitem').first();
  await expect(first.getByText(/^Turn \d+: /)).toContainText('content differs');
  // Both sides' own words: the first attempt's payload was dropped and read again.
  await expect(first.locator('del', { hasText: 'alpha' })).toHaveCount(1);
  await expect(first.locator('ins', { hasText: 'beta' })).toHaveCount(1);
  await expect(page.getByText('Cannot compare these')).toHaveCount(0);
});
