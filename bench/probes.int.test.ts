/**
 * The heap probe against a real Chromium: a worker that holds 50 MB must show in the figure
 * (the page's own heap does not see it), and every worker of the page is counted.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '../server/chromium';
import { heapOfPageAndWorkers } from './probes';

const exe = chromiumPath();

// 50 arrays of 131,072 doubles (8 bytes each, unboxed): 50 MB of JS heap in the worker.
// 'bytes': a 50 MB Uint8Array, whose storage lies outside the JS heap (payload bytes do).
const WORKER = `
  self.onmessage = (e) => {
    if (e.data === 'bytes') {
      self.bytes = new Uint8Array(50 * 1024 * 1024);
      self.bytes.fill(1);
    }
    if (e.data === 'alloc') {
      const keep = [];
      for (let i = 0; i < 50; i++) {
        const a = new Array(131072);
        for (let j = 0; j < a.length; j++) a[j] = j + 0.5;
        keep.push(a);
      }
      self.keep = keep;
    }
    postMessage('ready');
  };`;

type Alloc = boolean | 'bytes';

/** A blank page with a worker per entry, each told what to allocate; resolves once all answered. */
async function pageWithWorkers(browser: Browser, allocs: Alloc[]): Promise<Page> {
  const page = await browser.newPage();
  await page.goto('data:text/html,<title>heap probe</title>');
  await page.evaluate(
    async ({ src, allocs }) => {
      const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
      const keep: Worker[] = [];
      await Promise.all(
        allocs.map(
          (alloc) =>
            new Promise((resolve) => {
              const w = new Worker(url);
              keep.push(w);
              w.onmessage = resolve;
              w.postMessage(alloc === 'bytes' ? 'bytes' : alloc ? 'alloc' : 'noop');
            }),
        ),
      );
      (window as unknown as { keep: Worker[] }).keep = keep;
    },
    { src: WORKER, allocs },
  );
  return page;
}

describe.skipIf(!exe)('heapOfPageAndWorkers (needs Chromium; set CHROMIUM_PATH)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('counts a worker that holds 50 MB: ≥ 50 MB more than the same page whose worker holds nothing', async () => {
    const idle = await pageWithWorkers(browser, [false]);
    const busy = await pageWithWorkers(browser, [true]);
    const a = await heapOfPageAndWorkers(idle);
    const b = await heapOfPageAndWorkers(busy);
    expect(a.workerCount).toBe(1);
    expect(b.workerCount).toBe(1);
    expect(b.total - a.total).toBeGreaterThanOrEqual(50);
    expect(b.workers - a.workers).toBeGreaterThanOrEqual(50);
    // The page's own heap (all that Runtime.getHeapUsage on the page gave before) misses it.
    expect(Math.abs(b.page - a.page)).toBeLessThan(5);
    expect(b.total).toBeCloseTo(b.page + b.workers, 6);
    await idle.close();
    await busy.close();
  });

  it('counts the array buffers a worker holds (outside its JS heap)', async () => {
    const idle = await pageWithWorkers(browser, [false]);
    const bytes = await pageWithWorkers(browser, ['bytes']);
    const a = await heapOfPageAndWorkers(idle);
    const b = await heapOfPageAndWorkers(bytes);
    expect(b.workers - a.workers).toBeGreaterThanOrEqual(50);
    expect(b.kinds.buffers - a.kinds.buffers).toBeGreaterThanOrEqual(50);
    expect(Math.abs(b.kinds.js - a.kinds.js)).toBeLessThan(5);
    await idle.close();
    await bytes.close();
  });

  it('counts every worker of the page, and a page with none', async () => {
    const two = await pageWithWorkers(browser, [true, true]);
    const none = await pageWithWorkers(browser, []);
    const h2 = await heapOfPageAndWorkers(two);
    const h0 = await heapOfPageAndWorkers(none);
    expect(h2.workerCount).toBe(2);
    expect(h2.workers).toBeGreaterThanOrEqual(100);
    expect(h0).toMatchObject({ workerCount: 0, workers: 0 });
    expect(h0.total).toBe(h0.page);
    // Measuring twice gives the same figure: the probe detaches and leaves nothing behind.
    const again = await heapOfPageAndWorkers(two);
    expect(again.workerCount).toBe(2);
    expect(Math.abs(again.workers - h2.workers)).toBeLessThan(2);
    await two.close();
    await none.close();
  });
});
