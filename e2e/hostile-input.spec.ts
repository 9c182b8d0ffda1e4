/**
 * Hostile input end to end: a subject, ids, roles, a header and content carrying bidi
 * controls and zero-width characters, published into a private nats-server, are shown with
 * visible ⟨U+XXXX⟩ marks on every page that shows them, and the text around them keeps its
 * order on screen; forged advisories are listed as malformed, not as dead letters; the server
 * refuses to start with credentials in NATS_WS_URL and never echoes them.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { headers } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { test, expect, definitionOf } from './fixtures';
import { freePort } from '../server/free-port';

const SUBJECT = 'agent.message.\u202Eevil\u200B\u2066.question';
const SUBJECT_SHOWN = 'agent.message.⟨U+202E⟩evil⟨U+200B⟩⟨U+2066⟩.question';
const CONTENT = 'see \u202Egnp.exe now';
const SENDER = 'agent\u200B-\u202Eone';

let errors: string[] = [];
test.beforeEach(({ page }) => {
  errors = [];
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
});
test.afterEach(() => {
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

/**
 * Where the first letter of each word inside `el` is on screen (a DOM Range over its text):
 * the words must come in reading order, each right of the one before on the same line or on a
 * later line (a subject may wrap after a dot). A right-to-left override would put the later
 * ones to the left on the same line.
 */
async function expectLeftToRight(el: Locator, words: string[]) {
  const at = await el.evaluate((root, ws) => {
    const out: ({ x: number; y: number } | null)[] = [];
    for (const w of ws) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let p: { x: number; y: number } | null = null;
      for (let n = walker.nextNode(); n && p === null; n = walker.nextNode()) {
        const i = n.textContent?.indexOf(w) ?? -1;
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const b = r.getBoundingClientRect();
        p = { x: b.left, y: b.top + b.height / 2 };
      }
      out.push(p);
    }
    return out;
  }, words);
  expect(
    at.every((p) => p !== null),
    `${words.join(', ')} all found`,
  ).toBe(true);
  for (let i = 1; i < at.length; i++) {
    const [a, b] = [at[i - 1]!, at[i]!];
    const laterLine = b.y > a.y + 4;
    const sameLineRight = Math.abs(b.y - a.y) <= 4 && b.x > a.x;
    expect(
      laterLine || sameLineRight,
      `"${words[i]}" after "${words[i - 1]}" (${JSON.stringify([a, b])})`,
    ).toBe(true);
  }
}

async function connected(page: Page) {
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
    {
      timeout: 15_000,
    },
  );
}

test('bidi controls and invisible characters are shown as marks on every page, in reading order', async ({
  page,
  privateNats,
}) => {
  const js = jetstream(privateNats.nc);
  const h = headers();
  h.set('X-Probe', 'left\u202Eright');
  const body = {
    id: 'msg\u200B-1',
    sender_id: SENDER,
    recipient_id: null,
    content: CONTENT,
    message_type: 'question',
    task_execution_id: null,
    metadata: { sender_role: 'coder\u202E', sender_name: SENDER },
    created_at: new Date().toISOString(),
  };
  // The sender's status first (it gives the timeline its lane), then the message.
  const status = {
    id: 'st\u200B-1',
    agent_id: SENDER,
    agent_role: 'coder\u202E',
    agent_name: SENDER,
    status: 'online',
    previous_status: null,
    created_at: new Date().toISOString(),
  };
  await js.publish(`agent.status.${SENDER}.online`, JSON.stringify(status));
  const ack = await js.publish(SUBJECT, JSON.stringify(body), { headers: h });
  // The stored message is byte-exact: what the app reads back is what was sent.
  const stored = await (
    await import('@nats-io/jetstream')
  )
    .jetstreamManager(privateNats.nc)
    .then((m) => m.streams.getMessage('agent-messages', { seq: ack.seq }));
  expect(stored?.subject).toBe(SUBJECT);
  expect(stored?.string()).toBe(JSON.stringify(body));
  await privateNats.attach(page);

  // /messages: the table row.
  await page.goto('/messages');
  await connected(page);
  const row = page.getByRole('row').filter({ hasText: SUBJECT_SHOWN });
  await expect(row).toHaveCount(1);
  const subjectCell = row.getByRole('gridcell').filter({ hasText: SUBJECT_SHOWN });
  await expectLeftToRight(subjectCell, ['agent', 'evil', 'question']);
  await expect(row).toContainText('see ⟨U+202E⟩gnp.exe now');
  await expectLeftToRight(row, ['see', 'gnp', 'exe', 'now']);
  await expect(row).toContainText('⟨U+202E⟩'); // the sender's role label

  // The subject explorer lists the token with its marks (its parents expanded first).
  await page.getByRole('button', { name: 'Subjects', exact: true }).click();
  const explorer = page.getByRole('navigation', { name: 'Subjects', exact: true });
  for (const p of ['agent', 'agent.message']) {
    const expand = explorer.getByRole('button', { name: `Expand ${p}`, exact: true });
    if (await expand.isVisible()) await expand.click();
  }
  await expect(explorer.getByText('⟨U+202E⟩evil⟨U+200B⟩⟨U+2066⟩')).toBeVisible();

  // The detail view: subject, header value, payload. (Click the row's sequence cell: the middle
  // of the row can be the sender link, which starts a search instead.)
  await row.getByRole('gridcell').first().click();
  const detail = page.getByRole('region', { name: /^Message \d+$/ });
  await expect(definitionOf(detail, 'Subject')).toHaveText(SUBJECT_SHOWN);
  await expectLeftToRight(definitionOf(detail, 'Subject'), ['agent', 'evil', 'question']);
  await expect(detail.getByRole('table', { name: 'Headers', exact: true })).toContainText(
    'left⟨U+202E⟩right',
  );
  await expectLeftToRight(
    detail
      .getByRole('table', { name: 'Headers', exact: true })
      .getByRole('cell')
      .filter({ hasText: 'left' }),
    ['left', 'right'],
  );
  const payload = detail.getByRole('region', { name: 'Payload', exact: true });
  await expect(payload).toContainText('"see ⟨U+202E⟩gnp.exe now"');
  await expect(payload).toContainText('"msg⟨U+200B⟩-1"');
  await expectLeftToRight(payload.getByText('gnp.exe').first(), ['see', 'gnp', 'exe', 'now']);
  // Text view too; and the marks are styled, so a literal "⟨U+202E⟩" in a payload cannot pass for one.
  await detail.getByRole('tab', { name: 'Text' }).click();
  await expect(payload).toContainText('see ⟨U+202E⟩gnp.exe now');
  await expect(payload.locator('[data-hidden-char="⟨U+202E⟩"]').first()).toBeVisible();

  // /replay: the transcript and the state at the playhead.
  await page.goto(`/replay?from=1&to=${ack.seq}&at=${ack.seq}`);
  await connected(page);
  const bubble = page.locator(`[data-seq="${ack.seq}"]`).filter({ hasText: 'gnp.exe' }).first();
  await expect(bubble).toContainText('see ⟨U+202E⟩gnp.exe now');
  await expect(bubble).toContainText('agent⟨U+200B⟩-⟨U+202E⟩one');
  await expectLeftToRight(bubble, ['see', 'gnp', 'exe', 'now']);
  await expect(
    page.getByRole('region', { name: 'State at the playhead' }).getByRole('row').nth(1),
  ).toContainText('agent⟨U+200B⟩-⟨U+202E⟩one');

  // /timeline: the accessible lane list and the event log.
  await page.goto('/timeline');
  await connected(page);
  await expect(page.getByRole('list', { name: 'Agent lanes' })).toContainText(
    'agent⟨U+200B⟩-⟨U+202E⟩one',
    {
      timeout: 15_000,
    },
  );
  await expect(
    page.getByRole('row').filter({ hasText: 'agent⟨U+200B⟩-⟨U+202E⟩one' }).first(),
  ).toBeVisible();

  // /stats: the subjects table and the top talkers.
  await page.goto('/stats?tab=subjects');
  await connected(page);
  const link = page.getByRole('link', { name: SUBJECT_SHOWN }).first();
  await expect(link).toBeVisible();
  await expectLeftToRight(link, ['agent', 'evil', 'question']);
});

test('forged advisories are listed as malformed, not as dead letters, and not pinned to the top', async ({
  page,
  privateNats,
}) => {
  const base = {
    type: 'io.nats.jetstream.advisory.v1.max_deliver',
    timestamp: new Date().toISOString(),
    stream: 'agent-messages',
    consumer: 'agent-processor',
    stream_seq: 1,
    deliveries: 3,
  };
  const subject = '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.agent-messages.agent-processor';
  const forged = [
    { ...base, id: 'f-half', stream_seq: 1.5 },
    { ...base, id: 'f-neg', deliveries: -5 },
    { ...base, id: 'f-9999', timestamp: '9999-12-31T23:59:59Z' },
    { ...base, id: 'f-missing', stream_seq: undefined },
  ];
  await jetstream(privateNats.nc).publish('agent.task.t1.created', JSON.stringify({ hello: 1 }));
  for (const f of forged) privateNats.nc.publish(subject, JSON.stringify(f));
  await privateNats.nc.flush();
  await privateNats.attach(page);

  await page.goto('/stats?tab=dead-letters');
  await connected(page);
  const list = page.getByRole('list', { name: 'Malformed advisories' });
  await expect(list.getByText('malformed advisory')).toHaveCount(forged.length, {
    timeout: 15_000,
  });
  await expect(
    page.getByRole('heading', { name: `Malformed advisories (${forged.length})` }),
  ).toBeVisible();
  await expect(list).toContainText('stream_seq 1.5 is not a whole number ≥ 1');
  await expect(list).toContainText('deliveries -5 is not a whole number ≥ 1');
  await expect(list).toContainText('timestamp 9999-12-31T23:59:59.000Z is in the future');
  await expect(list).toContainText('stream_seq missing is not a whole number ≥ 1');
  // None of them is a dead letter: the list is empty and the heading counts none.
  await expect(page.getByText(/^No dead letters/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Dead letters (0)' })).toBeVisible();

  // One more forged live, while the page is open: it joins the malformed list at the top.
  privateNats.nc.publish(subject, JSON.stringify({ ...base, id: 'f-live', deliveries: 0.5 }));
  await expect(list.getByRole('listitem').first()).toContainText('deliveries 0.5', {
    timeout: 10_000,
  });
  await expect(page.getByText(/^No dead letters/)).toBeVisible();
});

test('/api/config holds no credentials; the server refuses to start with credentials in NATS_WS_URL', async ({
  request,
}) => {
  const cfg = await (await request.get('/api/config')).text();
  expect(cfg).not.toMatch(/@/);

  const SECRET = 'hunter2-e2e';
  const root = path.resolve(import.meta.dirname, '..');
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules/next/dist/bin/next'),
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-e2e',
        NEXT_TELEMETRY_DISABLED: '1',
        NATS_WS_URL: `ws://viewer:${SECRET}@127.0.0.1:9222`,
      },
      stdio: 'pipe',
    },
  );
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 60_000);
    child.once('exit', (c) => {
      clearTimeout(t);
      resolve(c);
    });
  });
  expect(code, `next start should exit; output:\n${out}`).toBe(1);
  expect(out).toContain('NATS_WS_URL must not contain credentials (ws://***@127.0.0.1:9222)');
  expect(out).toContain('connect dialog');
  expect(out).not.toContain(SECRET);
  expect(out).not.toContain('viewer:');
});
