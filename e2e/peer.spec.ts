/**
 * Real peers next to the app: the `nats` CLI reads what the app shows (the copied command,
 * the /stats figures), and the newest nats-server's new kinds of stored message (TTLs, delete
 * markers, counters, schedules) show for what they are. Each test skips, saying why, when the
 * program or the server feature it needs is not there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { Page } from '@playwright/test';
import { test, expect, definitionOf } from './fixtures';
import { startNatsServer, type NatsServer } from '../server/nats/launcher';
import { natsCliBin, newestNatsServerBin } from '../server/nats/tool-bins';
import { backfill } from '../server/simulator/backfill';
import { getMessage } from '../lib/stream/reader';
import { messagesHref } from '../lib/links';
import { CONSUMER_NAME, STREAM_NAME } from '../lib/agents/schema';
import { startOneOriginProxy } from './one-origin-proxy';

const CLI = natsCliBin();
const NO_CLI =
  'the nats CLI (natscli v0.5.0) was not found: set NATS_CLI_BIN, build it into ~/.cache/agent-replay/natscli/0.5.0/nats ' +
  '(go install github.com/nats-io/natscli/nats@v0.5.0) or put `nats` on PATH';

/** Skips the running test when `cond`, and prints why (the list reporter shows no reasons). */
function skipIf(cond: boolean, reason: string): void {
  if (cond) console.log(`[e2e] skipped: ${reason}`);
  test.skip(cond, reason);
}
if (!CLI) console.log(`[e2e] skipping the nats CLI tests: ${NO_CLI}`);

/** Runs a shell command line with the CLI as `nats` and no user context (a clean HOME). */
function runCli(commandLine: string): { status: number | null; stdout: Buffer; stderr: string } {
  const home = mkdtempSync(path.join(tmpdir(), 'natscli-home-'));
  try {
    const env: Record<string, string | undefined> = {
      ...process.env,
      PATH: `${path.dirname(CLI!)}:${process.env.PATH ?? ''}`,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
    };
    for (const k of [
      'NATS_URL',
      'NATS_CONTEXT',
      'NATS_CREDS',
      'NATS_USER',
      'NATS_PASSWORD',
      'NATS_TOKEN',
    ])
      delete env[k];
    // The copied text names `nats`; make sure it is this binary even if PATH has another.
    const line = commandLine.replace(/^nats /, `${JSON.stringify(CLI)} `);
    const r = spawnSync('sh', ['-c', line], { env: env as NodeJS.ProcessEnv, timeout: 20_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function cliJson<T>(args: string): T {
  const r = runCli(`nats ${args} --json`);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.toString('utf8')) as T;
}

async function copied(page: Page, button: string): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test.describe('the nats CLI as a peer', () => {
  test.skip(!CLI, NO_CLI);

  test('"Copy as nats CLI" runs as copied and prints the same payload, byte for byte', async ({
    page,
    context,
    nc,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const seq = 1500;
    const m = await getMessage(await jetstreamManager(nc), STREAM_NAME, seq);
    expect(m).not.toBeNull();
    await page.goto(messagesHref({ seq, open: seq }));
    await expect(
      definitionOf(page.getByRole('region', { name: /^Message \d+$/ }), 'Subject'),
    ).toHaveText(m!.subject);
    const command = await copied(page, 'Copy as nats CLI');
    expect(command).toBe(
      `nats stream get ${STREAM_NAME} ${seq} --server ${process.env.E2E_WS_URL}`,
    );

    // natscli prints "Item: <stream>#<seq> … on Subject <s>", a blank line, the headers, then
    // the payload as is (util.go outPutMSGBody: one newline after it, three when it has none).
    const r = runCli(command);
    expect(r.status, r.stderr).toBe(0);
    const payload = Buffer.from(m!.data);
    const tail = payload.at(-1) === 0x0a ? '\n' : '\n\n\n';
    const expectedEnd = Buffer.concat([Buffer.from('\n\n'), payload, Buffer.from(tail)]);
    expect(r.stdout.subarray(0, 200).toString('utf8')).toContain(`Item: ${STREAM_NAME}#${seq} `);
    expect(r.stdout.subarray(0, 400).toString('utf8')).toContain(`on Subject ${m!.subject}\n`);
    expect(r.stdout.subarray(r.stdout.length - expectedEnd.length).equals(expectedEnd)).toBe(true);

    // The same command with --json gives the stored bytes base64-encoded: an exact check.
    const json = runCli(`${command} --json`);
    expect(json.status, json.stderr).toBe(0);
    const stored = JSON.parse(json.stdout.toString('utf8')) as {
      subject: string;
      seq: number;
      data: string;
    };
    expect(stored.subject).toBe(m!.subject);
    expect(stored.seq).toBe(seq);
    expect(Buffer.from(stored.data, 'base64').equals(payload)).toBe(true);
  });

  test('/stats shows the figures `nats stream info` and `nats consumer info` print (traffic stopped)', async ({
    page,
    privateNats,
  }) => {
    // A server of the test's own: no other test publishes or acks on it while we compare.
    const { nc, server } = privateNats;
    await backfill(nc, { count: 240, seed: 7, spanMs: 60_000, endMs: Date.now() });
    const js = jetstream(nc);
    const worker = await js.consumers.get(STREAM_NAME, CONSUMER_NAME);
    let n = 0;
    for await (const msg of await worker.fetch({ max_messages: 60, expires: 2000 })) {
      // Ack 50, leave 10 pending (ack wait 30 s): every consumer figure is non-trivial.
      // ackAck: confirmed once processed (newer servers process acks off the request path).
      if (++n <= 50) await msg.ackAck();
      if (n >= 60) break;
    }
    await nc.flush();
    await privateNats.attach(page);

    type StreamInfoJson = {
      state: { messages: number; bytes: number; first_seq: number; last_seq: number };
    };
    type ConsumerInfoJson = {
      num_pending: number;
      num_ack_pending: number;
      num_redelivered: number;
      num_waiting: number;
      delivered: { stream_seq: number };
      ack_floor: { stream_seq: number };
    };
    const si = cliJson<StreamInfoJson>(`stream info ${STREAM_NAME} --server ${server.natsUrl}`);
    // Several readings: nats-server 2.9.10 reports a filtered durable's num_pending unsteadily
    // with no traffic at all (175–180 for 180 in consecutive CONSUMER.INFOs; 2.15.3 holds 180).
    const samples: ConsumerInfoJson[] = [];
    for (let i = 0; i < 4; i++) {
      samples.push(
        cliJson<ConsumerInfoJson>(
          `consumer info ${STREAM_NAME} ${CONSUMER_NAME} --server ${server.natsUrl}`,
        ),
      );
      await new Promise((r) => setTimeout(r, 300));
    }
    const ci = samples[0]!;
    const pendings = samples.map((c) => c.num_pending);
    const steady = pendings.every((p) => p === pendings[0]);
    if (!steady)
      console.log(
        `[e2e] nats-server ${privateNats.nc.info?.version} gave num_pending ${pendings.join(', ')} with no traffic: /stats must show a figure in that band`,
      );
    expect(si.state.messages).toBeGreaterThan(0);
    expect(ci.num_ack_pending).toBe(10);

    const fmt = (v: number) => v.toLocaleString('en-US');
    await page.goto('/stats');
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'connected',
    );
    const figures = page.getByRole('group', { name: 'Stream figures' });
    const figure = (name: string) => figures.getByRole('group', { name, exact: true });
    await expect(figure('Messages')).toContainText(fmt(si.state.messages));
    await expect(figure('Size')).toContainText(`${fmt(si.state.bytes)} bytes`);
    await expect(figure('First seq · stored')).toContainText(fmt(si.state.first_seq));
    await expect(figure('Last seq · stored')).toContainText(fmt(si.state.last_seq));

    await page.getByRole('tab', { name: /consumers/i }).click();
    const row = page
      .getByRole('table', { name: 'Consumers', exact: true })
      .getByRole('row')
      .filter({ hasText: CONSUMER_NAME });
    await expect(row.getByRole('cell').nth(0)).toContainText(CONSUMER_NAME);
    // Columns: Consumer, Lag (pending), Lag in time, Ack pending, Redelivered, Waiting, Delivered seq, Ack floor seq.
    const pendingCell = row.getByRole('cell').nth(1);
    if (steady) await expect(pendingCell).toHaveText(fmt(ci.num_pending));
    else {
      // Seen only below the steady figure, by up to 5 of 240 (acked or not); the 10 unacked
      // messages serve as the margin below the highest reading.
      const hi = Math.max(...pendings);
      const lo = Math.min(...pendings, hi - ci.num_ack_pending);
      await expect
        .poll(async () => Number((await pendingCell.innerText()).replace(/,/g, '')))
        .toBeGreaterThanOrEqual(lo);
      expect(Number((await pendingCell.innerText()).replace(/,/g, ''))).toBeLessThanOrEqual(hi);
    }
    const want: [number, string][] = [
      [3, fmt(ci.num_ack_pending)],
      [4, fmt(ci.num_redelivered)],
      [5, fmt(ci.num_waiting)],
      [6, fmt(ci.delivered.stream_seq)],
      [7, fmt(ci.ack_floor.stream_seq)],
    ];
    // A cell starts with the figure (the ack pending cell goes on with " / <max>").
    for (const [col, text] of want)
      await expect(row.getByRole('cell').nth(col)).toHaveText(new RegExp(`^${text}(?![\\d,])`));
  });
});

/** The server's version and JetStream API level (2.11+ report one; older servers: 0). */
async function serverFeatures(
  nc: NatsConnection,
  jsm: JetStreamManager,
): Promise<{ version: string; level: number }> {
  const info = await jsm.getAccountInfo();
  return { version: nc.info?.version ?? '?', level: info.api.level ?? 0 };
}

test.describe('new kinds of stored message on the newest server', () => {
  const bin = newestNatsServerBin();
  if (!bin) console.log('[e2e] skipping the new-kinds tests: no nats-server found');
  test.skip(
    !bin,
    'no nats-server found (NATS_NEWEST_SERVER_BIN, ~/.cache/agent-replay/nats-server/<version>/, NATS_SERVER_BIN, PATH)',
  );

  let server: NatsServer;
  let nc: NatsConnection;
  test.beforeEach(async () => {
    server = await startNatsServer({ bin: bin!, serverName: 'e2e-newest' });
    nc = await connect({ servers: server.natsUrl });
  });
  test.afterEach(async () => {
    await nc?.drain().catch(() => {});
    await server?.stop();
  });

  async function open(page: Page, stream: string, seq: number) {
    await page.addInitScript(
      (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
      server.wsUrl,
    );
    await page.goto(messagesHref({ stream, seq, open: seq }));
    const detail = page.getByRole('region', { name: /^Message \d+$/ });
    await expect(detail).toHaveAttribute('data-seq', String(seq));
    return detail.getByRole('group', { name: 'Message kind' });
  }

  test('a TTL and a delete marker (API level 1, 2.11+)', async ({ page }) => {
    const jsm = await jetstreamManager(nc);
    const { version, level } = await serverFeatures(nc, jsm);
    skipIf(
      level < 1,
      `nats-server ${version} has JetStream API level ${level}: per-message TTLs and delete markers need level 1`,
    );
    // One message per subject keeps the 1 s TTL as given (otherwise the server raises it to
    // the marker TTL); the 60 s marker TTL keeps the marker readable while the test runs.
    await jsm.streams.add({
      name: 'kinds',
      subjects: ['k.>'],
      max_msgs_per_subject: 1,
      allow_msg_ttl: true,
      subject_delete_marker_ttl: 60e9,
      allow_direct: true,
    });
    const js = jetstream(nc);
    const kept = await js.publish('k.keep', 'kept for an hour', { ttl: '1h' });
    await js.publish('k.gone', 'gone in a second', { ttl: '1s' });
    let markerSeq = 0;
    await expect
      .poll(
        async () => {
          const m = await jsm.streams
            .getMessage('kinds', { last_by_subj: 'k.gone' })
            .catch(() => null);
          markerSeq = m?.header?.get('Nats-Marker-Reason') ? m.seq : 0;
          return markerSeq;
        },
        { timeout: 20_000, message: 'the server wrote no delete marker for k.gone' },
      )
      .toBeGreaterThan(0);

    const ttl = await open(page, 'kinds', kept.seq);
    await expect(ttl.getByRole('listitem')).toHaveText(['TTL 1h 00m']);
    await expect(ttl).toContainText('the server removes this message 1h 00m after it was stored');

    const marker = await open(page, 'kinds', markerSeq);
    await expect(marker.getByRole('listitem')).toHaveText(['delete marker · MaxAge']);
    await expect(marker).toContainText(
      'Delete marker: the server wrote this in place of the last message on this subject, which reached its age limit',
    );
  });

  test('a counter and schedules (API level 2, 2.12+)', async ({ page }) => {
    const jsm = await jetstreamManager(nc);
    const { version, level } = await serverFeatures(nc, jsm);
    skipIf(
      level < 2,
      `nats-server ${version} has JetStream API level ${level}: counters and message schedules need level 2`,
    );
    await jsm.streams.add({
      name: 'counters',
      subjects: ['c.>'],
      allow_msg_counter: true,
      allow_direct: true,
    });
    await jsm.streams.add({
      name: 'plans',
      subjects: ['p.>'],
      allow_msg_schedules: true,
      allow_direct: true,
    });
    const js = jetstream(nc);
    const incr = (by: string) => {
      const h = headers();
      h.set('Nats-Incr', by);
      return js.publish('c.tasks', '', { headers: h });
    };
    await incr('+5');
    const second = await incr('-2');
    const schedule = (subject: string, pattern: string, target: string, body: string) => {
      const h = headers();
      h.set('Nats-Schedule', pattern);
      h.set('Nats-Schedule-Target', target);
      return js.publish(subject, body, { headers: h });
    };
    const later = await schedule(
      'p.sched.later',
      `@at ${new Date(Date.now() + 3_600_000).toISOString()}`,
      'p.later',
      'in an hour',
    );
    await schedule(
      'p.sched.soon',
      `@at ${new Date(Date.now() + 1000).toISOString()}`,
      'p.fired',
      'now',
    );
    let firedSeq = 0;
    await expect
      .poll(
        async () => {
          const m = await jsm.streams
            .getMessage('plans', { last_by_subj: 'p.fired' })
            .catch(() => null);
          firedSeq = m?.seq ?? 0;
          return firedSeq;
        },
        { timeout: 20_000, message: 'the schedule did not fire' },
      )
      .toBeGreaterThan(0);

    const counter = await open(page, 'counters', second.seq);
    await expect(counter.getByRole('listitem')).toHaveText(['counter -2']);
    await expect(counter).toContainText(
      'Counter increment of -2 on this subject. The counter’s value after it: 3.',
    );

    const plan = await open(page, 'plans', later.seq);
    await expect(plan.getByRole('listitem')).toHaveText(['schedule']);
    await expect(plan).toContainText(
      'Message schedule: the server publishes this payload to p.later once, at ',
    );

    const fired = await open(page, 'plans', firedSeq);
    await expect(fired.getByRole('listitem')).toHaveText(['scheduled']);
    await expect(fired).toContainText(
      'Published by the message schedule on p.sched.soon. It was a one-off: the schedule was removed after it ran.',
    );
  });
});

test.describe('WebSocket origins, with the browser', () => {
  test('allowed_origins with the app’s origin: the app connects; a page of another origin is refused', async ({
    page,
    baseURL,
  }) => {
    const appOrigin = new URL(baseURL!).origin;
    const server = await startNatsServer({
      serverName: 'e2e-origins',
      websocketConfig: `allowed_origins: ["${appOrigin}"]`,
    });
    const nc = await connect({ servers: server.natsUrl });
    try {
      await jetstreamManager(nc).then((jsm) =>
        jsm.streams.add({ name: STREAM_NAME, subjects: ['agent.>'] }),
      );
      await page.addInitScript(
        (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
        server.wsUrl,
      );
      await page.goto('/stats');
      await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
        'data-state',
        'connected',
      );
      await expect(page.getByRole('button', { name: /^Connection:/ })).toContainText('e2e-origins');

      // Another origin: the nats-server's own monitoring page (another port, so another origin).
      await page.goto(`${server.httpUrl}/varz`);
      const outcome = await page.evaluate(
        (ws) =>
          new Promise<string>((resolve) => {
            const s = new WebSocket(ws);
            s.onopen = () => {
              resolve('open');
              s.close();
            };
            s.onerror = () => resolve('refused');
            setTimeout(() => resolve('timeout'), 10_000);
          }),
        server.wsUrl,
      );
      expect(outcome).toBe('refused');
    } finally {
      await nc.drain().catch(() => {});
      await server.stop();
    }
  });

  test('same_origin: the app behind one origin with the WebSocket connects; the app on its own port is refused', async ({
    page,
    baseURL,
  }) => {
    const server = await startNatsServer({
      serverName: 'e2e-same-origin',
      websocketConfig: 'same_origin: true',
    });
    const proxy = await startOneOriginProxy(Number(new URL(baseURL!).port), server.wsPort);
    const nc = await connect({ servers: server.natsUrl });
    try {
      await jetstreamManager(nc).then((jsm) =>
        jsm.streams.add({ name: STREAM_NAME, subjects: ['agent.>'] }),
      );
      // Page and WebSocket on the proxy's origin: what same_origin admits.
      await page.addInitScript(
        (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
        proxy.wsUrl,
      );
      await page.goto(`${proxy.url}/stats`);
      await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
        'data-state',
        'connected',
      );
      await expect(page.getByRole('button', { name: /^Connection:/ })).toContainText(
        'e2e-same-origin',
      );

      // The app on its own port, straight to the WebSocket's port: another origin, refused.
      const direct = await page.context().newPage();
      await direct.addInitScript(
        (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
        server.wsUrl,
      );
      await direct.goto('/stats');
      await expect(direct.getByRole('alert').first()).toContainText(
        `Cannot reach NATS over WebSocket at ${server.wsUrl}`,
      );
      await expect(direct.getByRole('button', { name: /^Connection:/ })).not.toHaveAttribute(
        'data-state',
        'connected',
      );
      expect(server.log()).toMatch(
        /websocket handshake error: origin not allowed: not same origin/,
      );
    } finally {
      await nc.drain().catch(() => {});
      await proxy.stop();
      await server.stop();
    }
  });
});
