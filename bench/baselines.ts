/**
 * Bare-client baselines, measured in a blank page of the same browser on the same data and
 * memoized per run, so a scenario and the baseline scenario share one measurement.
 */
import type { Page } from '@playwright/test';
import type { BenchEnv } from './env';
import { cpuShares, sampleCpu, type CpuShares } from './cpu';
import {
  heapOfPageAndWorkers,
  longTasksSince,
  mainThreadMeter,
  pageNow,
  type MainThreadTime,
  type PageHeap,
} from './probes';
import { median, p95 } from './stats';

type ReadResult = {
  count: number;
  lastSeq: number;
  matches: number;
  ms: number;
  msgsPerSec: number;
};

const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, f: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) memo.set(key, f());
  return memo.get(key) as Promise<T>;
}

async function withBarePage<T>(env: BenchEnv, f: (page: Page) => Promise<T>): Promise<T> {
  const { context, page } = await env.barePage();
  try {
    return await f(page);
  } finally {
    await page
      .evaluate(() => (window as unknown as { __bare: { close(): Promise<void> } }).__bare.close())
      .catch(() => {});
    await context.close();
  }
}

function read(
  page: Page,
  ws: string,
  stream: string,
  startSeq: number,
  count: number,
  needle?: string,
  keep = false,
  filter?: string,
): Promise<ReadResult> {
  return page.evaluate(
    (a) =>
      (window as unknown as { __bare: { read(o: unknown): Promise<ReadResult> } }).__bare.read(a),
    { ws, stream, startSeq, count, needle, keep, filter },
  );
}

/** Ordered-consumer read of every message on one subject filter from the first (best of `runs`), taken now. */
export function bareFilteredRead(env: BenchEnv, filter: string, runs = 1): Promise<ReadResult> {
  return withBarePage(env, async (page) => {
    let best: ReadResult | null = null;
    for (let i = 0; i < runs; i++) {
      const r = await read(
        page,
        env.nats.wsUrl,
        env.stream,
        1,
        Number.MAX_SAFE_INTEGER,
        undefined,
        false,
        filter,
      );
      if (!best || r.ms < best.ms) best = r;
    }
    return best as ReadResult;
  });
}

/**
 * Ordered-consumer read of [startSeq, startSeq+count) (best of `runs`), optional substring search.
 * Memoized per run unless `fresh`: a fresh read is taken now, in a new blank page, for a scenario
 * that interleaves its baseline with the app's runs so both see the same machine and server state.
 */
export function bareRead(
  env: BenchEnv,
  startSeq: number,
  count: number,
  o: { needle?: string; runs?: number; fresh?: boolean } = {},
): Promise<ReadResult> {
  const measure = () =>
    withBarePage(env, async (page) => {
      let best: ReadResult | null = null;
      for (let i = 0; i < (o.runs ?? 1); i++) {
        const r = await read(page, env.nats.wsUrl, env.stream, startSeq, count, o.needle);
        if (!best || r.msgsPerSec > best.msgsPerSec) best = r;
      }
      return best as ReadResult;
    });
  return o.fresh ? measure() : once(`read:${startSeq}:${count}:${o.needle ?? ''}`, measure);
}

/** Direct get of one page (`size` consecutive messages, all in flight) at each of `seqs`: median and p95 ms. */
export function bareDirectPage(
  env: BenchEnv,
  seqs: number[],
  size: number,
): Promise<{ median: number; p95: number }> {
  return once(`page:${seqs.join(',')}:${size}`, () =>
    withBarePage(env, async (page) => {
      const ms: number[] = [];
      // One warm-up get so the connection's first request does not count.
      await page.evaluate(
        (a) =>
          (
            window as unknown as { __bare: { directPage(o: unknown): Promise<unknown> } }
          ).__bare.directPage(a),
        { ws: env.nats.wsUrl, stream: env.stream, seq: 1, size: 1 },
      );
      for (const seq of seqs) {
        const r = await page.evaluate(
          (a) =>
            (
              window as unknown as { __bare: { directPage(o: unknown): Promise<{ ms: number }> } }
            ).__bare.directPage(a),
          { ws: env.nats.wsUrl, stream: env.stream, seq, size },
        );
        ms.push(r.ms);
      }
      return { median: median(ms), p95: p95(ms) };
    }),
  );
}

/**
 * The scroll baseline, taken fresh (not memoized) so it runs right after the app's scroll on the
 * same machine state: a bare page reads and keeps `count` messages (its heap after a GC, page +
 * workers like the app's though it starts none, is the heap baseline), then scrolls a plain list of them three screens a frame
 * (bench/bare/entry.ts `scroll`). Longest task and tasks over 50 ms from the scroll's start,
 * frames, main-thread CPU and the machine's CPU shares over the scroll alone.
 */
export function bareScroll(
  env: BenchEnv,
  startSeq: number,
  count: number,
  budgetMs: number,
): Promise<{
  heap: PageHeap;
  longestTaskMs: number;
  over50: number;
  frames: number;
  main: MainThreadTime;
  shares: CpuShares | null;
}> {
  return withBarePage(env, async (page) => {
    await read(page, env.nats.wsUrl, env.stream, startSeq, count, undefined, true);
    const heap = await heapOfPageAndWorkers(page);
    const t0 = await pageNow(page);
    const meter = await mainThreadMeter(page);
    const cpu0 = sampleCpu();
    const r = await page.evaluate(
      (a) =>
        (
          window as unknown as { __bare: { scroll(o: unknown): Promise<{ frames: number }> } }
        ).__bare.scroll(a),
      { budgetMs },
    );
    const cpu1 = sampleCpu();
    const main = await meter.stop();
    const tasks = await longTasksSince(page, t0);
    return {
      heap,
      longestTaskMs: tasks.longest,
      over50: tasks.over,
      frames: r.frames,
      main,
      shares: cpu0 && cpu1 ? cpuShares(cpu0, cpu1) : null,
    };
  });
}

/** Publish→received latencies (ms) of a bare ordered consumer following `ws` for `ms`. */
export function bareLive(
  env: BenchEnv,
  ws: string,
  stream: string,
  ms: number,
  during: () => Promise<void>,
): Promise<number[]> {
  return withBarePage(env, async (page) => {
    const lat = page.evaluate(
      (a) =>
        (window as unknown as { __bare: { live(o: unknown): Promise<number[]> } }).__bare.live(a),
      { ws, stream, ms },
    );
    await during();
    return lat;
  });
}
