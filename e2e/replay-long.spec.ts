/**
 * A replay longer than the old 200,000-event cap: the whole range loads, the playhead reaches
 * its last sequence, and message contents show at both ends (the first ones are past the
 * payload budget and are read again for the screen).
 */
import { test, expect } from './fixtures';
import { backfill } from '../server/simulator/backfill';
import { createSquadGenerator } from '../server/simulator/generator';
import { toReplayEvent, type MessageEvent } from '../lib/replay/event';

const COUNT = 210_000;
const SEED = 23;
const SPAN_MS = 3 * 3600_000;
const END = Date.parse('2026-01-03T00:00:00Z');

/** The first and the last message of what the backfill publishes (seq i + 1). */
function firstAndLastMessage(): { first: MessageEvent; last: MessageEvent } {
  const gen = createSquadGenerator({
    seed: SEED,
    startMs: END - SPAN_MS,
    spanMs: SPAN_MS,
    count: COUNT,
  });
  let first: MessageEvent | null = null;
  let last: MessageEvent | null = null;
  for (let i = 1; i <= COUNT; i++) {
    const g = gen.next();
    if (g.kind !== 'message') continue;
    const e = toReplayEvent({
      seq: i,
      subject: g.subject,
      timeMs: g.createdAtMs,
      time: '',
      headers: [],
      data: g.payload,
    });
    if (e.kind !== 'message') continue;
    first ??= e;
    last = e;
  }
  if (!first || !last) throw new Error('the generator made no message');
  return { first, last };
}

test('a range longer than 200,000 events loads whole and shows its last message', async ({
  page,
  privateNats,
}) => {
  test.setTimeout(300_000);
  const r = await backfill(privateNats.nc, {
    count: COUNT,
    seed: SEED,
    spanMs: SPAN_MS,
    endMs: END,
    batch: 5000,
  });
  expect(r.published).toBe(COUNT);
  const { first, last } = firstAndLastMessage();
  await privateNats.attach(page);
  await page.goto('/replay?from=1');
  await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText(
    `${COUNT.toLocaleString('en-US')} events, seq 1–${COUNT}`,
    { timeout: 240_000 },
  );
  const transcript = page.getByRole('region', { name: 'Transcript', exact: true });
  const seq = page.getByRole('status', { name: 'Playhead sequence' });
  await page.keyboard.press('End');
  await expect(seq).toHaveText(String(COUNT));
  await expect(transcript.locator(`[data-seq="${last.seq}"]`)).toContainText(
    last.content.slice(0, 40),
  );
  // Back to the start: those payloads were dropped past the budget and are read again.
  expect(first.seq).toBeLessThan(50);
  await page.keyboard.press('Home');
  await expect(seq).toHaveText('1');
  for (let s = 1; s < first.seq; s++) await page.keyboard.press('ArrowRight');
  await expect(seq).toHaveText(String(first.seq));
  await expect(transcript.locator(`[data-seq="${first.seq}"]`)).toContainText(
    first.content.slice(0, 40),
    { timeout: 15_000 },
  );
});
