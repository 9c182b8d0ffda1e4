/**
 * Producers in other languages: a Python agent writes `datetime.utcnow().isoformat()` (no time
 * zone, microseconds) and `json.dumps` escapes non-ASCII as \uXXXX. The one contract
 * (lib/agents/contract.ts) reads such a message as a message in every view, its time as UTC,
 * and the detail view says so.
 */
import { jetstream } from '@nats-io/jetstream';
import { test, expect } from './fixtures';

// A browser far from UTC: a naive time read as local time would show 10:00 here, not 05:00.
test.use({ timezoneId: 'America/New_York' });

test('a Python-style message: decoded in the table, detail and replay; its naive time read as UTC and said so', async ({
  page,
  privateNats,
}) => {
  const js = jetstream(privateNats.nc);
  // What json.dumps writes for content 'café — naïve?' (ensure_ascii=True).
  const body =
    '{"id": "py-1", "sender_id": "a-py", "recipient_id": null, "content": "caf\\u00e9 \\u2014 na\\u00efve?", ' +
    '"message_type": "question", "task_execution_id": "task-py", "metadata": {"sender_role": "tech_lead"}, ' +
    '"created_at": "2026-03-01T10:00:00.123456"}';
  const ack = await js.publish('agent.message.tech_lead.question', body);
  await privateNats.attach(page);

  await page.goto(`/messages?open=${ack.seq}&seq=${ack.seq}`);
  const row = page.getByRole('row').filter({ hasText: 'café — naïve?' });
  await expect(row).toHaveCount(1, { timeout: 15_000 });
  const note = page.getByText('no time zone in the payload: read as UTC');
  await expect(note).toBeVisible();
  await expect(note.locator('xpath=..')).toContainText('2026-03-01 05:00:00.123');

  await page.goto(`/replay?from=${ack.seq}&to=${ack.seq}`);
  const transcript = page.getByRole('region', { name: 'Transcript', exact: true });
  await expect(transcript).toContainText('café — naïve?', { timeout: 15_000 });
});
