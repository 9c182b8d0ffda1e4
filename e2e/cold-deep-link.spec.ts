/**
 * Issue #19: a cold deep link's connection starts as the client code runs, before React
 * hydrates (client-registry.ts `connectEarly`), so the WebSocket handshake overlaps hydration;
 * the document itself opens the socket while the scripts load and the client takes it over
 * (lib/nats/early-socket.ts).
 */
import { test, expect } from './fixtures';

test('a cold deep link starts connecting before hydration', async ({ page }) => {
  await page.goto('/messages?seq=1234');
  await expect(page.locator('[role="row"][data-seq="1234"]')).toBeVisible();
  const marks = await page.evaluate(() =>
    Object.fromEntries(
      performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const),
    ),
  );
  expect(marks['ar:connect-start']).toBeLessThan(marks['ar:hydrated'] ?? 0);
});

test('the document opens the WebSocket before the client code runs, and the client uses that one', async ({
  page,
}) => {
  // Every WebSocket the page opens, with its time (an init script runs before the document's).
  await page.addInitScript(() => {
    const opened: { url: string; at: number }[] = [];
    (window as unknown as { __sockets: typeof opened }).__sockets = opened;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        opened.push({ url: String(url), at: performance.now() });
      }
    };
  });
  await page.goto('/messages?seq=1234');
  await expect(page.locator('[role="row"][data-seq="1234"]')).toBeVisible();
  const r = await page.evaluate(() => ({
    sockets: (window as unknown as { __sockets: { url: string; at: number }[] }).__sockets,
    connectStart: performance.getEntriesByName('ar:connect-start', 'mark')[0]?.startTime ?? NaN,
    connected: performance.getEntriesByName('ar:connected', 'mark')[0]?.startTime ?? NaN,
  }));
  expect(r.sockets).toHaveLength(1);
  expect(r.sockets[0]!.at).toBeLessThan(r.connectStart);
  expect(r.connected).toBeGreaterThan(r.connectStart);
});

/**
 * Splits what the server sent into whole protocol operations (MSG/HMSG with their payloads,
 * one-line ones otherwise); an incomplete tail stays for the next frame.
 */
function natsOps(buf: Buffer): { ops: Buffer[]; rest: Buffer } {
  const ops: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol < 0) break;
    const line = buf.subarray(at, eol).toString('latin1');
    let end = eol + 2;
    if (/^H?MSG /.test(line)) {
      // The last field is the byte count that follows the line (HMSG: header + payload).
      end += Number(line.split(' ').pop()) + 2;
      if (end > buf.length) break;
    }
    ops.push(buf.subarray(at, end));
    at = end;
  }
  return { ops, rest: buf.subarray(at) };
}

test("a cold deep link's row shows before the page's STREAM.INFO is answered", async ({ page }) => {
  // The app's socket goes through this proxy, which holds back every STREAM.INFO answer: the
  // target is read by its own direct get, and must not wait for the stream's bounds.
  const infoInboxes = new Set<string>();
  const held: Buffer[] = [];
  let release: (() => void) | null = null;
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    let rest: Buffer = Buffer.alloc(0);
    ws.onMessage((m) => {
      const text = typeof m === 'string' ? m : m.toString('latin1');
      for (const r of text.matchAll(/PUB \$JS\.API\.STREAM\.INFO\.\S+ (\S+) \d+\r\n/g))
        infoInboxes.add(r[1]!);
      server.send(m);
    });
    server.onMessage((m) => {
      const parsed = natsOps(Buffer.concat([rest, typeof m === 'string' ? Buffer.from(m) : m]));
      rest = parsed.rest;
      const pass = parsed.ops.filter((op) => {
        const subject = op.toString('latin1', 0, 200).split(' ')[1] ?? '';
        const hold = /^H?MSG /.test(op.toString('latin1', 0, 5)) && infoInboxes.has(subject);
        if (hold) held.push(op);
        return !hold;
      });
      if (pass.length) ws.send(Buffer.concat(pass));
    });
    release = () => held.length && ws.send(Buffer.concat(held.splice(0)));
  });
  await page.goto('/messages?seq=1234');
  await expect(page.locator('[role="row"][data-seq="1234"]')).toBeVisible();
  expect(held.length).toBeGreaterThan(0);
  // The stream's bounds answered: the pages around the target are read as before.
  (release as (() => void) | null)?.();
  await expect(page.locator('[role="row"][data-seq="1233"]')).toBeAttached();
  await expect(page.locator('[role="row"][data-seq="1235"]')).toBeAttached();
});
