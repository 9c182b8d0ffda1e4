import { describe, expect, it } from 'vitest';
import {
  formatGoal,
  formatRatio,
  formatValue,
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
    expect(verdictOf(row({ app: null }))).toBe('info');
    expect(verdictOf(row({}))).toBe('info');
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
