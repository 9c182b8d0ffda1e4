import { jetstreamManager, jetstream } from '@nats-io/jetstream';
import { test, expect, definitionOf } from './fixtures';
import { decodeEvent, taskOf } from '../lib/agents/decode';
import { backfill } from '../server/simulator/backfill';
import { readFileSync } from 'node:fs';
import { getMessage, readRange } from '../lib/stream/reader';
import { compileSearch, parseSearch } from '../lib/browse/search';
import { E2E_COUNT } from './seed';
import { CONSUMER_NAME, STREAM_NAME } from '../lib/agents/schema';

test(
  'a deep link to a sequence shows that message, its subject, headers and payload',
  { tag: '@smoke' },
  async ({ page, nc }) => {
    const jsm = await jetstreamManager(nc);
    const m = await getMessage(jsm, 'agent-messages', 1500);
    expect(m).not.toBeNull();
    await page.goto('/messages?seq=1500&open=1500');
    await expect(page.locator('[role="row"][data-seq="1500"]')).toBeVisible();
    const detail = page.getByRole('region', { name: /^Message \d+$/ });
    await expect(definitionOf(detail, 'Subject')).toHaveText(m!.subject);
    await expect(detail.getByRole('table', { name: 'Headers', exact: true })).toContainText(
      'Nats-Msg-Id',
    );
    const payload = JSON.parse(new TextDecoder().decode(m!.data)) as { id: string };
    await detail.getByRole('tab', { name: 'Text' }).click();
    await expect(detail.getByRole('region', { name: 'Payload', exact: true })).toContainText(
      payload.id,
    );
    // A message of a task replays that task from here; the whole stream is the other link.
    const task = taskOf(decodeEvent(m!.subject, m!.data).event);
    if (task)
      await expect(
        detail.getByRole('link', { name: 'Replay this task from here' }),
      ).toHaveAttribute('href', new RegExp(`task=${task}&at=1500`));
    await expect(
      detail.getByRole('link', { name: task ? 'Whole stream from here' : 'Replay from here' }),
    ).toHaveAttribute('href', /from=1500&at=1500/);
    await page.keyboard.press('j');
    await expect(page).toHaveURL(/open=1499/);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveCount(0);
  },
);

test('a filter narrows the table to matching subjects', async ({ page }) => {
  await page.goto('/messages');
  await expect(page.locator('[role="row"][data-seq]').first()).toBeVisible();
  await page.getByLabel('Subject filter').fill('agent.status.>');
  await page.getByLabel('Subject filter').press('Enter');
  await expect(page).toHaveURL(/filter=agent\.status\./);
  const rows = page.locator('[role="row"][data-seq]');
  await expect(rows.first()).toBeVisible();
  const subjects = await rows.locator('[role="gridcell"]:nth-child(3)').allInnerTexts();
  expect(subjects.length).toBeGreaterThan(5);
  for (const s of subjects) expect(s).toMatch(/^agent\.status\./);
  const seqs = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
  expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
});

test('a bad filter shows its error; a bad sequence is clamped with a notice', async ({ page }) => {
  await page.goto('/messages');
  await page.getByLabel('Subject filter').fill('agent..status');
  await expect(page.getByRole('alert').filter({ hasText: 'Empty token' })).toBeVisible();
  await page.getByLabel('Subject filter').fill('agent.>.x');
  await expect(page.getByRole('alert').filter({ hasText: 'must be the last token' })).toBeVisible();
  await page.goto('/messages?seq=1e20');
  await expect(page.getByText(/beyond the last message; showing the newest/)).toBeVisible();
  await expect(page.locator(`[role="row"][data-seq="${E2E_COUNT}"]`)).toBeVisible();
  await page.goto('/messages?seq=0&order=asc');
  await expect(page.getByText(/does not exist \(sequences start at 1\)/)).toBeVisible();
  await expect(page.locator('[role="row"][data-seq="1"]')).toBeVisible();
  await page.goto('/messages?q=zzz-nothing-here');
  await expect(page.getByText(/^No message matches/)).toContainText(
    'No message matches “zzz-nothing-here”',
  );
});

test(
  'search finds a needle far from the start of the stream',
  { tag: '@smoke' },
  async ({ page, privateNats }) => {
    await backfill(privateNats.nc, { count: 2000, seed: 11, spanMs: 3600_000, endMs: Date.now() });
    const js = jetstream(privateNats.nc);
    const ack = await js.publish(
      'agent.message.qa_tester.question',
      JSON.stringify({
        id: 'needle-1',
        sender_id: 'qa-1',
        recipient_id: null,
        content: 'where is the zebra-needle-42?',
        message_type: 'question',
        task_execution_id: null,
        metadata: { sender_role: 'qa_tester' },
        created_at: new Date().toISOString(),
      }),
    );
    await backfill(privateNats.nc, { count: 300, seed: 12, spanMs: 60_000, endMs: Date.now() });
    await privateNats.attach(page);
    await page.goto('/messages?seq=1&order=asc');
    await expect(page.locator('[role="row"][data-seq="1"]')).toBeVisible();
    await page.getByLabel('Search the whole stream').fill('zebra-needle-42');
    // The scan runs in the stream-reader worker, on a connection of its own.
    const worker = page.waitForEvent('worker');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await worker;
    await expect(page.getByRole('status', { name: 'Search status' })).toContainText('1 match');
    await expect(page.getByRole('status', { name: 'Search status' })).toContainText('done');
    await expect(page.locator(`[role="row"][data-seq="${ack.seq}"]`)).toBeVisible();
    await expect(page).toHaveURL(/q=zebra-needle-42/);
    // Done: the worker deleted its consumer and closed its connection (the tab's and ours remain).
    const jsm = await jetstreamManager(privateNats.nc);
    const readers = async () =>
      (await jsm.consumers.list(STREAM_NAME).next())
        .map((c) => c.name)
        .filter((n) => n !== CONSUMER_NAME);
    await expect.poll(readers, { timeout: 5000 }).toEqual([]);
    const connz = async () =>
      (
        (await (await fetch(`${privateNats.server.httpUrl}/connz`)).json()) as {
          num_connections: number;
        }
      ).num_connections;
    await expect.poll(connz, { timeout: 5000 }).toBe(2);
  },
);

test('Download range… saves a byte-exact NDJSON of any range, honouring the filter', async ({
  page,
  nc,
}) => {
  const jsm = await jetstreamManager(nc);
  await page.goto('/messages?seq=120&order=asc');
  await expect(page.locator('[role="row"][data-seq="120"]')).toBeVisible();
  await page.getByRole('button', { name: 'Download range…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Download range' });
  // Defaults to the loaded rows.
  await expect(dialog.getByLabel('From sequence')).not.toHaveValue('');
  await dialog.getByLabel('From sequence').fill('101');
  await dialog.getByLabel('To sequence').fill('150');
  await expect(dialog).toContainText('Up to 50 messages');
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download', exact: true }).click(),
  ]);
  expect(dl.suggestedFilename()).toBe('agent-messages-101-150.ndjson');
  const lines = readFileSync((await dl.path())!, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(
      (l) =>
        JSON.parse(l) as {
          seq: number;
          subject: string;
          payload: string;
          encoding?: string;
          headers: [string, string][];
        },
    );
  expect(lines).toHaveLength(50);
  expect(lines[0]!.seq).toBe(101);
  expect(lines[49]!.seq).toBe(150);
  const m = (await getMessage(jsm, 'agent-messages', 101))!;
  expect(lines[0]!.subject).toBe(m.subject);
  expect(new TextEncoder().encode(lines[0]!.payload)).toEqual(m.data);
  expect(lines[0]!.headers).toEqual(m.headers);
  await expect(dialog.getByRole('status')).toContainText('Saved 50 messages');

  // With a subject filter, only matching subjects in the range; CSV has a header line.
  await page.goto('/messages?filter=agent.status.>&order=asc&seq=1');
  await expect(page.locator('[role="row"][data-seq]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Download range…' }).click();
  await dialog.getByLabel('From sequence').fill('1');
  await dialog.getByLabel('To sequence').fill('600');
  await dialog.getByLabel('Format').selectOption('csv');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download', exact: true }).click(),
  ]);
  const rows = readFileSync((await csv.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(rows[0]).toBe('seq,time,subject,type,from,to,size,headers,encoding,payload');
  const subjects = rows.slice(1).map((r) => r.split(',')[2]);
  expect(subjects.length).toBeGreaterThan(3);
  for (const s of subjects) expect(s).toMatch(/^agent\.status\./);
});

test('n / N and the buttons step the open message through the search matches, scrolling to them', async ({
  page,
  nc,
}) => {
  // Expected matches, from the stream itself.
  const match = compileSearch(parseSearch('type:answer'));
  const want: number[] = [];
  await readRange(jetstream(nc), 'agent-messages', {
    start: { kind: 'first' },
    batchSize: 1000,
    onBatch: (b) => b.forEach((m) => m.seq <= 2950 && match(m) && want.push(m.seq)),
  });
  expect(want.length).toBeGreaterThan(50);
  const last = want[want.length - 1]!;
  const prev = want[want.length - 2]!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/messages?order=asc&seq=2950&open=2950&q=type%3Aanswer&dir=backward');
  await expect(page.getByRole('status', { name: 'Search status' })).toContainText('done');
  await expect(page.getByRole('status', { name: 'Search status' })).toContainText(
    `${want.length.toLocaleString('en-US')} matches`,
  );
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('N'); // previous in display order (oldest first): the last match before 2950
  await expect(page).toHaveURL(new RegExp(`open=${last}(&|$)`));
  await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
    'data-seq',
    String(last),
  );
  const grid = page.getByRole('grid', { name: 'Search matches' });
  await expect(grid.locator(`[role="row"][data-seq="${last}"]`)).toBeInViewport();
  await expect(page.getByText(/^(Match [\d,]+ of [\d,]+|[\d,]+ match(es)?)$/)).toHaveText(
    `Match ${want.length.toLocaleString('en-US')} of ${want.length.toLocaleString('en-US')}`,
  );
  await page.keyboard.press('N');
  await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
    'data-seq',
    String(prev),
  );
  await page.keyboard.press('n');
  await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
    'data-seq',
    String(last),
  );
  await page.getByRole('button', { name: 'Previous match' }).click();
  await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
    'data-seq',
    String(prev),
  );
  // Jump to the top: the first match is far above; the table scrolls to it.
  await page.goto(`/messages?order=asc&seq=1&q=type%3Aanswer`);
  await expect(page.getByRole('status', { name: 'Search status' })).toContainText('done');
  await page.locator(`[role="row"][data-seq="${want[0]}"]`).first().waitFor();
  // A test id: the grid's scroll box has no name a user perceives; the test scrolls it directly.
  await page.getByTestId('message-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
    'data-seq',
    String(want[0]),
  );
  await expect(grid.locator(`[role="row"][data-seq="${want[0]}"]`)).toBeInViewport();
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
    'data-seq',
    String(want[1]),
  );
});

for (const [w, h] of [
  [1280, 800],
  [1600, 900],
] as const) {
  test(`with the detail open at ${w}×${h} every column stays on screen`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/messages?seq=1500&open=1500');
    await expect(page.getByRole('region', { name: /^Message \d+$/ })).toBeVisible();
    const grid = await page.getByRole('grid').boundingBox();
    for (const name of ['Sender → recipient', 'Content', 'Size']) {
      const box = (await page.getByRole('columnheader', { name, exact: true }).boundingBox())!;
      expect(box.width, name).toBeGreaterThan(20);
      expect(box.x + box.width, name).toBeLessThanOrEqual(grid!.x + grid!.width);
    }
    // The scroller does not need a sideways scroll at these widths.
    const overflow = await page
      .getByTestId('message-scroller')
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test('odd payloads: binary as hex, 1 MiB truncated with Show all, 10,000-level JSON, HTML as text', async ({
  page,
  privateNats,
}) => {
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const js = jetstream(privateNats.nc);
  const bin = await js.publish(
    'agent.message.odd.binary',
    new Uint8Array([0x00, 0xff, 0x10, 0x80, 0xfe, 0x41]),
  );
  const big = await js.publish(
    'agent.message.odd.big',
    new TextEncoder().encode('x'.repeat(1024 * 1024 - 10) + 'THE-END-42'),
  );
  const deep = await js.publish('agent.message.odd.deep', '['.repeat(10_000) + ']'.repeat(10_000));
  const html = await js.publish(
    'agent.message.qa_tester.question',
    JSON.stringify({
      id: 'x-1',
      sender_id: 'qa-1',
      recipient_id: null,
      content: '<img src=x onerror=alert(1)> and <script>alert(2)</script>',
      message_type: 'question',
      task_execution_id: null,
      metadata: { sender_role: 'qa_tester' },
      created_at: new Date().toISOString(),
    }),
  );
  await privateNats.attach(page);

  await page.goto(`/messages?seq=${bin.seq}&open=${bin.seq}`);
  const detail = page.getByRole('region', { name: /^Message \d+$/ });
  await expect(detail.getByRole('tab', { name: 'Hex' })).toHaveAttribute('aria-selected', 'true');
  await expect(detail.getByRole('region', { name: 'Payload', exact: true })).toContainText(
    '00 ff 10 80 fe 41',
  );
  await expect(detail).toContainText('Binary payload');

  await page.goto(`/messages?seq=${big.seq}&open=${big.seq}`);
  await expect(detail.getByText(/Showing the first 256\.0 KiB of 1\.0 MiB/)).toBeVisible();
  await expect(detail.getByRole('region', { name: 'Payload', exact: true })).not.toContainText(
    'THE-END-42',
  );
  await detail.getByRole('button', { name: 'Show all' }).click();
  await expect(detail.getByText(/Showing the first/)).toHaveCount(0);
  // The whole MiB is there as virtualized lines; the end shows once scrolled to.
  const lines = detail.getByRole('region', { name: /^Payload (text|hex)$/ });
  await expect(lines).toHaveAttribute('data-lines', String(Math.ceil((1024 * 1024) / 120)));
  await lines.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(lines).toContainText('THE-END-42');

  await page.goto(`/messages?seq=${deep.seq}&open=${deep.seq}`);
  await expect(detail.getByRole('tree', { name: 'Payload JSON' })).toBeVisible();
  await detail.getByRole('button', { name: 'Expand 0' }).first().click();
  await expect(detail.getByRole('tab', { name: 'Text' })).toBeVisible();
  await detail.getByRole('tab', { name: 'Text' }).click();
  await expect(detail.getByRole('region', { name: 'Payload', exact: true })).toContainText('[[[[');

  await page.goto(`/messages?seq=${html.seq}&open=${html.seq}`);
  await expect(page.locator(`[role="row"][data-seq="${html.seq}"]`)).toContainText(
    '<img src=x onerror=alert(1)>',
  );
  await detail.getByRole('tab', { name: 'Text' }).click();
  await expect(detail.getByRole('region', { name: 'Payload', exact: true })).toContainText(
    '<script>alert(2)</script>',
  );
  await expect(page.locator('main img')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test('rows reuse their elements while scrolling: a tooltip always belongs to the row shown', async ({
  page,
}) => {
  await page.goto('/messages?seq=1&order=asc');
  await expect(page.locator('[role="row"][data-seq="1"]')).toBeVisible();
  const scroller = page.getByTestId('message-scroller');
  await scroller.evaluate((el) => (el.scrollTop = 100 * 32));
  const row = page.locator('[role="row"][data-seq="105"]');
  await expect(row).toBeInViewport();
  const cell = (seq: number) =>
    page.locator(`[role="row"][data-seq="${seq}"] [role="gridcell"]`).nth(2);
  await cell(105).hover();
  await expect(cell(105)).toHaveAttribute('title', (await cell(105).textContent())!);
  const box = (await cell(105).boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await row.evaluate((e) => ((e as unknown as { mark: boolean }).mark = true));
  // Wheel ten rows down with the pointer still: the element under it now shows row 115
  // (elements are kept by position) and no tooltip of the row it showed before is left on it.
  await page.mouse.wheel(0, 10 * 32);
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(110 * 32);
  await expect(page.locator('[role="row"][data-seq="105"]')).toHaveCount(0);
  const under = () =>
    page.evaluate(
      ([x, y]) => {
        const r = document.elementFromPoint(x, y)?.closest<HTMLElement>('[role="row"]');
        return {
          seq: r?.dataset.seq,
          same: (r as unknown as { mark?: boolean } | null)?.mark === true,
        };
      },
      [x, y] as const,
    );
  await expect.poll(under).toEqual({ seq: '115', same: true });
  // Every tooltip left in the grid is the text of its own cell (the time cell shows a suffix).
  // The sender → recipient cell's tooltip gives shortened ids in full: every part of the shown
  // text around a "…" is in the tooltip, in order, the first at its start. That tooltip holds the
  // whole route, with the arrow the cell draws as generated content (not in its text).
  const stale = () =>
    page.locator('[role="rowgroup"] [title]').evaluateAll(
      (els) =>
        els.filter((e) => {
          const t = e.getAttribute('title')!.replace(' → ', '');
          const x = e.textContent!;
          if (t.endsWith(x)) return false;
          const parts = x.split('…');
          if (parts.length < 2 || !t.startsWith(parts[0]!)) return true;
          let at = 0;
          for (const p of parts) {
            const i = t.indexOf(p, at);
            if (i < 0) return true;
            at = i + p.length;
          }
          return false;
        }).length,
    );
  expect(await stale()).toBe(0);
  // A pointer move gives the row now under it its own tooltips.
  await page.mouse.move(x + 2, y);
  await expect(cell(115)).toHaveAttribute('title', (await cell(115).textContent())!);
  expect(await stale()).toBe(0);
});

test('a view reads only its first pages while still, then growing pages while scrolled to the end, with every row once', async ({
  page,
}) => {
  await page.goto('/messages?seq=1500');
  await expect(page.locator('[role="row"][data-seq="1500"]')).toBeVisible();
  const loaded = page.getByRole('tab', { name: /Browse/ });
  await expect(loaded).toHaveText('Browse (400 loaded)');
  // Sitting still must not keep reading (rows added above once made the top look reached again).
  await page.waitForTimeout(1000);
  await expect(loaded).toHaveText('Browse (400 loaded)');
  const scroller = page.getByTestId('message-scroller');
  await expect(async () => {
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(page.getByText('Start of the stream.')).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await expect(async () => {
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await expect(loaded).toHaveText(`Browse (${E2E_COUNT.toLocaleString('en-US')} loaded)`, {
      timeout: 500,
    });
  }).toPass({ timeout: 20_000 });
  // Rows added above held the view still; go to the top, now the newest message.
  await scroller.evaluate((el) => (el.scrollTop = 0));
  // Newest first, consecutive: no gap or duplicate where pages of different sizes meet.
  await expect(page.locator(`[role="row"][data-seq="${E2E_COUNT}"]`)).toBeVisible();
  const seqs = await page
    .locator('[role="row"][data-seq]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
  expect(seqs).toEqual(seqs.map((_, i) => E2E_COUNT - i));
});

test('the window drops far pages while scrolling and reads them again, rows exact and the view still', async ({
  page,
  privateNats,
}) => {
  // ~85 s on the 2-core machine; room for a CI machine twice as slow.
  test.setTimeout(300_000);
  // More than WINDOW_ROWS (20,000), so scrolling to the end drops the first pages.
  const COUNT = 24_000;
  await backfill(privateNats.nc, { count: COUNT, seed: 13, spanMs: 3600_000, endMs: Date.now() });
  await privateNats.attach(page);
  await page.goto('/messages?seq=1&order=asc&open=1');
  await expect(page.locator('[role="row"][data-seq="1"]')).toBeVisible();
  const scroller = page.getByTestId('message-scroller');
  // Scrolls three screens per frame towards `dir` until `target` is rendered; every frame the
  // rendered rows must be consecutive sequences and the top row must have moved by exactly the
  // rows scrolled (a drop or add above that moved the view would break it).
  const scrollUntil = (dir: 1 | -1, target: number) =>
    scroller.evaluate(
      async (el, { dir, target }) => {
        // A row's place in the rows' coordinates is where it is drawn relative to the rowgroup
        // (the rows are moved with a transform, which offsetTop does not see).
        const y = (e: HTMLElement) =>
          e.getBoundingClientRect().top -
          e.closest('[role="rowgroup"]')!.getBoundingClientRect().top;
        const rendered = () =>
          [...el.querySelectorAll<HTMLElement>('[role="row"][data-seq]')]
            .sort((a, b) => y(a) - y(b))
            .map((e) => Number(e.dataset.seq));
        const topSeq = () => {
          const rows = [...el.querySelectorAll<HTMLElement>('[role="row"][data-seq]')];
          const top = el.scrollTop;
          const r = rows.find((e) => y(e) <= top && y(e) + e.offsetHeight > top);
          return r ? Number(r.dataset.seq) : null;
        };
        const errors: string[] = [];
        let maxLoaded = 0;
        for (let i = 0; i < 5000 && !rendered().includes(target); i++) {
          const before = topSeq();
          const from = el.scrollTop;
          el.scrollTop += dir * el.clientHeight * 3;
          const moved = Math.round((el.scrollTop - from) / 32);
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
          const s = rendered();
          if (s.some((x, k) => k > 0 && x !== s[k - 1]! + 1))
            errors.push(`not consecutive: ${s.join(',')}`);
          const after = topSeq();
          if (before !== null && after !== null && Math.abs(after - before - moved) > 1)
            errors.push(`view jumped: ${before} → ${after}, scrolled ${moved} rows`);
          const tab = document.querySelector('[role="tab"]')?.textContent ?? '';
          maxLoaded = Math.max(maxLoaded, Number(tab.replace(/[^0-9]/g, '')));
        }
        return { errors: errors.slice(0, 5), maxLoaded, reached: rendered().includes(target) };
      },
      { dir, target },
    );
  const down = await scrollUntil(1, COUNT);
  expect(down.errors).toEqual([]);
  expect(down.reached).toBe(true);
  expect(down.maxLoaded).toBeLessThanOrEqual(21_000);
  const loaded = page.getByRole('tab', { name: /Browse/ });
  await expect(loaded).not.toHaveText(`Browse (${COUNT.toLocaleString('en-US')} loaded)`);
  // Row 1 (still open) was dropped: j reads around it again and opens row 2.
  await expect(page.locator('[role="row"][data-seq="1"]')).toHaveCount(0);
  await page.keyboard.press('j');
  await expect(page).toHaveURL(/[?&]open=2(&|$)/);
  await expect(page.locator('[role="row"][data-seq="2"]')).toBeVisible();
  // Far down again, then all the way back: the dropped pages are read again, exactly.
  const down2 = await scrollUntil(1, COUNT);
  expect(down2.errors).toEqual([]);
  const up = await scrollUntil(-1, 1);
  expect(up.errors).toEqual([]);
  expect(up.reached).toBe(true);
  expect(up.maxLoaded).toBeLessThanOrEqual(21_000);
});

test('a search from the landing page (newest first) runs down the table, toward older messages, and finds matches', async ({
  page,
  nc,
}) => {
  const match = compileSearch(parseSearch('type:question'));
  let want = 0;
  await readRange(jetstream(nc), 'agent-messages', {
    start: { kind: 'first' },
    batchSize: 1000,
    onBatch: (b) => b.forEach((m) => match(m) && want++),
  });
  expect(want).toBeGreaterThan(0);
  await page.goto('/messages');
  await expect(page.locator(`[role="row"][data-seq="${E2E_COUNT}"]`)).toBeVisible();
  const direction = page.getByLabel('Search direction');
  await expect(direction.locator('option:checked')).toHaveText('↓ Down the table (older)');
  await page.getByLabel('Search the whole stream').fill('type:question');
  await page.getByLabel('Search the whole stream').press('Enter');
  const status = page.getByRole('status', { name: 'Search status' });
  await expect(status).toContainText('done');
  await expect(status).toContainText(
    `${want.toLocaleString('en-US')} matches · scanned ${E2E_COUNT.toLocaleString('en-US')} / ${E2E_COUNT.toLocaleString('en-US')}`,
  );
  await expect(page).toHaveURL(/q=type(%3A|:)question/);
  await expect(page).toHaveURL(/dir=backward/);
  // Oldest first, down the table is toward newer messages; an old link without `dir` follows the order.
  await page.goto('/messages?order=asc&seq=1&q=type%3Aquestion');
  await expect(status).toContainText('done');
  await expect(status).toContainText(`${want.toLocaleString('en-US')} matches`);
  await expect(direction.locator('option:checked')).toHaveText('↓ Down the table (newer)');
  // An explicit `dir` in a link keeps its meaning; `range=here` searches from the link's position
  // (without it a search covers the whole stream). From the newest message toward newer ones: one message to look at, and the server, told to
  // send only questions (the search is pushed down to subjects), sends it only if it is one.
  await page.goto(`/messages?seq=${E2E_COUNT}&order=asc&q=type%3Aquestion&dir=forward&range=here`);
  await expect(status).toContainText('done');
  const last = await getMessage(await jetstreamManager(nc), STREAM_NAME, E2E_COUNT);
  await expect(status).toContainText(
    /\.question$/.test(last!.subject) ? 'scanned 1 / 1' : 'scanned 0 / 0',
  );
});

test('toggling the order keeps the open message open and in view; without one, the row at the top of the view', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/messages?seq=2500');
  // Both first pages in (the newer one lands above and shifts the rows): then click.
  await expect
    .poll(() => page.getByRole('grid').getAttribute('aria-rowcount').then(Number))
    .toBeGreaterThan(400);
  await page.locator('[role="row"][data-seq="2490"]').click();
  await expect(page).toHaveURL(/open=2490/);
  await page.getByRole('button', { name: /^Order:/ }).click();
  await expect(page).toHaveURL(/order=asc/);
  await expect(page).toHaveURL(/seq=2490/);
  await expect(page).toHaveURL(/open=2490/);
  await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
    'data-seq',
    '2490',
  );
  const row = page.getByRole('grid').locator('[role="row"][data-seq="2490"]');
  await expect(row).toBeInViewport();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  // Back to newest first: still open and in view.
  await page.getByRole('button', { name: /^Order:/ }).click();
  await expect(page).toHaveURL(/order=desc/);
  await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveAttribute(
    'data-seq',
    '2490',
  );
  await expect(row).toBeInViewport();

  // Nothing open: the row at the top of the view stays in view.
  await page.goto('/messages?seq=2500');
  await expect
    .poll(() => page.getByRole('grid').getAttribute('aria-rowcount').then(Number))
    .toBeGreaterThan(400);
  const top = await page.getByTestId('message-scroller').evaluate((el) => el.scrollTop);
  await page.getByTestId('message-scroller').evaluate((el, t) => (el.scrollTop = t + 40 * 32), top);
  await expect(page.locator('[role="row"][data-seq="2460"]')).toBeInViewport();
  await page.getByRole('button', { name: /^Order:/ }).click();
  await expect(page).toHaveURL(/order=asc/);
  await expect(page).toHaveURL(/seq=2460/);
  await expect(page.getByRole('region', { name: /^Message \d+$/ })).toHaveCount(0);
  await expect(page.locator('[role="row"][data-seq="2460"]')).toBeInViewport();
});

test('a field with no value is refused inline and starts no scan', async ({ page }) => {
  await page.goto('/messages');
  await expect(page.locator('[role="row"][data-seq]').first()).toBeVisible();
  const input = page.getByLabel('Search the whole stream');
  await input.fill('type:');
  await input.press('Enter');
  await expect(input).toHaveAccessibleDescription(/“type:” needs a value/);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status', { name: 'Search status' })).toHaveCount(0);
  await expect(page).not.toHaveURL(/q=/);
  // Typing clears the error; a valid query runs.
  await input.fill('type:question');
  await expect(input).toHaveAccessibleDescription('');
  await input.press('Enter');
  await expect(page.getByRole('status', { name: 'Search status' })).toBeVisible();
  await expect(page).toHaveURL(/q=type(:|%3A)question/);
  // A link with an empty field shows the error too and does not scan.
  await page.goto('/messages?q=from%3A');
  await expect(input).toHaveAccessibleDescription(/“from:” needs a value/);
  await page.waitForTimeout(500);
  await expect(page.getByRole('status', { name: 'Search status' })).toHaveCount(0);
});

test('the ? overlay lists the keys of the page it is opened on', async ({ page }) => {
  const open = async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    return page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  };
  await page.goto('/messages');
  await expect(page.locator('[role="row"][data-seq]').first()).toBeVisible();
  let dialog = await open();
  const keys = dialog.getByRole('region').filter({ hasText: 'On this page' });
  await expect(keys).toContainText('On this page (Messages)');
  for (const t of [
    'Next / previous row',
    'Open the row',
    'Close the detail',
    'Focus the subject filter',
    'First message',
    'Newest message',
    'Next / previous search match',
  ])
    await expect(keys).toContainText(t);
  for (const k of ['j', 'k', 'Enter', 'Esc', '/', 'Home', 'End', 'n', 'N'])
    await expect(
      keys.locator('kbd', { hasText: new RegExp(`^${k.replace('/', '\\/')}$`) }),
    ).toHaveCount(1);
  await expect(dialog).toContainText('Go to Messages');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.goto('/replay');
  dialog = await open();
  await expect(dialog.getByRole('region').filter({ hasText: 'On this page' })).toContainText(
    'On this page (Replay)',
  );
  await expect(dialog.getByRole('region').filter({ hasText: 'On this page' })).toContainText(
    'Play / pause',
  );
  await page.keyboard.press('Escape');
  await page.goto('/timeline');
  dialog = await open();
  await expect(dialog.getByRole('region').filter({ hasText: 'On this page' })).toContainText(
    'On this page (Timeline)',
  );
  await expect(dialog.getByRole('region').filter({ hasText: 'On this page' })).toContainText(
    'Zoom in / out',
  );
  await page.keyboard.press('Escape');
  await page.goto('/stats');
  dialog = await open();
  await expect(dialog.getByRole('region').filter({ hasText: 'On this page' })).toHaveCount(0);
  await expect(dialog).toContainText('Toggle light/dark theme');
});

test('at 1024×768 with the detail open every kept column is on screen, cells stay on one line, subjects break at dots', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/messages?seq=1500&open=1500');
  await expect(page.getByRole('region', { name: /^Message \d+$/ })).toBeVisible();
  await expect(page.locator('[role="row"][data-seq="1500"]')).toBeVisible();
  const grid = (await page.getByRole('grid').boundingBox())!;
  for (const name of ['Seq', 'Subject', 'Type', 'Sender → recipient', 'Size']) {
    const box = (await page.getByRole('columnheader', { name, exact: true }).boundingBox())!;
    expect(box.width, name).toBeGreaterThan(20);
    expect(box.x + box.width, name).toBeLessThanOrEqual(grid.x + grid.width);
  }
  const overflow = await page
    .getByTestId('message-scroller')
    .evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The page's one-line key reminder fits whole (it was cut off with an ellipsis), and before
  // any search there is no empty "Matches" tab.
  const keysLine = page.getByText(/^Keys:/);
  await expect(keysLine).toContainText('j/k rows');
  await expect(keysLine).toContainText('? all keys');
  expect(await keysLine.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await expect(page.getByRole('tab', { name: /Matches/ })).toHaveCount(0);
  // Every cell is one line (no cell taller than its row).
  const tall = await page.locator('[role="rowgroup"] [role="gridcell"]').evaluateAll(
    (els) =>
      els.filter((e) => {
        const r = e.getClientRects()[0];
        return r !== undefined && r.height > 20;
      }).length,
  );
  expect(tall).toBe(0);
  // The subject wraps only after a dot: each line of it ends with "." (but the last). The
  // field is narrowed to its longest token + 2 characters (monospace), so it must wrap.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(definitionOf(page, 'Subject')).toHaveText(/\./);
  const lines = await definitionOf(page, 'Subject').evaluate((el) => {
    const tokens = el.textContent!.split('.');
    el.style.width = `${Math.max(...tokens.map((t) => t.length)) + 2}ch`;
    const r = document.createRange();
    const text = el.textContent!;
    const tops: number[] = [];
    const out: string[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.textContent!.length; i++) {
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const top = Math.round(r.getBoundingClientRect().top);
        if (tops[tops.length - 1] !== top) {
          tops.push(top);
          out.push('');
        }
        out[out.length - 1] = `${out[out.length - 1] ?? ''}${n.textContent![i]}`;
      }
    }
    return { text, out };
  });
  expect(lines.out.join('')).toBe(lines.text);
  expect(lines.out.length, lines.text).toBeGreaterThanOrEqual(2);
  for (const l of lines.out.slice(0, -1)) expect(l.endsWith('.'), l).toBe(true);
  // The app has an icon (no /favicon.ico 404 in the console).
  await expect(page.locator('link[rel="icon"]')).toHaveCount(1);
  expect(errors.filter((e) => /404|favicon/i.test(e))).toEqual([]);
});
