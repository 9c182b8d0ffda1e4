/**
 * Issue #16 item 15: one time-zone choice for the whole app. With the browser in New York
 * (five hours from UTC), UTC is picked once in the header; the same stored message then reads
 * the same UTC wall time on /messages, /timeline (the log), /replay (the transcript) and /stats
 * (the last stored message), and the choice survives navigating by the header and by URL.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { STREAM_NAME } from '../lib/agents/schema';
import { formatTime } from '../lib/time-zone';
import { test, expect } from './fixtures';

test.use({ timezoneId: 'America/New_York' });

const TASK = 'task-tz-app';

/** "2026-11-27 13:06:10.123": the wall time in New York, as the app formats local times. */
function newYork(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const milli = String(ms % 1000).padStart(3, '0');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}.${milli}`;
}

/** A few chat messages of one task, the last written now; returns the last one's seq and times. */
async function publish(nc: NatsConnection, n: number) {
  const js = jetstream(nc);
  let seq = 0;
  const created = Date.now() - 1_000;
  for (let i = 1; i <= n; i++) {
    const body = {
      id: `tz-${i}`,
      sender_id: 'agent-planner-1',
      recipient_id: 'agent-qa-1',
      content: `message ${i}`,
      message_type: 'question',
      task_execution_id: TASK,
      metadata: { sender_role: 'planner', recipient_role: 'qa_tester' },
      // Distinct milliseconds, the last one `created`: a wall time the page must show exactly.
      created_at: new Date(created - (n - i) * 10).toISOString(),
    };
    seq = (await js.publish('agent.message.planner.question', JSON.stringify(body))).seq;
  }
  const stored = (await (await jetstreamManager(nc)).streams.getMessage(STREAM_NAME, { seq }))!;
  return { seq, createdMs: created, storedMs: new Date(stored.timestamp).getTime() };
}

test('one UTC choice shows the same wall time on every page and survives navigation', async ({
  page,
  privateNats,
}) => {
  const m = await publish(privateNats.nc, 5);
  const created = formatTime(m.createdMs, 'utc');
  const stored = formatTime(m.storedMs, 'utc');
  // The browser's zone is four or five hours off: its local time reads differently.
  expect(newYork(m.createdMs).slice(11, 13)).not.toBe(created.slice(11, 13));
  await privateNats.attach(page);
  await page.setViewportSize({ width: 1440, height: 900 });

  // /messages: pick UTC in the header.
  await page.goto(`/messages?cols=created&open=${m.seq}`);
  const zone = page.getByRole('group', { name: 'Time zone' });
  await expect(zone).toContainText('America/New_York');
  await zone.getByRole('button', { name: 'UTC' }).click();
  await expect(page).toHaveURL(/tz=utc/);
  await expect(zone).toContainText('Times in UTC');
  const row = page.locator(`[role="row"][data-seq="${m.seq}"]`);
  await expect(row).toContainText(stored.slice(11));
  await expect(row).toContainText(created.slice(11));

  // /timeline by the header's link: the recent-events log, on the agents' clock (created_at).
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Timeline' })
    .click();
  await expect(page).toHaveURL(/\/timeline\?.*tz=utc/);
  await expect(page.getByRole('group', { name: 'Time zone' })).toContainText('Times in UTC');
  const log = page.getByRole('table', { name: 'Recent events' });
  await expect(log.getByRole('columnheader', { name: 'Time (UTC)' })).toBeVisible();
  await expect(log.locator(`[data-seq="${m.seq}"]`)).toContainText(created.slice(11), {
    timeout: 15_000,
  });

  // /replay opened by URL without tz, at the message: the remembered choice applies.
  await page.goto(`/replay?task=${TASK}&at=${m.seq}`);
  await expect(page.getByRole('group', { name: 'Time zone' })).toContainText('Times in UTC');
  await expect(page.getByTestId('transcript')).toContainText(`#${m.seq} · ${created.slice(11)}`, {
    timeout: 15_000,
  });

  // /stats by the header's link: the last stored message's time in the stream's figures.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
  await expect(page.getByTestId('stat-last-seq')).toContainText(stored, { timeout: 15_000 });

  // Back to local: the same message reads New York's wall time.
  await page
    .getByRole('group', { name: 'Time zone' })
    .getByRole('button', { name: 'Local' })
    .click();
  await expect(page).toHaveURL(/tz=local/);
  await expect(page.getByTestId('stat-last-seq')).toContainText(newYork(m.storedMs));
});
