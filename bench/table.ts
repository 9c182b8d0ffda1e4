/**
 * Turns benchmark rows into verdicts and tables (plain text for the terminal, Markdown for
 * bench/results/README.md and docs/bench.md). Pure, so it is unit-tested.
 */
import type { BenchReport, Goal, Row, Verdict } from './types';

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

/** pass/miss against the goal; 'error' when the app figure is missing; 'info' without a goal. */
export function verdictOf(r: Row): Verdict {
  if (r.app === null) return r.goal ? 'error' : 'info';
  if (!r.goal) return 'info';
  const x = r.goal.on === 'value' ? r.app : ratioOf(r);
  if (x === null) return 'error';
  return meets(x, r.goal) ? 'pass' : 'miss';
}

/** A figure with a sensible number of digits and its unit. */
export function formatValue(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const n = v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return `${n} ${unit}`;
}

/** The goal as text, e.g. "≤ 150 ms" or "≥ 0.8×". */
export function formatGoal(g: Goal | undefined, unit: string): string {
  if (!g) return '';
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
      formatValue(r.app, r.unit),
      formatValue(r.baseline, r.unit),
      formatRatio(ratioOf(r)),
      formatGoal(r.goal, r.unit),
      verdictOf(r) === 'info' ? '' : verdictOf(r),
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
  const counts = { pass: 0, miss: 0, error: 0 };
  for (const r of rep.rows) {
    const v = verdictOf(r);
    if (v !== 'info') counts[v]++;
  }
  return [
    `Run of ${rep.date} on ${m.cpus} × ${m.cpuModel}, ${m.memGB} GB RAM, ${m.platform}, Node ${m.node}, ` +
      `${m.chromium}, nats-server ${m.natsServer}. Sizes: ${rep.options.sizeLarge.toLocaleString('en-US')} and ` +
      `${rep.options.sizeSmall.toLocaleString('en-US')} messages (seed ${rep.options.seed}). Wall time ${(rep.wallMs / 1000).toFixed(0)} s. ` +
      `${counts.pass} pass, ${counts.miss} miss, ${counts.error} error.`,
    '',
    markdownTable(rep.rows),
    '',
    ...notes(rep.rows).map((n) => `- ${n}`),
  ].join('\n');
}
