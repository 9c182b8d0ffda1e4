/**
 * Failover end to end, on a 3-node JetStream cluster (stream at R3) of this spec's own, the
 * browser given all three WebSocket URLs: kill the server the browser is connected to
 * (a) while a replay loads, (b) while the live timeline runs; (c) restart a lone server.
 * The shared agent-messages of the other specs is not touched.
 */
import type { Page } from '@playwright/test';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { test, expect } from './fixtures';
import { startNatsCluster, waitStreamSettled, type NatsCluster } from '../server/nats/cluster';
import { startNatsServer, type NatsServer } from '../server/nats/launcher';
import { setupAll } from '../server/simulator/setup';
import { backfill } from '../server/simulator/backfill';
import { STREAM_NAME } from '../lib/agents/schema';
import net from 'node:net';

/** A TCP proxy to 127.0.0.1:port that forwards server→client at most `bytesPerSec`. */
function throttledProxy(
  port: string,
  bytesPerSec: number,
): Promise<{ url: string; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      upstream.pause();
      client.write(chunk);
      setTimeout(() => upstream.resume(), (chunk.length / bytesPerSec) * 1000);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('close', end).on('error', end);
    client.on('close', end).on('error', end);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address() as net.AddressInfo;
      resolve({
        url: `ws://127.0.0.1:${a.port}`,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      });
    }),
  );
}

const N = 30_000;
test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

let cluster: NatsCluster;
let admin: NatsConnection;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startNatsCluster({ namePrefix: 'e2e-fo' });
  admin = await connect({ servers: cluster.natsUrls, maxReconnectAttempts: -1 });
  await setupAll(admin, { replicas: 3 });
  // Newer servers answer the create before the R3 stream has a leader (publishes would find no responder).
  await waitStreamSettled(admin, 'agent-messages');
  await backfill(admin, { count: N, seed: 7, spanMs: 2 * 3600_000 });
});
test.afterAll(async () => {
  await admin?.close();
  await cluster?.stop();
});

/**
 * Until the cluster is whole again after a restart: a meta leader, JetStream on everywhere,
 * and the stream's replicas caught up. nats-server 2.9.10 sometimes leaves the restarted
 * node's replica behind for good (lagging, its last contact with the leader before the kill;
 * seen after case (b)); a leader step-down, as an operator would do with `nats stream cluster
 * step-down`, makes the new leader catch it up. Logs what it took (a slow settle shows in CI).
 */
async function settled() {
  const t0 = Date.now();
  await cluster.waitReady(120_000);
  const t1 = Date.now();
  let stepDown = '';
  try {
    await waitStreamSettled(admin, STREAM_NAME, 20_000);
  } catch (e) {
    stepDown = ` after a leader step-down (${e instanceof Error ? e.message : String(e)})`;
    await admin.request(`$JS.API.STREAM.LEADER.STEPDOWN.${STREAM_NAME}`, undefined, {
      timeout: 5000,
    });
    await waitStreamSettled(admin, STREAM_NAME, 100_000);
  }
  console.log(
    `[failover] cluster ready in ${t1 - t0} ms, stream settled ${Date.now() - t1} ms later${stepDown}`,
  );
}

async function attachCluster(page: Page) {
  await page.addInitScript(
    (urls) => localStorage.setItem('agent-replay.servers', JSON.stringify(urls)),
    cluster.wsUrls,
  );
}

/** The cluster node the browser's NATS connection is on now. */
async function connectedNode(page: Page) {
  const url = await page.evaluate(
    () =>
      (
        window as unknown as {
          __agentReplay?: { client: { getSnapshot(): { server: { url: string } | null } } };
        }
      ).__agentReplay?.client.getSnapshot().server?.url ?? '',
  );
  const node = cluster.nodeFor(url);
  if (!node) throw new Error(`browser is not connected to a cluster node (${url})`);
  return node;
}

test('(a) killing the connected server while a replay loads: the replay completes with every sequence exactly once', async ({
  page,
}) => {
  // The browser reaches each node through a bandwidth-limited proxy (1 MB/s), so the
  // 30,000-message read is still running when its server dies.
  const proxies = await Promise.all(
    cluster.nodes.map((n) => throttledProxy(new URL(n.wsUrl).port, 1_000_000)),
  );
  await page.addInitScript(
    (urls) => localStorage.setItem('agent-replay.servers', JSON.stringify(urls)),
    proxies.map((p) => p.url),
  );
  await page.goto(`/replay?from=1&to=${N}`);
  // Kill once events are arriving (the read's consumer exists and is delivering), not after a
  // fixed delay: under load a fixed delay may still fall before the read has begun.
  const summary = page.getByRole('status', { name: 'Replay summary' });
  await expect(summary).toContainText(/ events, seq 1–/, { timeout: 60_000 });
  const at = await page.evaluate(
    () =>
      (
        window as unknown as {
          __agentReplay?: { client: { getSnapshot(): { server: { url: string } | null } } };
        }
      ).__agentReplay?.client.getSnapshot().server?.url ?? '',
  );
  const victim =
    cluster.nodes[proxies.findIndex((p) => at && p.url.endsWith(at))] ?? cluster.nodeFor(at);
  if (!victim) throw new Error(`the browser is not connected to a cluster node (${at})`);
  const before = (await summary.textContent()) ?? '';
  const killedAt = Date.now();
  await victim.kill();
  // The read had not finished when the server died (otherwise this would prove nothing).
  expect(before, 'the replay was still loading at the kill').not.toContain(
    `${N.toLocaleString('en-US')} events`,
  );
  test.info().annotations.push({ type: 'at kill', description: before });
  // Failover: reconnect (~1–2 s), a JetStream API request lost with the dead server (5 s
  // timeout, retried), possibly a meta-leader election; then the rest at 1 MB/s.
  await expect(summary).toContainText(`${N.toLocaleString('en-US')} events, seq 1–${N}`, {
    timeout: 120_000,
  });
  console.log(
    `[failover] (a) killed ${victim.name} at "${before}"; the replay completed ${Date.now() - killedAt} ms later`,
  );
  await expect(page.getByText(/Reading…/)).toHaveCount(0);
  await expect(page.getByText(/Could not read the range/)).toHaveCount(0);
  // Every sequence exactly once, in order: the exported range lists 1…N with no gap and no repeat.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export NDJSON' }).click();
  const file = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  const seqs = (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { seq: number }).seq);
  expect(seqs.length).toBe(N);
  expect(seqs.every((s, i) => s === i + 1)).toBe(true);
  for (const p of proxies) p.close();
  await victim.restart();
  // The next case needs a whole cluster again: the restarted node's stream replica caught up.
  await settled();
});

test('(b) killing the connected server while the live timeline runs: a gap is marked, then nothing missing and no duplicate', async ({
  page,
}) => {
  await attachCluster(page);
  await page.goto('/timeline?window=1h');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  const jsm = await jetstreamManager(admin);
  const js = jetstream(admin);
  let stop = false;
  let published = 0;
  // Live traffic from Node, retried with the same Nats-Msg-Id until acked (no double writes).
  const publisher = (async () => {
    while (!stop) {
      const h = headers();
      h.set('Nats-Msg-Id', `fo-live-${published}`);
      for (;;) {
        try {
          await js.publish(
            `agent.status.fo-agent-${published % 3}.online`,
            JSON.stringify({
              id: `s${published}`,
              agent_id: `fo-agent-${published % 3}`,
              status: 'online',
              created_at: new Date().toISOString(),
            }),
            { headers: h, timeout: 2000 },
          );
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      published++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const lastSeqShown = async () =>
    Number(
      ((await page.getByRole('group', { name: 'Timeline figures' }).textContent()) ?? '')
        .match(/last seq ([\d,]+)/)?.[1]
        ?.replace(/,/g, '') ?? 0,
    );
  await expect.poll(lastSeqShown, { timeout: 60_000 }).toBeGreaterThan(N + 50);
  const victim = await connectedNode(page);
  await victim.kill();
  await expect(page.getByRole('group', { name: 'Timeline figures' })).toContainText(
    /reconnect gap/,
    { timeout: 30_000 },
  );
  const afterKill = published;
  await expect.poll(() => published, { timeout: 60_000 }).toBeGreaterThan(afterKill + 100);
  stop = true;
  await publisher;
  const info = await jsm.streams.info(STREAM_NAME);
  expect(info.state.last_seq).toBe(N + published);
  await expect.poll(lastSeqShown, { timeout: 30_000 }).toBe(info.state.last_seq);
  const counters = page.getByRole('group', { name: 'Timeline figures' });
  await expect(counters).not.toContainText('sequence anomalies');
  await expect(
    counters
      .getByRole('group', { name: 'Total', exact: true })
      .getByText(info.state.messages.toLocaleString('en-US'), { exact: true }),
  ).toBeVisible();
  await victim.restart();
  // The next case needs a whole cluster again: the restarted node's stream replica caught up.
  await settled();
});

/** A lone nats-server (no cluster) with `count` simulator messages; the page will connect to it. */
async function loneServer(
  page: Page,
  serverName: string,
  count: number,
  seed: number,
): Promise<NatsServer> {
  const server = await startNatsServer({ serverName });
  const nc = await connect({ servers: server.natsUrl });
  await setupAll(nc);
  await backfill(nc, { count, seed, spanMs: 600_000 });
  await nc.close();
  await page.addInitScript(
    (ws) => localStorage.setItem('agent-replay.servers', JSON.stringify([ws])),
    server.wsUrl,
  );
  return server;
}

/** The same server started again after a kill: same ports and store. */
function restart(first: NatsServer, serverName: string): Promise<NatsServer> {
  return startNatsServer({
    serverName,
    port: first.port,
    wsPort: first.wsPort,
    httpPort: first.httpPort,
    storeDir: first.storeDir,
  });
}

test('(c) restarting a lone server: the reconnect banner shows, then the app recovers without a reload', async ({
  page,
}) => {
  const first = await loneServer(page, 'e2e-restart', 200, 3);
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  await expect(page.getByRole('group', { name: 'Stream figures' })).toContainText('200');
  const marker = await page.evaluate(
    () => ((window as unknown as { __noReload: number }).__noReload = Math.random()),
  );
  await first.kill();
  await expect(
    page.getByRole('status').filter({ hasText: 'Connection to NATS lost — reconnecting…' }),
  ).toBeVisible();
  const second = await restart(first, 'e2e-restart');
  try {
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'connected',
      { timeout: 30_000 },
    );
    await expect(page.getByText('Connection to NATS lost — reconnecting…')).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Stream figures' })).toContainText('200');
    expect(
      await page.evaluate(() => (window as unknown as { __noReload: number }).__noReload),
    ).toBe(marker);
  } finally {
    await second.stop();
    await first.stop(); // the killed server's temp dir, with the store the restart used
  }
});

test('(d) a seek made while NATS is away is read once the server is back', async ({ page }) => {
  const first = await loneServer(page, 'e2e-seek-down', 300, 5);
  await page.goto('/messages?seq=250&order=asc');
  await expect(page.locator('[role="row"][data-seq="250"]')).toBeVisible();
  await first.kill();
  await expect(
    page.getByRole('status').filter({ hasText: 'Connection to NATS lost — reconnecting…' }),
  ).toBeVisible();
  await page.getByLabel('Go to sequence').fill('20');
  await page.getByLabel('Go to sequence').press('Enter');
  // The read cannot be answered while the server is down.
  await expect(page.getByText('Reading failed')).toBeVisible({ timeout: 30_000 });
  const second = await restart(first, 'e2e-seek-down');
  try {
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'connected',
      { timeout: 30_000 },
    );
    await expect(page.locator('[role="row"][data-seq="20"]')).toBeVisible({ timeout: 15_000 });
    // Reading goes on: scrolled down, the view reaches the last message (300) with no error
    // left (a page asked for during the outage fails only later, and is read again by itself).
    // A test id: the grid's scroll box has no name a user perceives; the test scrolls it directly.
    const scroller = page.getByTestId('message-scroller');
    await expect
      .poll(
        async () => {
          await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
          return page.locator('[role="row"][data-seq="300"]').count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await expect(page.getByText('Reading failed')).toHaveCount(0, { timeout: 15_000 });
  } finally {
    await second.stop();
    await first.stop(); // the killed server's temp dir, with the store the restart used
  }
});

test('stats shows the clustered stream’s placement: its leader and the other two replicas', async ({
  page,
}) => {
  await settled();
  const jsm = await jetstreamManager(admin);
  const placement = (await jsm.streams.info(STREAM_NAME)).cluster;
  expect(placement?.leader).toBeTruthy();
  await attachCluster(page);
  await page.goto('/stats');
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  const box = page.getByText(/Cluster .* · leader/);
  await expect(box).toContainText(`leader ${placement?.leader ?? ''}`);
  for (const r of placement?.replicas ?? []) {
    const row = page.getByRole('listitem').filter({ hasText: r.name });
    await expect(row).toContainText(/current|catching up/);
  }
  expect(placement?.replicas?.length).toBe(2);
});
