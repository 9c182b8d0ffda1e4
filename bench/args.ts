/** Command-line options of `npm run bench` (pure parsing, unit-tested). */
import { SCENARIOS, type ScenarioName } from './types';

export type BenchOptions = {
  /** Scenarios to run, in the canonical order. */
  only: ScenarioName[];
  /** Messages in the large stream (default 1,000,000). */
  sizeLarge: number;
  /** Messages in the small range (default 100,000; never more than sizeLarge). */
  sizeSmall: number;
  /** Seconds per live-timeline rate (default 30). */
  liveSeconds: number;
  /** Simulator seed. */
  seed: number;
  /** Rebuild the app even when the build looks fresh. */
  rebuild: boolean;
  /** nats-server binaries the fastpaths scenario runs against, in order (a row per version). */
  serverBins: string[];
  /** Exit non-zero when a goal is missed or a row errored (off with --no-gate, for exploring). */
  gate: boolean;
  help: boolean;
};

export const USAGE = `npm run bench [-- options]
  --only <names>     comma-separated scenarios: ${SCENARIOS.join(', ')} (default: all)
  --size <n>         messages in the large stream (default 1000000); the small range is min(100000, n/10 rounded up)
  --small <n>        messages in the small range (default 100000, capped at --size)
  --live-seconds <s> seconds per live-timeline rate (default 30)
  --seed <n>         simulator seed (default 42)
  --rebuild          rebuild the app even if .next-bench is fresh
  --no-gate          exit 0 even when a goal is missed or a scenario failed (the last line
                     still says which); by default the run exits 1 then, so it can gate a change
  --server-bins <p>  comma-separated nats-server binaries for the fastpaths scenario, each row
                     naming its version (default: NATS_SERVER_BIN, else nats-server on PATH)`;

function positiveInt(name: string, v: string | undefined): number {
  const n = Number(v?.replace(/[_,]/g, ''));
  if (!v || !Number.isInteger(n) || n <= 0)
    throw new Error(`${name} needs a positive integer, got "${v ?? ''}"`);
  return n;
}

/** Parses argv (without node and script); throws Error with a user-facing message. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const o: BenchOptions = {
    only: [...SCENARIOS],
    sizeLarge: 1_000_000,
    sizeSmall: 100_000,
    liveSeconds: 30,
    seed: 42,
    rebuild: false,
    serverBins: process.env.NATS_SERVER_BIN ? [process.env.NATS_SERVER_BIN] : [],
    gate: true,
    help: false,
  };
  let small: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--only': {
        const names = (value() ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const bad = names.filter((n) => !SCENARIOS.includes(n as ScenarioName));
        if (names.length === 0 || bad.length > 0)
          throw new Error(
            `--only: unknown scenario "${bad.join(',') || ''}"; choose from ${SCENARIOS.join(', ')}`,
          );
        o.only = SCENARIOS.filter((s) => names.includes(s));
        break;
      }
      case '--size':
        o.sizeLarge = positiveInt('--size', value());
        break;
      case '--small':
        small = positiveInt('--small', value());
        break;
      case '--live-seconds':
        o.liveSeconds = positiveInt('--live-seconds', value());
        break;
      case '--seed':
        o.seed = positiveInt('--seed', value());
        break;
      case '--server-bins': {
        const bins = (value() ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (bins.length === 0) throw new Error('--server-bins needs one or more nats-server paths');
        o.serverBins = bins;
        break;
      }
      case '--rebuild':
        o.rebuild = true;
        break;
      case '--no-gate':
        o.gate = false;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new Error(`unknown option "${flag}"\n${USAGE}`);
    }
  }
  o.sizeSmall = Math.min(small ?? Math.min(100_000, Math.ceil(o.sizeLarge / 10)), o.sizeLarge);
  return o;
}
