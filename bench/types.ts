/**
 * One line of the benchmark table: the app's figure beside a bare-client baseline measured in
 * the same run on the same data. The ratio (app ÷ baseline) is what we track across runs.
 */
export type Unit = 'ms' | 'msgs/s' | 'MB' | 'events/s';

/** A goal on the app's figure (absolute) or on the ratio app ÷ baseline. */
export type Goal = { on: 'value' | 'ratio'; op: '<=' | '>=' | '<'; target: number };

/**
 * Marks a row that is printed for comparison and never gated: a bare client's own figure, or
 * a figure a server version cannot give. Every other row needs a goal (the table refuses it).
 */
export const REFERENCE = 'reference';

export type Row = {
  scenario: string;
  metric: string;
  unit: Unit;
  /** The app's figure; null when it could not be measured (then `note` says why). */
  app: number | null;
  /** The bare-client baseline; null when no baseline applies to this figure. */
  baseline: number | null;
  /** Every row has a goal or the reference mark; a row with neither is refused ("no goal"). */
  goal?: Goal | typeof REFERENCE;
  /** Free text: what was measured, or why a figure is missing, or what would close a gap. */
  note?: string;
};

/** 'no goal': the row has neither a goal nor the reference mark, which the table refuses. */
export type Verdict = 'pass' | 'miss' | 'error' | 'no goal' | 'reference';

export type ScenarioName =
  'baseline' | 'browse' | 'replay' | 'timeline' | 'tasks' | 'simulator' | 'fastpaths' | 'cold';

export const SCENARIOS: readonly ScenarioName[] = [
  'simulator',
  'baseline',
  'browse',
  'replay',
  'timeline',
  'tasks',
  'fastpaths',
  'cold',
];

/** Scenarios that start their own servers and data: no app build, browser or seeded stream. */
export const SELF_CONTAINED: readonly ScenarioName[] = ['fastpaths'];

export type BenchReport = {
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memGB: number;
    platform: string;
    node: string;
    chromium: string;
    natsServer: string;
  };
  options: { sizeLarge: number; sizeSmall: number; only: ScenarioName[]; seed: number };
  wallMs: number;
  rows: Row[];
};

/** Runs one part of a scenario; a failure becomes an error row and the scenario goes on. */
export async function part(
  rows: Row[],
  scenario: string,
  what: string,
  f: () => Promise<Row[]>,
): Promise<void> {
  try {
    rows.push(...(await f()));
  } catch (e) {
    const msg = ((e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '').slice(0, 300);
    console.log(`[bench] ${scenario} / ${what} failed: ${msg}`);
    rows.push({
      scenario,
      metric: `${what}: failed`,
      unit: 'ms',
      app: null,
      baseline: null,
      goal: { on: 'value', op: '<=', target: 0 },
      note: msg,
    });
  }
}
