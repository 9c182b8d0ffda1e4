/**
 * Turns benchmark rows into verdicts and tables (plain text for the terminal, Markdown for
 * bench/results/README.md and docs/bench.md). Pure, so it is unit-tested.
 */
import { REFERENCE, type BenchReport, type Goal, type Row, type Verdict } from './types';

/** The Long Tasks API's threshold: it reports tasks longer than this and nothing shorter. */
export const LONG_TASK_MS = 50;

/** app ÷ baseline, or null when either side is missing or the baseline is zero. */
export function ratioOf(r: Row): number | null {
  if (r.app === null || r.baseline === null || r.baseline === 0) return null;
  return r.app / r.baseline;
}

function meets(x: number, g: Goal): boolean {
  if (g.op === '<=') return x <= g.target;
  if (g.op === '<') return x < g.target;
  return x >= g.target;
}

/**
 * pass/miss against the goal; 'error' when a figure the goal needs is missing; 'reference' for
 * a row marked so; 'no goal' for a row with neither (refused: it counts against the run).
 */
export function verdictOf(r: Row): Verdict {
  if (r.goal === REFERENCE) return 'reference';
  if (!r.goal) return 'no goal';
  if (r.app === null) return 'error';
  const x = r.goal.on === 'value' ? r.app : ratioOf(r);
  if (x === null) return 'error';
  return meets(x, r.goal) ? 'pass' : 'miss';
}

/**
 * A longest-task row (its metric says "longest task"). The Long Tasks API reports only tasks
 * over 50 ms, so its 0 means "none over 50 ms", never a measured 0 ms.
 */
export function isLongestTask(r: Pick<Row, 'metric'>): boolean {
  return /\blongest task\b/i.test(r.metric);
}

/** A figure with a sensible number of digits and its unit. */
export function formatValue(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const n = v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return `${n} ${unit}`;
}

/** A row's app or baseline figure as printed: a longest task of 0 is "none over 50 ms". */
export function formatFigure(r: Row, v: number | null): string {
  if (v === 0 && isLongestTask(r)) return `none over ${LONG_TASK_MS} ms`;
  return formatValue(v, r.unit);
}

/** The goal as text, e.g. "≤ 150 ms", "≥ 0.8×" or "reference". */
export function formatGoal(g: Row['goal'], unit: string): string {
  if (!g) return '';
  if (g === REFERENCE) return REFERENCE;
  const op = g.op === '<=' ? '≤' : g.op === '>=' ? '≥' : '<';
  return g.on === 'ratio'
    ? `${op} ${g.target}×`
    : `${op} ${g.target.toLocaleString('en-US')} ${unit}`;
}

export function formatRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return '—';
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;
}

const HEAD = ['scenario', 'metric', 'app', 'baseline', 'ratio', 'goal', 'result'];

/** The table's cells, one array per row (header first). */
export function tableCells(rows: readonly Row[]): string[][] {
  return [
    HEAD,
    ...rows.map((r) => [
      r.scenario,
      r.metric,
      formatFigure(r, r.app),
      formatFigure(r, r.baseline),
      formatRatio(ratioOf(r)),
      formatGoal(r.goal, r.unit),
      verdictOf(r) === 'reference' ? '' : verdictOf(r),
    ]),
  ];
}

/** Fixed-width text table for the terminal. */
export function textTable(rows: readonly Row[]): string {
  const cells = tableCells(rows);
  const widths = HEAD.map((_, i) => Math.max(...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((s, i) => (i >= 2 && i <= 4 ? s.padStart(widths[i] ?? 0) : s.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const [head, ...body] = cells;
  return [
    line(head as string[]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
  ].join('\n');
}

/** GitHub Markdown table. */
export function markdownTable(rows: readonly Row[]): string {
  const cells = tableCells(rows).map((c) => c.map((s) => s.replace(/\|/g, '\\|')));
  const [head, ...body] = cells;
  const align = HEAD.map((_, i) => (i >= 2 && i <= 4 ? '---:' : '---'));
  return [head as string[], align, ...body].map((c) => `| ${c.join(' | ')} |`).join('\n');
}

/** Notes of the rows that have one, numbered by row, for under the table. */
export function notes(rows: readonly Row[]): string[] {
  return rows.filter((r) => r.note).map((r) => `${r.scenario} / ${r.metric}: ${r.note}`);
}

/** The whole report as Markdown (table, machine, notes). */
export function markdownReport(rep: BenchReport): string {
  const m = rep.machine;
  const g = gateOf(rep.rows);
  return [
    `Run of ${rep.date} on ${m.cpus} × ${m.cpuModel}, ${m.memGB} GB RAM, ${m.platform}, Node ${m.node}, ` +
      `${m.chromium}, nats-server ${m.natsServer}. Sizes: ${rep.options.sizeLarge.toLocaleString('en-US')} and ` +
      `${rep.options.sizeSmall.toLocaleString('en-US')} messages (seed ${rep.options.seed}). Wall time ${(rep.wallMs / 1000).toFixed(0)} s. ` +
      `${g.passed.length} pass, ${g.missed.length} miss, ${g.errored.length} error, ${g.references} reference.`,
    '',
    markdownTable(rep.rows),
    '',
    ...notes(rep.rows).map((n) => `- ${n}`),
  ].join('\n');
}

/** What a run's rows decide: the goals missed and the rows in error (no figure, or no goal). */
export type Gate = {
  passed: Row[];
  missed: Row[];
  /** Rows whose goal could not be checked (a figure missing, a scenario failed) or with no goal. */
  errored: Row[];
  references: number;
  ok: boolean;
};

export function gateOf(rows: readonly Row[]): Gate {
  const g: Gate = { passed: [], missed: [], errored: [], references: 0, ok: true };
  for (const r of rows) {
    const v = verdictOf(r);
    if (v === 'pass') g.passed.push(r);
    else if (v === 'miss') g.missed.push(r);
    else if (v === 'reference') g.references++;
    else g.errored.push(r);
  }
  g.ok = g.missed.length === 0 && g.errored.length === 0;
  return g;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One row in a summary: "scenario / metric (what is wrong)". */
function cite(r: Row): string {
  const v = verdictOf(r);
  let what: string;
  if (v === 'no goal') what = 'no goal';
  else if (r.app === null) what = 'no figure';
  else if (ratioOf(r) === null && r.goal !== REFERENCE && r.goal?.on === 'ratio')
    what = 'no baseline';
  else {
    const ratio =
      r.goal !== REFERENCE && r.goal?.on === 'ratio' ? ` = ${formatRatio(ratioOf(r))}` : '';
    what = `${formatFigure(r, r.app)}${ratio}, goal ${formatGoal(r.goal, r.unit)}`;
  }
  return `${r.scenario} / ${r.metric} (${what})`;
}

/** The run's last line, e.g. "2 goals missed: … · 1 row in error: …" or "all 25 goals met". */
export function gateLine(g: Gate): string {
  if (g.ok)
    return `all ${plural(g.passed.length, 'goal', 'goals')} met (${plural(g.references, 'reference row', 'reference rows')})`;
  const parts: string[] = [];
  if (g.missed.length)
    parts.push(
      `${plural(g.missed.length, 'goal', 'goals')} missed: ${g.missed.map(cite).join('; ')}`,
    );
  if (g.errored.length)
    parts.push(
      `${plural(g.errored.length, 'row', 'rows')} in error: ${g.errored.map(cite).join('; ')}`,
    );
  return parts.join(' · ');
}

/** The process's exit code: 1 when the run is gated and a goal was missed or a row errored. */
export function exitCodeOf(g: Gate, gated: boolean): number {
  return gated && !g.ok ? 1 : 0;
}
