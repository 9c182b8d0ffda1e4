/**
 * Small things instant: a cold page (a fresh browser context, empty cache) from navigation
 * to its first row, against a bare blank page that loads its bundled client as a same-origin
 * `<script src>` (bench/bare/page-server.ts; cold too, so it pays a script load as any page that
 * connects does) and then connects and reads the same data (bench/bare/entry.ts `cold`). Two rows:
 * - replay: `/replay?task=<id>` of a 500-message task → all 500 loaded and the first
 *   transcript row shown; baseline: connect + an ordered read of those 500 messages;
 * - browse: `/messages?seq=<n>` → that row; baseline: connect + one direct get of it.
 * A third page, the floor, is a bare Next.js App Router app (bench/floor/, no app code) whose one
 * client component does what the bare page does and renders the row with React: what any page
 * of this stack costs before the app's own code. Its rows are references (never gated).
 * The data sit in a nats-server of this scenario's own (the task is the last thing in its
 * stream, so the app reads exactly its 500 messages); the app is pointed at it the way the
 * connect dialog does. The app's time is split by stage from the marks it sets
 * (lib/perf-marks.ts) and the navigation/resource timing of the page.
 */
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { Page } from '@playwright/test';
import type { BenchEnv } from '../env';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { setupAll } from '../../server/simulator/setup';
import { backfill } from '../../server/simulator/backfill';
import { createAckedPublisher } from '../../server/simulator/publish';
import { messageEvent, taskEvent, type Actor } from '../../server/simulator/events';
import { MESSAGE_TYPES, STREAM_NAME } from '../../lib/agents/schema';
import { median } from '../stats';
import { part, REFERENCE, type Row } from '../types';
import { startFloorApp, type FloorApp } from '../floor-app';
import { appOverFloor, floorAgainstGoal } from '../floor-note';
import { installProbes } from '../probes';
import { startBarePageServer, type BarePageServer } from '../bare/page-server';
import type { ColdResult } from '../bare/entry';

/** Cold pages per figure (each a fresh context), bare and app interleaved. */
const RUNS = 5;
const TASK_MESSAGES = 500;
/** Messages before the task (so its sequences do not start at 1). */
const HISTORY = 2_000;
const TASK_ID = 'bench-cold-task';

type Stages = Record<string, number>;
/** When a cold page is done: the replay loaded with its first transcript row, or a browse row. */
type Ready = { kind: 'replay'; events: number } | { kind: 'row'; seq: number };
type ColdApp = { total: number; stages: Stages; jsKB: number; laterKB: number };
type BareCold = ColdResult;

/** Publishes the history and then one task of exactly TASK_MESSAGES events; its first sequence. */
async function seed(server: NatsServer): Promise<number> {
  const nc = await connect({ servers: server.natsUrl, name: 'bench cold seeder' });
  try {
    await setupAll(nc);
    await backfill(nc, { count: HISTORY, seed: 7, spanMs: 3600_000, batch: 1000 });
    const jsm = await jetstreamManager(nc);
    const first = (await jsm.streams.info(STREAM_NAME)).state.last_seq + 1;
    const lead: Actor = { id: 'agent-tl-1', role: 'tech_lead', name: 'Lead' };
    const dev: Actor = { id: 'agent-be-1', role: 'backend_developer', name: 'Backend' };
    const t0 = Date.now() - 60_000;
    const pub = createAckedPublisher(nc);
    const task = (event: string, i: number) =>
      taskEvent({
        id: `${TASK_ID}-${event}`,
        taskId: TASK_ID,
        event,
        title: 'Cold-start benchmark task',
        assignee: dev,
        createdBy: lead.id,
        retries: 0,
        progress: null,
        reason: null,
        atMs: t0 + i,
      });
    pub.send(task('created', 0));
    for (let i = 1; i < TASK_MESSAGES - 1; i++) {
      const [from, to] = i % 2 ? [lead, dev] : [dev, lead];
      pub.send(
        messageEvent({
          id: `${TASK_ID}-m${i}`,
          from,
          to,
          type: MESSAGE_TYPES[i % 4] ?? 'question',
          content: `Step ${i} of the cold-start task: a line of text of ordinary length.`,
          taskId: TASK_ID,
          atMs: t0 + i * 10,
        }),
      );
    }
    pub.send(task('completed', TASK_MESSAGES * 10));
    await pub.flush();
    pub.close();
    const last = (await jsm.streams.info(STREAM_NAME)).state.last_seq;
    if (last - first + 1 !== TASK_MESSAGES)
      throw new Error(`the task took seqs ${first}–${last}, not ${TASK_MESSAGES}`);
    return first;
  } finally {
    await nc.close();
  }
}

/** A page's stages from its `<prefix>:*` marks (page clock, ms from navigation start). */
async function stagesOf(
  page: Page,
  prefix: 'ar' | 'floor',
): Promise<{ stages: Stages; jsKB: number; laterKB: number }> {
  return page.evaluate((prefix) => {
    const nav = performance.getEntriesByType('navigation')[0] as
      PerformanceNavigationTiming | undefined;
    const scripts = performance
      .getEntriesByType('resource')
      .filter(
        (r) => (r as PerformanceResourceTiming).initiatorType === 'script',
      ) as PerformanceResourceTiming[];
    const mark = (n: string) =>
      performance.getEntriesByName(`${prefix}:${n}`, 'mark')[0]?.startTime ?? NaN;
    // The critical path's scripts: those requested before the client code ran (the document's);
    // code split off the first load (panels, dialogs) is fetched later and counted apart.
    const cut = mark('connect-start');
    const first = scripts.filter((r) => !(r.startTime > cut));
    const later = scripts.filter((r) => r.startTime > cut);
    const kb = (l: PerformanceResourceTiming[]) =>
      l.reduce((s, r) => s + (r.encodedBodySize || r.transferSize), 0) / 1024;
    return {
      stages: {
        ttfb: nav?.responseStart ?? NaN,
        html: nav?.responseEnd ?? NaN,
        js: first.reduce((m, r) => Math.max(m, r.responseEnd), 0),
        'connect-start': mark('connect-start'),
        hydrated: mark('hydrated'),
        connected: mark('connected'),
        // The floor has no separate read start: it reads as soon as it is connected.
        read: mark('read-start'),
        data: mark('first-data'),
        loaded: mark('loaded'),
      },
      jsKB: kb(first),
      laterKB: kb(later),
    };
  }, prefix);
}

/** A fresh context opens `url`; resolves when `ready()` holds in the page (then one frame). */
async function coldApp(
  env: BenchEnv,
  server: NatsServer,
  url: string,
  ready: Ready,
): Promise<ColdApp> {
  const { context, page } = await env.newPage({ servers: [server.wsUrl] });
  try {
    await page.goto(url, { waitUntil: 'commit' });
    // Checked in the page every frame (no eval: the app's CSP forbids it).
    const h = await page.waitForFunction(
      (w) => {
        let ok: boolean;
        if (w.kind === 'row') ok = !!document.querySelector(`[role="row"][data-seq="${w.seq}"]`);
        else {
          const s = document.querySelector('[data-testid="replay-summary"]')?.textContent ?? '';
          ok =
            new RegExp(`\\b${w.events} events\\b`).test(s) &&
            !document.querySelector('[data-testid="replay-loading"]') &&
            !!document.querySelector('[aria-label="Transcript"] [data-seq]');
        }
        return ok
          ? new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())))
          : 0; // falsy: keep polling
      },
      ready,
      { polling: 'raf', timeout: 60_000 },
    );
    const total = (await h.jsonValue()) as number;
    const { stages, jsKB, laterKB } = await stagesOf(page, 'ar');
    return { total, stages: { ...stages, row: total }, jsKB, laterKB };
  } finally {
    await context.close();
  }
}

/**
 * A fresh context (empty cache) opens the floor page (bench/floor), which connects and
 * gets/reads as the bare page does; done when React has rendered the row with `seq`, plus one frame.
 */
async function coldFloor(
  env: BenchEnv,
  floor: FloorApp,
  cfg: { ws: string; mode: 'read' | 'get'; startSeq: number; count: number; seq: number },
  rowSeq: number,
): Promise<ColdApp> {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    // The same init scripts as the app's pages (and the `__name` helper stagesOf needs).
    await installProbes(context);
    const page = await context.newPage();
    const config = JSON.stringify({ ...cfg, stream: STREAM_NAME });
    await page.goto(`${floor.url}/?cfg=${encodeURIComponent(config)}`, { waitUntil: 'commit' });
    const h = await page.waitForFunction(
      (seq): string | number | Promise<number> => {
        const err = document.querySelector('[data-floor-error]');
        if (err) return `error: ${err.textContent ?? ''}`;
        return document.querySelector(`[role="row"][data-seq="${seq}"]`)
          ? new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())))
          : 0;
      },
      rowSeq,
      { polling: 'raf', timeout: 60_000 },
    );
    const total = (await h.jsonValue()) as number | string;
    if (typeof total === 'string') throw new Error(`floor page: ${total}`);
    const { stages, jsKB, laterKB } = await stagesOf(page, 'floor');
    return { total, stages: { ...stages, row: total }, jsKB, laterKB };
  } finally {
    await context.close();
  }
}

/** A fresh context (empty cache) opens the bare page, whose script connects and reads/gets. */
async function coldBare(
  env: BenchEnv,
  bare: BarePageServer,
  cfg: { ws: string; mode: 'read' | 'get'; startSeq: number; count: number; seq: number },
): Promise<BareCold> {
  const context = await env.browser.newContext();
  try {
    const config = JSON.stringify({ ...cfg, stream: STREAM_NAME });
    const page = await context.newPage();
    await page.goto(`${bare.url}/cold?cfg=${encodeURIComponent(config)}`, { waitUntil: 'commit' });
    const h = await page.waitForFunction(
      () => (window as unknown as { __bareCold?: unknown }).__bareCold ?? false,
      null,
      { polling: 50, timeout: 60_000 },
    );
    const r = (await h.jsonValue()) as BareCold | { error: string };
    if ('error' in r) throw new Error(`bare cold page: ${r.error}`);
    if (r.count !== (cfg.mode === 'get' ? 1 : cfg.count))
      throw new Error(`bare cold page read ${r.count} messages`);
    return r;
  } finally {
    await context.close();
  }
}

/** Median of each stage over the runs, as "stage +Δ" steps from navigation. */
function breakdown(runs: ColdApp[]): string {
  const keys = Object.keys(runs[0]?.stages ?? {});
  const med = keys
    .map((k) => [k, median(runs.map((r) => r.stages[k] ?? NaN).filter(Number.isFinite))] as const)
    .filter(([, v]) => Number.isFinite(v));
  const js = median(runs.map((r) => r.jsKB));
  const later = median(runs.map((r) => r.laterKB));
  return `stages (median ms from navigation): ${med.map(([k, v]) => `${k} ${Math.round(v)}`).join(' → ')}; JS ${Math.round(js)} KB before the client code ran (js = the last of those), ${Math.round(later)} KB split-off code after`;
}

/** The bare page's stages (median ms from its navigation). */
const bareStages = (b: BareCold[]) =>
  `html ${Math.round(median(b.map((x) => x.html)))} → js ${Math.round(median(b.map((x) => x.js)))} → connected ${Math.round(median(b.map((x) => x.connected)))} → done ${Math.round(median(b.map((x) => x.done)))}`;

/** The app against the floor, for the app row's note. */
function floorVsApp(appMs: number, floorRuns: ColdApp[], floorError: string): string {
  if (!floorRuns.length) return `no floor (${floorError || 'not run'})`;
  return `floor (bare Next.js page) ${Math.round(median(floorRuns.map((r) => r.total)))} ms: ${appOverFloor(appMs, median(floorRuns.map((r) => r.total)))}`;
}

/**
 * The floor's reference row: the bare Next.js page beside the bare page, with its stages and
 * whether it alone is above the app's goal (`goal`, a ratio to the bare page).
 */
function floorRow(
  metric: string,
  floorRuns: ColdApp[],
  bareMs: number,
  goal: number,
  floorError: string,
  buildMs: number,
): Row {
  const floorMs = floorRuns.length ? median(floorRuns.map((r) => r.total)) : null;
  return {
    scenario: 'cold',
    metric: `${metric} (reference)`,
    unit: 'ms',
    app: floorMs,
    baseline: bareMs,
    goal: REFERENCE,
    note:
      floorMs === null
        ? `the floor page did not run: ${floorError || 'unknown'}`
        : `the floor: a minimal Next.js App Router app (bench/floor, no app code, same next/react/nats.js; built once per run, here in ${(buildMs / 1000).toFixed(1)} s) that connects and reads as the bare page does, from its client component's module evaluation, and renders the row with React; ${floorAgainstGoal(floorMs, bareMs, goal)}; ${RUNS} fresh contexts, interleaved with the bare page and the app; ${breakdown(floorRuns)}`,
  };
}

export async function coldScenario(env: BenchEnv): Promise<Row[]> {
  const rows: Row[] = [];
  const server = await startNatsServer({ serverName: 'bench-cold' });
  const bare = await startBarePageServer(env.bareScript);
  let floor: FloorApp | null = null;
  const bareJs = `its client a same-origin <script src> of ${Math.round(bare.scriptBytes.gzip / 1024)} KB gzip (${Math.round(bare.scriptBytes.raw / 1024)} KB), loaded cold`;
  try {
    const first = await seed(server);
    const target = first + Math.floor(TASK_MESSAGES / 2);
    const ws = server.wsUrl;
    // Without the floor the app's rows still run (its rows then say why they are missing).
    let floorError = '';
    try {
      floor = await startFloorApp(env.log);
    } catch (e) {
      floorError = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
      env.log(`the floor page could not start: ${floorError}`);
    }
    await part(rows, 'cold', 'replay', async () => {
      const app: ColdApp[] = [];
      const bareRuns: BareCold[] = [];
      const floorRuns: ColdApp[] = [];
      const readCfg = {
        ws,
        mode: 'read' as const,
        startSeq: first,
        count: TASK_MESSAGES,
        seq: 0,
      };
      for (let i = 0; i < RUNS; i++) {
        bareRuns.push(await coldBare(env, bare, readCfg));
        if (floor) floorRuns.push(await coldFloor(env, floor, readCfg, first));
        app.push(
          await coldApp(env, server, `/replay?task=${TASK_ID}`, {
            kind: 'replay',
            events: TASK_MESSAGES,
          }),
        );
      }
      const appMs = median(app.map((r) => r.total));
      const bareMs = median(bareRuns.map((b) => b.done));
      return [
        {
          scenario: 'cold',
          metric: `replay: ${TASK_MESSAGES}-message task, navigation → loaded + first row, median`,
          unit: 'ms',
          app: appMs,
          baseline: bareMs,
          goal: { on: 'ratio', op: '<=', target: 1.5 },
          note: `${RUNS} fresh contexts each, interleaved; ${breakdown(app)}; ${floorVsApp(appMs, floorRuns, floorError)}. Baseline: a blank page that connects and reads the ${TASK_MESSAGES} messages with an ordered consumer, ${bareJs} (${bareStages(bareRuns)})`,
        },
        floorRow(
          `replay: bare Next.js page, ${TASK_MESSAGES}-message read → first row, median`,
          floorRuns,
          bareMs,
          1.5,
          floorError,
          floor?.buildMs ?? NaN,
        ),
      ];
    });
    await part(rows, 'cold', 'deep link', async () => {
      const app: ColdApp[] = [];
      const bareRuns: BareCold[] = [];
      const floorRuns: ColdApp[] = [];
      const getCfg = { ws, mode: 'get' as const, startSeq: 0, count: 1, seq: target };
      for (let i = 0; i < RUNS; i++) {
        bareRuns.push(await coldBare(env, bare, getCfg));
        if (floor) floorRuns.push(await coldFloor(env, floor, getCfg, target));
        app.push(
          await coldApp(env, server, `/messages?seq=${target}`, { kind: 'row', seq: target }),
        );
      }
      const appMs = median(app.map((r) => r.total));
      const bareMs = median(bareRuns.map((b) => b.done));
      return [
        {
          scenario: 'cold',
          metric: 'browse: cold deep link → row, median',
          unit: 'ms',
          app: appMs,
          baseline: bareMs,
          goal: { on: 'ratio', op: '<=', target: 2 },
          note: `${RUNS} fresh contexts each, interleaved; ${breakdown(app)}; ${floorVsApp(appMs, floorRuns, floorError)}. Baseline: a blank page that connects and direct-gets the message, ${bareJs} (${bareStages(bareRuns)})`,
        },
        floorRow(
          'browse: bare Next.js page, direct get → row, median',
          floorRuns,
          bareMs,
          2,
          floorError,
          floor?.buildMs ?? NaN,
        ),
      ];
    });
  } finally {
    await floor?.stop();
    await bare.stop();
    await server.stop();
  }
  return rows;
}
