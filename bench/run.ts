/**
 * `npm run bench`: builds the production app, starts nats-server on free ports, seeds it with
 * the simulator once, drives the system Chromium with Playwright through each scenario, and
 * prints a table (app figure, bare-client baseline, ratio, goal, pass/miss). The same goes to
 * bench/results/<date>.json and bench/results/latest.json; bench/results/README.md keeps the
 * latest table (that file is committed; the JSON files are git-ignored).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, USAGE } from './args';
import { machineInfo, startEnv } from './env';
import { markdownReport, notes, textTable } from './table';
import { SCENARIOS, type BenchReport, type Row, type ScenarioName } from './types';
import type { BenchEnv } from './env';
import type { BenchOptions } from './args';
import { simulatorScenario } from './scenarios/simulator';
import { baselineScenario } from './scenarios/baseline';
import { browseScenario } from './scenarios/browse';
import { replayScenario } from './scenarios/replay';
import { timelineScenario } from './scenarios/timeline';

const RESULTS = path.join(import.meta.dirname, 'results');
const log = (s: string) => console.log(`[bench] ${s}`);

const RUNNERS: Record<ScenarioName, (env: BenchEnv, o: BenchOptions) => Promise<Row[]>> = {
  simulator: simulatorScenario,
  baseline: baselineScenario,
  browse: browseScenario,
  replay: replayScenario,
  timeline: timelineScenario,
};

async function main() {
  let opts: BenchOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`[bench] ${(e as Error).message}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const t0 = Date.now();
  log(
    `scenarios: ${opts.only.join(', ')} · sizes ${opts.sizeLarge.toLocaleString('en-US')} / ${opts.sizeSmall.toLocaleString('en-US')}`,
  );
  const env = await startEnv({ size: opts.sizeLarge, seed: opts.seed, rebuild: opts.rebuild, log });
  const rows: Row[] = [];
  const onSignal = () => void env.close().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (const name of opts.only) {
      const s0 = Date.now();
      log(`— ${name} —`);
      try {
        const got = await RUNNERS[name](env, opts);
        rows.push(...got);
        console.log(textTable(got));
      } catch (e) {
        // A broken scenario is reported as an error row, never hidden, and the run goes on.
        const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
        log(`${name} failed: ${msg}`);
        rows.push({
          scenario: name,
          metric: 'scenario failed',
          unit: 'ms',
          app: null,
          baseline: null,
          goal: { on: 'value', op: '<=', target: 0 },
          note: msg.slice(0, 300),
        });
      }
      log(`${name} took ${((Date.now() - s0) / 1000).toFixed(0)} s`);
    }
    const report: BenchReport = {
      date: new Date().toISOString(),
      machine: machineInfo(env.browser.version()),
      options: {
        sizeLarge: opts.sizeLarge,
        sizeSmall: opts.sizeSmall,
        only: opts.only,
        seed: opts.seed,
      },
      wallMs: Date.now() - t0,
      rows,
    };
    console.log(`\n${textTable(rows)}\n`);
    for (const n of notes(rows)) console.log(`  · ${n}`);
    await mkdir(RESULTS, { recursive: true });
    const json = JSON.stringify(report, null, 2);
    await writeFile(path.join(RESULTS, `${report.date.replace(/[:.]/g, '-')}.json`), json);
    await writeFile(path.join(RESULTS, 'latest.json'), json);
    // The committed table is only replaced by a run of every scenario.
    if (opts.only.length === SCENARIOS.length)
      await writeFile(
        path.join(RESULTS, 'README.md'),
        `# Latest benchmark results\n\nWritten by \`npm run bench\` (see docs/bench.md). JSON of every run sits next to this file (git-ignored).\n\n${markdownReport(report)}\n`,
      );
    log(`wall time ${((Date.now() - t0) / 1000).toFixed(0)} s · results in bench/results/`);
  } finally {
    await env.close();
  }
}

main().catch((e: unknown) => {
  console.error(`[bench] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
