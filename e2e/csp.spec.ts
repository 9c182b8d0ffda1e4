/**
 * The Content-Security-Policy covers everything that runs the app's code: every HTML response
 * (prefetches included) and every worker script — a dedicated worker takes its policy from its
 * own script's response, not from the page, and most stream reading happens in workers. The
 * pages then run under it with no violation, in the page or in its workers.
 */
import type { APIResponse, Page, Worker } from '@playwright/test';
import { test, expect } from './fixtures';
import { natsConnectSources } from '../lib/csp';

const WS_URL = process.env.E2E_WS_URL ?? '';

/** The sources of one directive of a policy (undefined when the policy lacks it). */
function directive(csp: string, name: string): string[] | undefined {
  for (const part of csp.split(';')) {
    const [n, ...sources] = part.trim().split(/\s+/);
    if (n === name) return sources;
  }
  return undefined;
}

/** What connect-src must be: the app's origin and the configured NATS server, nothing else. */
const expectedConnectSrc = () => ["'self'", ...natsConnectSources({ NATS_WS_URL: WS_URL })];

function expectPolicy(r: APIResponse, what: string): string {
  const csp = r.headers()['content-security-policy'];
  expect(csp, `${what}: no Content-Security-Policy header`).toBeDefined();
  expect(directive(csp!, 'connect-src'), what).toEqual(expectedConnectSrc());
  expect(directive(csp!, 'script-src')?.join(' '), what).not.toMatch(/unsafe-(eval|inline)/);
  return csp!;
}

/** Every worker `page` starts, from now on. */
function collectWorkers(page: Page): Worker[] {
  const workers: Worker[] = [];
  page.on('worker', (w) => workers.push(w));
  return workers;
}

async function loadRows(page: Page, path: '/messages' | '/replay' | '/timeline') {
  await page.goto(path === '/replay' ? '/replay?from=1&to=400' : path);
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
    'data-state',
    'connected',
  );
  if (path === '/messages')
    await expect(page.locator('[role="row"][data-seq]').first()).toBeVisible();
  if (path === '/replay')
    await expect(page.getByRole('status', { name: 'Replay summary' })).toContainText('400 events');
  if (path === '/timeline')
    await expect(
      page.locator('[aria-label="Recent events"] [role=row][data-seq]').first(),
    ).toBeVisible();
}

test('every worker script the pages start is served with the CSP', async ({ page, request }) => {
  const workers = collectWorkers(page);
  const scripts = new Set<string>();
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.add(r.url());
  });
  await loadRows(page, '/messages');
  await loadRows(page, '/timeline');
  const urls = [...new Set(workers.map((w) => w.url()))];
  expect(urls.length, 'the pages started no worker').toBeGreaterThan(0);
  for (const url of urls) {
    // A plain request (no Sec-Fetch-Dest): over plain HTTP to a non-local host the browser sends none.
    const r = await request.get(url);
    expect(r.ok(), url).toBe(true);
    expectPolicy(r, url);
    // Never cached for good: the policy follows NATS_WS_URL, which can change under the same build.
    expect(r.headers()['cache-control'], url).toBe('no-store');
  }
  // Any other script, when a browser fetches it as a worker (webpack builds, `next dev`), too.
  const chunk = [...scripts].find(
    (u) => u.includes('/_next/static/') && !urls.some((w) => w.startsWith(u)),
  );
  expect(chunk, 'the page loaded no script of its own').toBeDefined();
  expectPolicy(
    await request.get(chunk!, { headers: { 'Sec-Fetch-Dest': 'worker' } }),
    `${chunk} as a worker`,
  );
});

/** Opens a WebSocket to `url` from `where` (the page or a worker); what happened, and why. */
function tryWebSocket(where: Pick<Worker, 'evaluate'>, url: string) {
  return where.evaluate(
    (u: string) =>
      new Promise<{ opened: boolean; error?: string; violations: string[] }>((resolve) => {
        const violations: string[] = [];
        const onViolation = (e: SecurityPolicyViolationEvent) =>
          violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
        self.addEventListener('securitypolicyviolation', onViolation);
        // A short pause after the outcome: the violation event is queued as a task of its own.
        const done = (opened: boolean, error?: string) =>
          setTimeout(() => {
            self.removeEventListener('securitypolicyviolation', onViolation);
            resolve({ opened, error, violations });
          }, 200);
        try {
          const ws = new WebSocket(u);
          ws.onopen = () => {
            ws.close();
            done(true);
          };
          ws.onerror = () => done(false, 'error event');
        } catch (e) {
          done(false, String(e));
        }
      }),
    url,
  );
}

test('inside a worker of the page, a WebSocket to an unlisted host:port is refused by the CSP; the configured NATS URL opens', async ({
  page,
}) => {
  const workers = collectWorkers(page);
  await loadRows(page, '/timeline');
  const worker = workers.find((w) => new URL(w.url()).pathname.startsWith('/_next/static/'));
  expect(
    worker,
    `no worker of the app among ${workers.map((w) => w.url()).join(', ')}`,
  ).toBeDefined();
  // The configured server under a name the policy does not list: only the policy can refuse it.
  const unlisted = `ws://localhost:${new URL(WS_URL).port}`;
  for (const [where, name] of [
    [page, 'page'],
    [worker!, 'worker'],
  ] as const) {
    expect(await tryWebSocket(where, WS_URL), `${name}: the configured NATS URL`).toMatchObject({
      opened: true,
      violations: [],
    });
    const blocked = await tryWebSocket(where, unlisted);
    expect(blocked.opened, `${name}: ${unlisted} opened`).toBe(false);
    expect(blocked.violations, `${name}: ${unlisted}`).toContainEqual(
      expect.stringMatching(/^connect-src ws:\/\/localhost/),
    );
  }
});

test('HTML requested as a prefetch carries the CSP, with the nonce its scripts use', async ({
  request,
}) => {
  const prefetches: Record<string, string>[] = [
    { Purpose: 'prefetch' },
    { 'Sec-Purpose': 'prefetch' },
    { 'Next-Router-Prefetch': '1' },
  ];
  for (const headers of prefetches) {
    for (const path of ['/', '/messages', '/timeline']) {
      const what = `${path} with ${JSON.stringify(headers)}`;
      const r = await request.get(path, { headers });
      expect(r.headers()['content-type'], what).toContain('text/html');
      const csp = expectPolicy(r, what);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, what).toBeDefined();
      expect(await r.text(), what).toContain(`nonce="${nonce}"`);
    }
  }
});

/**
 * Reports CSP violations in a worker to the console, where the test sees them (Chromium logs
 * none for a blocked eval). Attached when Playwright reports the worker, so it sees what the
 * worker does from then on (its reads, reconnects); its first moments can slip by. zod, whose
 * eval probe caused the pages' violations, is not in the workers' bundles. (Adding this up front by
 * intercepting the worker's script with page.route broke the workers: /replay never loaded.)
 */
function probeWorker(worker: Worker) {
  void worker
    .evaluate(() => {
      self.addEventListener('securitypolicyviolation', (e) =>
        console.error(
          `Content Security Policy violation in a worker: ${e.effectiveDirective} ${e.blockedURI}`,
        ),
      );
      console.info('csp probe installed');
    })
    .catch(() => {}); // the worker ended first (a spare reader dropped with its page)
}

test('no CSP violation on /messages, /replay and /timeline once their rows are loaded, in the page or its workers', async ({
  page,
}) => {
  const violations: string[] = [];
  let probes = 0;
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    if (m.text() === 'csp probe installed') probes++;
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `Content Security Policy violation in the page: ${e.effectiveDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  const workers = collectWorkers(page);
  page.on('worker', probeWorker);
  for (const path of ['/messages', '/replay', '/timeline'] as const) {
    await loadRows(page, path);
    // The reads go on after the first rows (more pages, the timeline's backfill).
    await page.waitForTimeout(1500);
  }
  expect(workers.length, 'the pages started no worker').toBeGreaterThan(0);
  expect(probes, 'no worker got the probe').toBeGreaterThan(0);
  expect(violations).toEqual([]);
});
