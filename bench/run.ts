/**
 * `npm run bench`: builds the production app, starts nats-server on free ports, seeds it with
 * the simulator once, drives the system Chromium with Playwright through each scenario, and
 * prints a table (app figure, bare-client baseline, ratio, goal, pass/miss). The same goes to
 * bench/results/<date>.json and bench/results/latest.json; bench/results/README.md keeps the
 * latest table (that file is committed; the JSON files are git-ignored). Exits 1 when a goal
 * was missed or a row errored (after writing all that), unless --no-gate; the last line says why.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, USAGE } from './args';
import { machineInfo, startEnv } from './env';
import { exitCodeOf, gateLine, gateOf, markdownReport, notes, textTable } from './table';
import { SCENARIOS, SELF_CONTAINED, type BenchReport, type Row, type ScenarioName } from './types';
import type { BenchEnv } from './env';
import type { BenchOptions } from './args';
import { simulatorScenario } from './scenarios/simulator';
import { baselineScenario } from './scenarios/baseline';
import { browseScenario } from './scenarios/browse';
import { replayScenario } from './scenarios/replay';
import { timelineScenario } from './scenarios/timeline';
import { fastpathsScenario } from './scenarios/fastpaths';
import { tasksScenario } from './scenarios/tasks';
import { coldScenario } from './scenarios/cold';

const RESULTS = path.join(import.meta.dirname, 'results');
const log = (s: string) => console.log(`[bench] ${s}`);

/** The shared environment, which a self-contained scenario does not need (then it is not started). */
const needEnv = (env: BenchEnv | null): BenchEnv => {
  if (!env) throw new Error('this scenario needs the app and the seeded stream');
  return env;
};

const RUNNERS: Record<ScenarioName, (env: BenchEnv | null, o: BenchOptions) => Promise<Row[]>> = {
  simulator: (env, o) => simulatorScenario(needEnv(env), o),
  baseline: (env, o) => baselineScenario(needEnv(env), o),
  browse: (env, o) => browseScenario(needEnv(env), o),
  replay: (env, o) => replayScenario(needEnv(env), o),
  timeline: (env, o) => timelineScenario(needEnv(env), o),
  fastpaths: (_env, o) => fastpathsScenario(o, log),
  tasks: (env) => tasksScenario(needEnv(env)),
  cold: (env) => coldScenario(needEnv(env)),
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
  // Only self-contained scenarios (fastpaths): no app build, no browser, no 1M-message seed.
  const env = opts.only.every((n) => SELF_CONTAINED.includes(n))
    ? null
    : await startEnv({ size: opts.sizeLarge, seed: opts.seed, rebuild: opts.rebuild, log });
  const rows: Row[] = [];
  const onSignal = () => void (env ? env.close() : Promise.resolve()).then(() => process.exit(130));
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
      machine: machineInfo(env ? env.browser.version() : 'not started'),
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
    // The committed table is only replaced by a run of every scenario at the default sizes
    // (a quick small run would otherwise overwrite the figures the README quotes).
    if (
      opts.only.length === SCENARIOS.length &&
      opts.sizeLarge === 1_000_000 &&
      opts.sizeSmall === 100_000
    )
      await writeFile(
        path.join(RESULTS, 'README.md'),
        `# Latest benchmark results\n\nWritten by \`npm run bench\` (see docs/bench.md). JSON of every run sits next to this file (git-ignored).\n\n${markdownReport(report)}\n`,
      );
    log(`wall time ${((Date.now() - t0) / 1000).toFixed(0)} s · results in bench/results/`);
  } finally {
    await env?.close();
  }
  // Printed last, after the servers and the browser are down, so it is the run's last line.
  const gate = gateOf(rows);
  const code = exitCodeOf(gate, opts.gate);
  console.log(
    `[bench] ${gateLine(gate)}${!gate.ok && !opts.gate ? ' (not gating: --no-gate)' : ''}${code ? ` · exit ${code}` : ''}`,
  );
  process.exitCode = code;
}

main().catch((e: unknown) => {
  console.error(`[bench] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
