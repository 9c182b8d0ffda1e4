/**
 * In-page measurement probes: main-thread long tasks (PerformanceObserver 'longtask') and
 * JS heap after a forced GC (CDP), plus "wait until this selector is in the DOM" timed in the
 * page itself so Playwright's round trips do not count.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';

/** Records every long task of every page of the context into window.__benchLongTasks. */
export async function installProbes(context: BrowserContext): Promise<void> {
  // tsx compiles this file with esbuild's keepNames, which wraps named functions inside the
  // callbacks we send to the page in `__name(...)`; the page needs that helper too.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  await context.addInitScript(() => {
    type Client = { getSnapshot(): { state: string }; subscribe(l: () => void): () => void };
    const w = window as unknown as {
      __benchLongTasks: [number, number][];
      __benchConnectedAt?: number;
      __agentReplay?: { client: Client };
    };
    w.__benchLongTasks = [];
    // When the app's NATS connection came up (page clock), so reads can be timed from there.
    const watch = setInterval(() => {
      const c = w.__agentReplay?.client;
      if (!c) return;
      clearInterval(watch);
      const check = () => {
        if (w.__benchConnectedAt === undefined && c.getSnapshot().state === 'connected')
          w.__benchConnectedAt = performance.now();
      };
      check();
      c.subscribe(check);
    }, 2);
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__benchLongTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // longtask unsupported: the figure stays 0 and the report says so
    }
  });
}

/** Opens `path` and waits until the app's NATS connection is up (its own client, not a guess). */
export async function gotoConnected(page: Page, path: string, timeout = 20_000): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(
    () =>
      (
        window as unknown as {
          __agentReplay?: { client: { getSnapshot(): { state: string } } };
        }
      ).__agentReplay?.client.getSnapshot().state === 'connected',
    null,
    { timeout },
  );
}

/** performance.now() in the page. */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/**
 * Main-thread tasks that started at or after `since` (page clock): the longest (ms) and how
 * many took over `overMs`.
 */
export async function longTasksSince(
  page: Page,
  since: number,
  overMs = 50,
): Promise<{ longest: number; over: number }> {
  return page.evaluate(
    ({ t, overMs }) => {
      const w = window as unknown as { __benchLongTasks?: [number, number][] };
      let longest = 0;
      let over = 0;
      for (const [s, d] of w.__benchLongTasks ?? []) {
        if (s < t) continue;
        longest = Math.max(longest, d);
        if (d > overMs) over++;
      }
      return { longest, over };
    },
    { t: since, overMs },
  );
}

/**
 * Heap (MB, after a full GC) of a page, of its dedicated workers, and both; `kinds` splits the
 * total into V8's JS heap, array-buffer and external-string storage, and Blink's heap (DOM).
 */
export type PageHeap = {
  page: number;
  workers: number;
  total: number;
  workerCount: number;
  kinds: { js: number; buffers: number; dom: number };
};

type HeapUsage = { usedSize: number; backingStorageSize?: number; embedderHeapUsedSize?: number };

/**
 * The heap of a page and of every dedicated worker it started, in MB after a full GC in each
 * (the app reads in a reader worker and paints the timeline in workers; `performance.memory`
 * and the page's own `Runtime.getHeapUsage` count the page's isolate only). Each counts its JS
 * heap, the array buffers and external strings it holds (payload bytes live there, outside the
 * JS heap) and its Blink heap (DOM objects), as `measureUserAgentSpecificMemory` would. Workers are reached
 * over the DevTools protocol: Playwright's CDP sessions take a page or frame, not a worker, so
 * the page's session auto-attaches to its workers unflattened and talks to each through
 * `Target.sendMessageToTarget`. Workers started by workers are not counted (the app has none).
 */
export async function heapOfPageAndWorkers(page: Page, timeoutMs = 60_000): Promise<PageHeap> {
  const cdp = await page.context().newCDPSession(page);
  const sessions: string[] = [];
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 0;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') sessions.push(e.sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p || m.id === undefined) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  });
  const inWorker = <T>(sessionId: string, method: string): Promise<T> => {
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      // A worker answers between its tasks: a stuck one must not hang the run.
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`worker did not answer ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      cdp
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params: {} }),
        })
        .catch((e: Error) => pending.get(id)?.reject(e));
    });
  };
  try {
    // Existing workers are attached (their events sent) before this answers.
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      flatten: false,
      waitForDebuggerOnStart: false,
    });
    // Playwright tracks the page's dedicated workers too: wait (briefly) until we have them all.
    const known = page.workers().length;
    for (let i = 0; i < 20 && sessions.length < known; i++)
      await new Promise((r) => setTimeout(r, 50));
    if (sessions.length < known)
      throw new Error(`attached to ${sessions.length} of the page's ${known} workers`);
    const used = async (gc: () => Promise<unknown>, usage: () => Promise<HeapUsage>) => {
      await gc();
      const u = await usage();
      return {
        js: u.usedSize / 2 ** 20,
        buffers: (u.backingStorageSize ?? 0) / 2 ** 20,
        dom: (u.embedderHeapUsedSize ?? 0) / 2 ** 20,
      };
    };
    const [pageUse, ...workerUse] = await Promise.all([
      used(
        () => cdp.send('HeapProfiler.collectGarbage'),
        () => cdp.send('Runtime.getHeapUsage'),
      ),
      ...sessions.map((s) =>
        used(
          () => inWorker(s, 'HeapProfiler.collectGarbage'),
          () => inWorker<HeapUsage>(s, 'Runtime.getHeapUsage'),
        ),
      ),
    ]);
    const sum = (u: { js: number; buffers: number; dom: number }) => u.js + u.buffers + u.dom;
    const all = [pageUse, ...workerUse].filter((u) => u !== undefined);
    const kinds = {
      js: all.reduce((a, u) => a + u.js, 0),
      buffers: all.reduce((a, u) => a + u.buffers, 0),
      dom: all.reduce((a, u) => a + u.dom, 0),
    };
    const pageHeap = pageUse ? sum(pageUse) : 0;
    const workers = workerUse.reduce((a, u) => a + sum(u), 0);
    return {
      page: pageHeap,
      workers,
      total: pageHeap + workers,
      workerCount: sessions.length,
      kinds,
    };
  } finally {
    await cdp
      .send('Target.setAutoAttach', {
        autoAttach: false,
        flatten: false,
        waitForDebuggerOnStart: false,
      })
      .catch(() => {});
    for (const sessionId of sessions)
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    await cdp.detach().catch(() => {});
  }
}

/** Page + workers heap (MB after a full GC in each): the figure every heap row reports. */
export async function heapMB(page: Page): Promise<number> {
  return (await heapOfPageAndWorkers(page)).total;
}

/** How much of a heap figure was the workers' (and of what kind), for a row's detail. */
export function heapDetail(h: PageHeap): string {
  const mb = (n: number) => `${n.toFixed(1)} MB`;
  const who =
    h.workerCount === 0
      ? `page ${mb(h.page)}, no workers`
      : `page ${mb(h.page)} + ${h.workerCount} worker${h.workerCount === 1 ? '' : 's'} ${mb(h.workers)}`;
  const k = h.kinds;
  return `${who}: JS ${k.js.toFixed(1)} + array buffers ${k.buffers.toFixed(1)} + DOM ${k.dom.toFixed(1)}`;
}

/**
 * Runs `action` in the page and resolves with the ms until `selector` matches an element
 * (MutationObserver + a final rAF so the rows were laid out). Rejects after `timeoutMs`.
 */
export async function timeUntilSelector(
  page: Page,
  action: string,
  selector: string,
  timeoutMs = 15_000,
): Promise<number> {
  return page.evaluate(
    async ({ action, selector, timeoutMs }) => {
      const t0 = performance.now();
      let obsCheck = () => {};
      const found = new Promise<number>((resolve, reject) => {
        const done = () => requestAnimationFrame(() => resolve(performance.now() - t0));
        const check = () => {
          if (document.querySelector(selector)) {
            obs.disconnect();
            clearTimeout(timer);
            done();
          }
        };
        obsCheck = check;
        const obs = new MutationObserver(check);
        const timer = setTimeout(() => {
          obs.disconnect();
          reject(new Error(`"${selector}" did not appear within ${timeoutMs} ms`));
        }, timeoutMs);
        obs.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
      });
      if (document.querySelector(selector))
        throw new Error(`"${selector}" matched before the action`);
      new Function(action)();
      queueMicrotask(() => {
        if (document.querySelector(selector)) obsCheck();
      });
      return found;
    },
    { action, selector, timeoutMs },
  );
}

/** Main-thread time (ms) by kind, from Chromium's own counters (CDP Performance.getMetrics). */
export type MainThreadTime = { task: number; script: number; style: number; layout: number };

/**
 * Starts Chromium's main-thread counters for `page`; `stop()` gives the time spent since, in
 * CPU-bound work of the page's own thread (not time waiting for a core), so a figure per frame
 * compares builds of the app even when the machine's load swings.
 */
export async function mainThreadMeter(page: Page): Promise<{ stop(): Promise<MainThreadTime> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const read = async (): Promise<MainThreadTime> => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[];
    };
    const m = (n: string) => (metrics.find((x) => x.name === n)?.value ?? 0) * 1000;
    return {
      task: m('TaskDuration'),
      script: m('ScriptDuration'),
      style: m('RecalcStyleDuration'),
      layout: m('LayoutDuration'),
    };
  };
  const t0 = await read();
  return {
    async stop() {
      const t1 = await read();
      await cdp.detach().catch(() => {});
      return {
        task: t1.task - t0.task,
        script: t1.script - t0.script,
        style: t1.style - t0.style,
        layout: t1.layout - t0.layout,
      };
    },
  };
}

/** CPU seconds so far of each of the browser's renderer processes (by process id). */
export type RendererCpu = Map<number, number>;

/**
 * Every renderer process's CPU time so far (CDP `SystemInfo.getProcessInfo`, browser-wide): a
 * page and its dedicated workers run in its renderer, so the change over a measurement is what
 * that page cost in CPU, whatever the machine's load did to its wall time.
 */
export async function rendererCpu(browser: Browser): Promise<RendererCpu> {
  const s = await browser.newBrowserCDPSession();
  try {
    const r = (await s.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number; cpuTime: number }[];
    };
    return new Map(
      r.processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]),
    );
  } finally {
    await s.detach().catch(() => {});
  }
}

/** CPU seconds the renderers used from `a` to `b` (a process started meanwhile counts from 0). */
export function rendererCpuDelta(a: RendererCpu, b: RendererCpu): number {
  let s = 0;
  for (const [id, t] of b) s += Math.max(0, t - (a.get(id) ?? 0));
  return s;
}
