import { describe, expect, it } from 'vitest';
import {
  exitCodeOf,
  formatGoal,
  formatRatio,
  formatValue,
  gateLine,
  gateOf,
  markdownReport,
  markdownTable,
  ratioOf,
  textTable,
  verdictOf,
} from './table';
import type { Row } from './types';

const row = (p: Partial<Row>): Row => ({
  scenario: 's',
  metric: 'm',
  unit: 'ms',
  app: 100,
  baseline: 50,
  ...p,
});

describe('verdictOf', () => {
  it('checks value goals on the app figure', () => {
    expect(verdictOf(row({ app: 150, goal: { on: 'value', op: '<=', target: 150 } }))).toBe('pass');
    expect(verdictOf(row({ app: 151, goal: { on: 'value', op: '<=', target: 150 } }))).toBe('miss');
    expect(verdictOf(row({ app: 150, goal: { on: 'value', op: '<', target: 150 } }))).toBe('miss');
  });
  it('checks ratio goals on app ÷ baseline', () => {
    expect(
      verdictOf(row({ app: 80, baseline: 100, goal: { on: 'ratio', op: '>=', target: 0.8 } })),
    ).toBe('pass');
    expect(
      verdictOf(row({ app: 79, baseline: 100, goal: { on: 'ratio', op: '>=', target: 0.8 } })),
    ).toBe('miss');
    expect(verdictOf(row({ baseline: null, goal: { on: 'ratio', op: '>=', target: 0.8 } }))).toBe(
      'error',
    );
  });
  it('reports a missing figure with a goal as an error, never as a pass', () => {
    expect(verdictOf(row({ app: null, goal: { on: 'value', op: '<=', target: 1 } }))).toBe('error');
  });
  it('refuses a row with neither a goal nor the reference mark', () => {
    expect(verdictOf(row({}))).toBe('no goal');
    expect(verdictOf(row({ app: null }))).toBe('no goal');
    const g = gateOf([row({ metric: 'forgotten' })]);
    expect(g.ok).toBe(false);
    expect(g.errored).toHaveLength(1);
    expect(gateLine(g)).toBe('1 row in error: s / forgotten (no goal)');
    expect(textTable([row({})]).split('\n')[2]).toMatch(/no goal$/);
  });
  it('prints reference rows with "reference" in the goal column and never gates on them', () => {
    const ref = row({ app: null, baseline: 33_000, unit: 'msgs/s', goal: 'reference' });
    expect(verdictOf(ref)).toBe('reference');
    expect(verdictOf({ ...ref, baseline: null })).toBe('reference');
    expect(formatGoal('reference', 'ms')).toBe('reference');
    const md = markdownTable([ref]).split('\n');
    expect(md[2]).toBe('| s | m | — | 33,000 msgs/s | — | reference |  |');
    expect(gateOf([ref]).ok).toBe(true);
  });
});

describe('the gate (exit code and last line)', () => {
  const pass = row({ metric: 'seek', app: 50, goal: { on: 'value', op: '<=', target: 150 } });
  const miss = row({
    scenario: 'replay',
    metric: 'longest task playing at 100×',
    app: 106,
    goal: { on: 'value', op: '<=', target: 100 },
  });
  const missRatio = row({
    metric: 'read',
    unit: 'msgs/s',
    app: 72,
    baseline: 100,
    goal: { on: 'ratio', op: '>=', target: 0.83 },
  });
  const failed = row({
    scenario: 'tasks',
    metric: 'rows: failed',
    app: null,
    baseline: null,
    goal: { on: 'value', op: '<=', target: 0 },
  });
  const ref = row({ app: null, goal: 'reference' });

  it('passes when every goal is met, whatever the reference rows say', () => {
    const g = gateOf([pass, ref]);
    expect(g.ok).toBe(true);
    expect(exitCodeOf(g, true)).toBe(0);
    expect(gateLine(g)).toBe('all 1 goal met (1 reference row)');
    expect(gateLine(gateOf([pass, pass, ref, ref]))).toBe('all 2 goals met (2 reference rows)');
  });
  it('fails on a missed goal and names it with its figure and goal', () => {
    const g = gateOf([pass, miss, missRatio, ref]);
    expect(g.ok).toBe(false);
    expect(exitCodeOf(g, true)).toBe(1);
    expect(gateLine(g)).toBe(
      '2 goals missed: replay / longest task playing at 100× (106 ms, goal ≤ 100 ms); ' +
        's / read (72 msgs/s = 0.72×, goal ≥ 0.83×)',
    );
  });
  it('fails on a scenario that errored, even with no goal missed', () => {
    const g = gateOf([pass, failed]);
    expect(exitCodeOf(g, true)).toBe(1);
    expect(gateLine(g)).toBe('1 row in error: tasks / rows: failed (no figure)');
  });
  it('says both when goals were missed and rows errored', () => {
    expect(gateLine(gateOf([miss, failed]))).toMatch(/^1 goal missed: .* · 1 row in error: /);
  });
  it('does not gate when asked not to (--no-gate), but still says what was missed', () => {
    const g = gateOf([miss, failed]);
    expect(exitCodeOf(g, false)).toBe(0);
    expect(gateLine(g)).toMatch(/goal missed/);
  });
  it('counts verdicts in the Markdown report', () => {
    const md = markdownReport({
      date: 'd',
      machine: {
        cpus: 2,
        cpuModel: 'cpu',
        memGB: 1,
        platform: 'p',
        node: 'n',
        chromium: 'c',
        natsServer: 'v',
      },
      options: { sizeLarge: 10, sizeSmall: 1, only: ['browse'], seed: 1 },
      wallMs: 1000,
      rows: [pass, miss, failed, ref],
    });
    expect(md).toContain('1 pass, 1 miss, 1 error, 1 reference.');
  });
});

describe('longest task', () => {
  it('prints "none over 50 ms" for a longest task of 0 (the Long Tasks API reports nothing shorter)', () => {
    const r = row({
      metric: 'scroll 100,000 rows: longest task',
      app: 0,
      baseline: 0,
      goal: { on: 'value', op: '<=', target: 50 },
    });
    const text = textTable([r]);
    expect(text).not.toMatch(/\b0 ms\b/);
    expect(text.split('\n')[2]).toMatch(/none over 50 ms\s+none over 50 ms\s+—\s+≤ 50 ms\s+pass/);
    expect(markdownTable([r])).toContain('| none over 50 ms | none over 50 ms |');
    expect(
      markdownTable([{ ...r, metric: '2,000/s: longest task over the last minute' }]),
    ).toContain('none over 50 ms');
  });
  it("prints a measured longest task as it is, and other rows' 0 as 0", () => {
    const r = row({ metric: 'longest task playing at 100×', app: 106, baseline: null });
    expect(markdownTable([r])).toContain('| 106 ms |');
    expect(markdownTable([row({ metric: 'seek, median', app: 0 })])).toContain('| 0 ms |');
  });
});

describe('formatting', () => {
  it('formats values, ratios and goals', () => {
    expect(formatValue(1234.5, 'msgs/s')).toBe('1,235 msgs/s');
    expect(formatValue(12.34, 'ms')).toBe('12.3 ms');
    expect(formatValue(null, 'ms')).toBe('—');
    expect(formatRatio(ratioOf(row({ app: 100, baseline: 50 })))).toBe('2.0×');
    expect(formatRatio(ratioOf(row({ app: 1, baseline: 0 })))).toBe('—');
    expect(formatGoal({ on: 'ratio', op: '>=', target: 0.85 }, 'ms')).toBe('≥ 0.85×');
    expect(formatGoal({ on: 'value', op: '<=', target: 150 }, 'ms')).toBe('≤ 150 ms');
  });
  it('lays out aligned text and Markdown tables with one line per row', () => {
    const rows = [
      row({ goal: { on: 'value', op: '<=', target: 150 } }),
      row({ metric: 'a | b', app: null }),
    ];
    const text = textTable(rows).split('\n');
    expect(text).toHaveLength(4);
    expect(text[2]).toContain('pass');
    const md = markdownTable(rows).split('\n');
    expect(md[1]).toBe('| --- | --- | ---: | ---: | ---: | --- | --- |');
    expect(md[3]).toContain('a \\| b');
  });
});
