/**
 * Command-line parsing for `npm run simulate` (pure, unit-tested): flags, env defaults and
 * durations like 1d, 6h, 90m, 45s, 1500ms.
 */
import { parseArgs } from 'node:util';
import { STREAM_NAME } from '../../lib/agents/schema';

export const USAGE = `Usage: npm run simulate -- [options]

  --url <nats://…>    NATS server (default: NATS_URL or nats://127.0.0.1:4222)
  --stream <name>     stream name (default: NATS_STREAM_NAME or ${STREAM_NAME})
  --seed <n>          seed of the generated traffic (default 42)
  --backfill <n>      publish n events of history
  --span <duration>   history span, e.g. 1d, 6h, 90m (default 1d)
  --start <ISO time>  start of the history span (default: span ends now)
  --batch <n>         concurrent publishes per batch during backfill (default 1000)
  --live              publish live traffic until Ctrl-C
  --rate <n>          live events per second (default 25)
  --worker            run the agent-processor worker (acks, naks, dead letters)
  --worker-rate <n>   cap the worker at n msgs/s so consumer lag is visible
  --setup-only        create/update the stream and consumer, then exit
  --help              show this help

The stream, the agent-processor consumer and the agent-advisories stream are always set up
first (idempotent).`;

export type CliOptions = {
  url: string;
  stream: string;
  seed: number;
  backfill: number;
  spanMs: number;
  /** End of the backfill span (epoch ms); undefined = now at backfill time. */
  endMs: number | undefined;
  batch: number;
  live: boolean;
  rate: number;
  worker: boolean;
  workerRate: number | undefined;
  setupOnly: boolean;
  help: boolean;
};

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses "1d", "6h", "90m", "45s", "1500ms", "2w" (or plain milliseconds) into ms. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)?$/.exec(text.trim());
  if (!m) throw new Error(`invalid duration "${text}": use e.g. 1d, 6h, 90m, 45s`);
  const ms = Number(m[1]) * (UNIT_MS[m[2] ?? 'ms'] ?? 1);
  if (!(ms > 0)) throw new Error(`duration "${text}" must be greater than zero`);
  return Math.round(ms);
}

function num(name: string, v: string | undefined, d: number, min = 0): number {
  if (v === undefined) return d;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min)
    throw new Error(`--${name} expects a number ≥ ${min}, got "${v}"`);
  return n;
}

/** Parses argv (without node and the script) with env defaults; throws on bad input. */
export function parseCliArgs(argv: string[], env: Record<string, string | undefined>): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      url: { type: 'string' },
      stream: { type: 'string' },
      seed: { type: 'string' },
      backfill: { type: 'string' },
      span: { type: 'string' },
      start: { type: 'string' },
      batch: { type: 'string' },
      live: { type: 'boolean' },
      rate: { type: 'string' },
      worker: { type: 'boolean' },
      'worker-rate': { type: 'string' },
      'setup-only': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const spanMs = parseDuration(values.span ?? '1d');
  let endMs: number | undefined;
  if (values.start !== undefined) {
    const start = Date.parse(values.start);
    if (!Number.isFinite(start))
      throw new Error(`--start expects an ISO time, got "${values.start}"`);
    endMs = start + spanMs;
  }
  const workerRate = values['worker-rate'];
  return {
    url: values.url ?? env.NATS_URL ?? 'nats://127.0.0.1:4222',
    stream: values.stream ?? env.NATS_STREAM_NAME ?? STREAM_NAME,
    seed: Math.floor(num('seed', values.seed, 42)),
    backfill: Math.floor(num('backfill', values.backfill, 0)),
    spanMs,
    endMs,
    batch: Math.floor(num('batch', values.batch, 1000, 1)),
    live: values.live ?? false,
    rate: num('rate', values.rate, 25, 0.01),
    worker: values.worker ?? false,
    workerRate: workerRate === undefined ? undefined : num('worker-rate', workerRate, 0, 1),
    setupOnly: values['setup-only'] ?? false,
    help: values.help ?? false,
  };
}
