import { readFileSync } from 'node:fs';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { test, expect } from './fixtures';
import { readRange, type StreamMessage } from '../lib/stream/reader';
import { toReplayEvent, type ReplayEvent } from '../lib/replay/event';
import { fold } from '../lib/replay/projection';
import { toNdjson } from '../lib/replay/ndjson';
import { STREAM_NAME } from '../lib/agents/schema';

async function readSeqs(nc: NatsConnection, from: number, to: number) {
  const out: StreamMessage[] = [];
  await readRange(jetstream(nc), STREAM_NAME, {
    start: { kind: 'seq', seq: from },
    endSeq: to,
    onBatch: (b) => out.push(...b),
  });
  return out;
}

const seqsShown = (page: import('@playwright/test').Page) =>
  page
    .getByRole('region', { name: 'Transcript', exact: true })
    .locator('[data-seq]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));

test(
  'opens at a sequence, plays at 100×, the transcript advances, and steps back',
  { tag: '@smoke' },
  async ({ page }) => {
    await page.goto('/replay?from=100&to=2600&at=120&speed=100');
    const seq = page.getByRole('status', { name: 'Playhead sequence' });
    await expect(seq).toHaveText('120');
    await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText(
      '2,501 events, seq 100–2600',
    );
    expect(Math.max(...(await seqsShown(page)))).toBe(120);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect
      .poll(async () => Number(await seq.textContent()), { timeout: 15_000 })
      .toBeGreaterThan(130);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    const paused = Number(await seq.textContent());
    await page.waitForTimeout(300);
    await expect(seq).toHaveText(String(paused)); // paused means paused
    expect(paused).toBeLessThan(2600);
    const shown = await seqsShown(page);
    expect(Math.max(...shown)).toBe(paused); // nothing after the playhead is shown
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(seq).toHaveText(String(paused - 1));
    await page.keyboard.press('ArrowRight');
    await expect(seq).toHaveText(String(paused));
    await page.keyboard.press('Home');
    await expect(seq).toHaveText('100');
    // The resting playhead is written to the URL so the link reproduces the moment.
    await expect(page).toHaveURL(/at=100/);
  },
);

test(
  'the state panel shows each agent’s status as folded from the seeded stream',
  { tag: '@smoke' },
  async ({ page, nc }) => {
    const N = 900;
    const events: ReplayEvent[] = (await readSeqs(nc, 1, N)).map(toReplayEvent);
    const expected = fold(events);
    const agents = [...expected.agents.values()].filter((a) => a.status !== null);
    expect(agents.length).toBeGreaterThan(3);
    await page.goto(`/replay?from=1&to=${N}&at=${N}`);
    await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText(String(N));
    const panel = page.getByRole('region', { name: 'State at the playhead' });
    for (const a of agents) {
      await expect(panel.locator(`[data-agent-id="${a.id}"]`).getByRole('cell').nth(1)).toHaveText(
        a.status as string,
      );
    }
    // Seek back: the state follows (an agent that changed since then shows its earlier status).
    const M = 400;
    const earlier = fold(events.slice(0, M));
    await page.goto(`/replay?from=1&to=${N}&at=${M}`);
    await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText(String(M));
    for (const a of [...earlier.agents.values()].filter((x) => x.status !== null)) {
      await expect(panel.locator(`[data-agent-id="${a.id}"]`).getByRole('cell').nth(1)).toHaveText(
        a.status as string,
      );
    }
  },
);

test('a range that starts late shows each agent’s status from before it, marked “before the range”', async ({
  page,
  nc,
}) => {
  // The user's steps: agents reported status all along; open a range that starts well after.
  const FROM = 2001;
  const before: ReplayEvent[] = (await readSeqs(nc, 1, FROM)).map(toReplayEvent);
  const atStart = fold(before); // the state after the range's first event, from the whole stream
  const agents = [...atStart.agents.values()].filter(
    (a) => a.status !== null && (a.sinceSeq ?? 0) < FROM,
  );
  expect(agents.length).toBeGreaterThan(3);
  await page.goto(`/replay?from=${FROM}&to=2600&at=${FROM}`);
  await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText(String(FROM));
  const panel = page.getByRole('region', { name: 'State at the playhead' });
  for (const a of agents) {
    const row = panel.locator(`[data-agent-id="${a.id}"]`);
    await expect(row.getByRole('cell').nth(1)).toContainText(a.status as string);
    await expect(row.getByText('before the range')).toBeVisible();
  }
  await expect(panel.getByText('no status yet')).toHaveCount(0);
});

test('export yields the expected NDJSON lines and importing them replays the same transcript', async ({
  page,
  nc,
}) => {
  await page.goto('/replay?from=1&to=80');
  await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText('1');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export NDJSON' }).click(),
  ]);
  const text = readFileSync((await download.path()) as string, 'utf8');
  expect(text).toBe(toNdjson(await readSeqs(nc, 1, 80)));
  expect(text.trimEnd().split('\n')).toHaveLength(80);

  await page.keyboard.press('End');
  await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText('80');
  const online = await seqsShown(page);

  await page.getByLabel('Open NDJSON file').setInputFiles({
    name: 'bug-report.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(text),
  });
  await expect(page.getByText('Replaying a file offline, without NATS')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText(
    'Offline file bug-report.ndjson · 80 events, seq 1–80',
  );
  await page.keyboard.press('End');
  await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText('80');
  // The rows ending at the playhead are the same (cards are measured: offline ones, without a
  // "details" link, may be shorter, so the rows rendered above the view can differ).
  const last = (seqs: number[]) => [...seqs].sort((a, b) => a - b).slice(-6);
  expect(last(await seqsShown(page))).toEqual(last(online));
  // Offline bubbles have no "details" link (that reads the message from NATS); all else is equal.
  const transcriptText = async () =>
    (
      await page
        .getByRole('region', { name: 'Transcript', exact: true })
        .locator('[data-seq]')
        .evaluateAll((rows) =>
          rows.map(
            (r) => [Number(r.getAttribute('data-seq')), (r as HTMLElement).innerText] as const,
          ),
        )
    )
      .sort((a, b) => a[0] - b[0])
      .slice(-6)
      .map(([, t]) => t.replace(/\s*details\s*/g, ' ').replace(/\s+/g, ' '))
      .join('\n');
  const texts = await transcriptText();
  await page.getByRole('button', { name: 'Back to the stream' }).click();
  await page.keyboard.press('End');
  await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText('80');
  expect(await transcriptText()).toBe(texts);
});

test('bad range input gets a clear message; a task scope replays one conversation', async ({
  page,
  nc,
}) => {
  await page.goto('/replay?from=yesterday&filter=a..b');
  const alert = page.getByRole('alert').filter({ hasText: 'The replay range is not valid' });
  await expect(alert).toContainText(
    '"from=yesterday" is neither a sequence number nor an ISO time',
  );
  await expect(alert).toContainText('Subject filter "a..b"');

  const events = (await readSeqs(nc, 1, 3000)).map(toReplayEvent);
  const done = events.find((e) => e.kind === 'task' && e.event === 'completed');
  const taskId = done && done.kind === 'task' ? done.task : '';
  const mine = events.filter((e) => e.kind !== 'generic' && e.task === taskId);
  await page.goto(`/replay?task=${taskId}`);
  await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText(
    `${mine.length} events, seq ${mine[0]!.seq}–${mine[mine.length - 1]!.seq}`,
  );
  await page.keyboard.press('End');
  const row = page
    .getByRole('region', { name: 'State at the playhead' })
    .locator(`[data-task-id="${taskId}"]`);
  await expect(row).toContainText('completed');
});

test('a new at= for the range already loaded moves the playhead (links, back/forward); its own write-back does not', async ({
  page,
}) => {
  await page.goto('/replay?from=100&to=600&at=150');
  const seq = page.getByRole('status', { name: 'Playhead sequence' });
  await expect(seq).toHaveText('150');
  await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText(
    '501 events, seq 100–600',
  );
  // Same range, another moment: no reload of the range, the playhead follows the link.
  await page.evaluate(() => history.pushState(null, '', '/replay?from=100&to=600&at=420'));
  await expect(seq).toHaveText('420');
  expect(Math.max(...(await seqsShown(page)))).toBe(420);
  await page.goBack();
  await expect(seq).toHaveText('150');
  // A resting playhead is written back to the URL without being moved again.
  await page.keyboard.press('ArrowRight');
  await expect(seq).toHaveText('151');
  await expect(page).toHaveURL(/at=151/);
  await page.keyboard.press('ArrowRight');
  await expect(seq).toHaveText('152');
  await expect(page).toHaveURL(/at=152/);
  await page.waitForTimeout(400);
  await expect(seq).toHaveText('152');
});

test('a link clicked while the playhead waits to write ?at= is followed, and the write does not land on it', async ({
  page,
}) => {
  // The next page answers slowly, so its navigation is still pending when the playhead's
  // 300 ms write comes due (a slow machine gave the same: Replay → Timeline stayed on /replay?at=1).
  await page.route(/\/timeline(\?|$)/, async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto('/replay?from=100&to=600&at=150');
  const seq = page.getByRole('status', { name: 'Playhead sequence' });
  await expect(seq).toHaveText('150');
  await page.keyboard.press('ArrowRight');
  await expect(seq).toHaveText('151');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Timeline' })
    .click();
  await expect(page).toHaveURL(/\/timeline$/);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Timeline' }),
  ).toHaveAttribute('aria-current', 'page');
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(/\/timeline$/);
});

test('"Replay from here" on a message of a task replays that task, positioned at the message; the whole stream is one click away', async ({
  page,
  nc,
}) => {
  const events = (await readSeqs(nc, 1, 3000)).map(toReplayEvent);
  // A message late in a completed task, so the task started well before it.
  const done = events
    .filter((e) => e.kind === 'task' && e.event === 'completed')
    .map((e) => (e.kind === 'task' ? e.task : ''));
  const pick = done
    .map((task) => ({ task, mine: events.filter((e) => e.kind !== 'generic' && e.task === task) }))
    .find(({ mine }) => mine.filter((e) => e.kind === 'message').length >= 3);
  expect(pick).toBeDefined();
  const { task, mine } = pick!;
  const msg = mine.filter((e) => e.kind === 'message').at(-1)!;
  await page.goto(`/messages?seq=${msg.seq}&open=${msg.seq}`);
  await page.getByRole('link', { name: 'Replay this task from here' }).click();
  await expect(page).toHaveURL(new RegExp(`/replay\\?.*task=${task}.*at=${msg.seq}`));
  await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText(String(msg.seq));
  // The whole conversation is loaded, from the task's first event, not only what precedes the message.
  await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText(
    `${mine.length} events, seq ${mine[0]!.seq}–${mine[mine.length - 1]!.seq}`,
  );
  expect((await seqsShown(page)).every((s) => mine.some((e) => e.seq === s))).toBe(true);
  // The stream from that message instead.
  await page.goBack();
  await page.getByRole('link', { name: 'Whole stream from here' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/replay\\?(stream=[^&]+&)?from=${msg.seq}&at=${msg.seq}$`),
  );
  await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText(String(msg.seq));
});

test('the sequence diagram is readable on a projector: above the fold, lifelines across the width, 12 px+ labels never covered, a presentation size', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/replay?from=100&to=600&at=300');
  await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText('300');
  const svg = page.getByRole('img', { name: 'Sequence diagram' });
  await expect(svg).toBeVisible();
  const box = (await svg.boundingBox())!;
  expect(box.y).toBeLessThan(900 - 200); // its first rows show without scrolling
  const card = (await svg.locator('xpath=..').boundingBox())!;
  expect(box.width).toBeGreaterThan(card.width * 0.9);
  const check = async (minPx: number) => {
    const labels = await svg.locator('text[data-seq-label]').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return {
          px: parseFloat(getComputedStyle(el).fontSize),
          covered:
            !(hit === el || el.contains(hit)) && !!hit && r.top >= 0 && r.bottom <= innerHeight,
        };
      }),
    );
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.every((l) => l.px >= minPx)).toBe(true);
    expect(labels.filter((l) => l.covered)).toEqual([]);
    const lanes = await svg
      .locator('text[data-lane]')
      .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(Math.min(...lanes)).toBeGreaterThanOrEqual(minPx);
  };
  await check(12);
  await page.getByLabel('Presentation size').check();
  await expect(page).toHaveURL(/large=true/);
  await check(16);
});

for (const [w, h] of [
  [1024, 700],
  [1440, 900],
] as const) {
  test(`transcript cards grow to their text at ${w}×${h}: nothing in a card is cut off`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/replay?from=100&to=900&at=600');
    await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText('600');
    const transcript = page.getByRole('region', { name: 'Transcript', exact: true });
    await expect(transcript.locator('[data-seq]').first()).toBeVisible();
    await page.waitForTimeout(300); // rows measured and placed
    const cut = await transcript.locator('[data-card]').evaluateAll((cards) =>
      cards.flatMap((card) => {
        const box = card.getBoundingClientRect();
        const bad = [...card.querySelectorAll('*')].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.height > 0 && (r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5);
        });
        const text = card.querySelector('[data-content]');
        const clipped = text && text.scrollHeight > text.clientHeight + 1;
        return bad.length || clipped ? [card.closest('[data-seq]')?.getAttribute('data-seq')] : [];
      }),
    );
    expect(cut).toEqual([]);
    // Cards do not overlap: each starts at or below the previous one's bottom.
    const tops = await transcript
      .locator('[data-seq]')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getBoundingClientRect().top, r.getBoundingClientRect().bottom]),
      );
    const sorted = [...tops].sort((a, b) => a[0]! - b[0]!);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]![0]!).toBeGreaterThanOrEqual(sorted[i - 1]![1]! - 0.5);
  });
}
