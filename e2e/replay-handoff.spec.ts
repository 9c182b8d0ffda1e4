/**
 * Issue #19: a small replay is read on the tab's connection alone (no reader worker, no second
 * connection on its critical path); a range longer than the handoff point (5,000 messages,
 * lib/stream/handoff.ts) hands its rest to the worker and still holds every message once.
 */
import { jetstream } from '@nats-io/jetstream';
import { test, expect } from './fixtures';

test('a small replay starts no reader worker', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/replay?from=100&to=2600');
  await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText(
    '2,501 events, seq 100–2600',
  );
  await expect(page.getByTestId('replay-loading')).toHaveCount(0);
  expect(workers).toEqual([]);
});

const N = 12_000;

test('a long replay goes on in the reader worker past the handoff, every message once', async ({
  page,
  privateNats,
}) => {
  test.setTimeout(120_000);
  const js = jetstream(privateNats.nc);
  for (let i = 1; i <= N; i += 1000) {
    await Promise.all(
      Array.from({ length: 1000 }, (_, k) => {
        const n = i + k;
        const body = {
          id: `m-${n}`,
          sender_id: 'a1',
          recipient_id: null,
          content: `message ${n}`,
          message_type: 'answer',
          created_at: new Date(Date.UTC(2026, 0, 1) + n).toISOString(),
        };
        return js.publish('agent.message.planner.answer', JSON.stringify(body));
      }),
    );
  }
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await privateNats.attach(page);
  await page.goto(`/replay?from=1&to=${N}&at=5000`);
  await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText(
    `${N.toLocaleString('en-US')} events, seq 1–${N}`,
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('replay-loading')).toHaveCount(0);
  expect(workers.length).toBe(1);
  // Across the handoff (5,000 on the tab, the rest from 5,001 in the worker): one step each.
  const seq = page.getByRole('status', { name: 'Playhead sequence' });
  await expect(seq).toHaveText('5000');
  for (const want of ['5001', '5002']) {
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(seq).toHaveText(want);
  }
  await page.keyboard.press('End');
  await expect(seq).toHaveText(String(N));
});
