/**
 * Issue #17 item 1, in the browser: closing the tab while a replay load, a search or the
 * timeline reads leaves no consumer on the server 10 s later (on `pagehide` the tab deletes
 * its own and its workers' consumers on its connection: lib/stream/tab-consumers.ts).
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { test, expect } from './fixtures';
import { CONSUMER_NAME, STREAM_NAME } from '../lib/agents/schema';

const N = 40_000;

test('closing the tab mid-read leaves no consumer behind', async ({ browser, privateNats }) => {
  test.setTimeout(120_000);
  const { nc } = privateNats;
  const js = jetstream(nc);
  for (let i = 1; i <= N; i += 1000) {
    await Promise.all(
      Array.from({ length: 1000 }, (_, k) => {
        const body = {
          id: `m-${i + k}`,
          sender_id: 'a1',
          recipient_id: null,
          content: `message ${i + k}`,
          message_type: (i + k) % 4 ? 'answer' : 'question',
          created_at: new Date().toISOString(),
        };
        return js.publish(`agent.message.planner.${body.message_type}`, JSON.stringify(body));
      }),
    );
  }
  const jsm = await jetstreamManager(nc);
  const others = async () => {
    const names: string[] = [];
    for await (const c of jsm.consumers.list(STREAM_NAME))
      if (c.name !== CONSUMER_NAME) names.push(c.name);
    return names;
  };
  for (const url of [`/replay?from=1&to=${N}`, '/messages?q=type:question', '/timeline']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await privateNats.attach(page);
    await page.goto(url);
    // A consumer of the page's is reading: close the tab now.
    await expect.poll(others, { timeout: 30_000, intervals: [20] }).not.toEqual([]);
    // As closing a tab does: pagehide runs (the page asks its reader worker to delete its consumer).
    await page.close({ runBeforeUnload: true });
    const closedAt = Date.now();
    await new Promise((r) => setTimeout(r, Math.max(0, closedAt + 10_000 - Date.now())));
    expect(await others(), url).toEqual([]);
    await context.close();
  }
});
