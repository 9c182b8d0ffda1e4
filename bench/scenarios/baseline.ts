/**
 * Baseline: what a bare `wsconnect` client does in the same browser on the same data — an
 * ordered consumer reading the small range and the whole stream (msgs/s), and a direct get of
 * one page at random sequences (ms). The app scenarios compare against these figures; the rows
 * themselves are references (no app figure, so no goal of their own).
 */
import type { BenchEnv } from '../env';
import { bareDirectPage, bareRead } from '../baselines';
import { seededInts } from '../stats';
import { REFERENCE, type Row } from '../types';
// Rows per page of the messages view: the unit of a "page" for the direct-get baseline.
import { PAGE_SIZE } from '../../lib/browse/paging';

/** Seeks per latency figure (the issue asks for ≥ 30). */
export const SEEKS = 30;

/** Random start sequences for seeks, leaving a full page after each. */
export function seekSeqs(env: BenchEnv, seed: number, n = SEEKS): number[] {
  return seededInts(seed, n, 1, Math.max(1, env.size - PAGE_SIZE));
}

export async function baselineScenario(
  env: BenchEnv,
  o: { sizeSmall: number; seed: number },
): Promise<Row[]> {
  const small = await bareRead(env, 1, o.sizeSmall, { runs: 2 });
  const whole = await bareRead(env, 1, env.size);
  const page = await bareDirectPage(env, seekSeqs(env, o.seed), PAGE_SIZE);
  const fmt = (n: number) => n.toLocaleString('en-US');
  return [
    {
      scenario: 'baseline',
      metric: `ordered consumer, ${fmt(o.sizeSmall)} msgs`,
      unit: 'msgs/s',
      app: null,
      baseline: small.msgsPerSec,
      goal: REFERENCE,
    },
    {
      scenario: 'baseline',
      metric: `ordered consumer, ${fmt(env.size)} msgs`,
      unit: 'msgs/s',
      app: null,
      baseline: whole.msgsPerSec,
      goal: REFERENCE,
    },
    {
      scenario: 'baseline',
      metric: `direct get of ${PAGE_SIZE} msgs, median`,
      unit: 'ms',
      app: null,
      baseline: page.median,
      goal: REFERENCE,
    },
    {
      scenario: 'baseline',
      metric: `direct get of ${PAGE_SIZE} msgs, p95`,
      unit: 'ms',
      app: null,
      baseline: page.p95,
      goal: REFERENCE,
    },
  ];
}
