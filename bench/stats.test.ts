import { describe, expect, it } from 'vitest';
import { maxOf, median, p95, quantile, seededInts } from './stats';
import { renderLatencies } from './frames';
import { parseArgs } from './args';
import { SCENARIOS } from './types';

describe('stats', () => {
  it('interpolates quantiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(p95(Array.from({ length: 101 }, (_, i) => i))).toBe(95);
    expect(quantile([], 0.5)).toBeNaN();
    expect(maxOf([])).toBe(0);
  });
  it('draws the same seeded integers in range every time', () => {
    const a = seededInts(42, 100, 10, 20);
    expect(a).toEqual(seededInts(42, 100, 10, 20));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...a)).toBeLessThanOrEqual(20);
  });
});

describe('renderLatencies', () => {
  it('charges every sequence to the first frame that drew past it', () => {
    const published = new Map([
      [1, 1000],
      [2, 1010],
      [3, 1020],
    ]);
    // Out of order and with a repeated sequence: only increases count.
    const frames = [
      { seq: 3, at: 1100 },
      { seq: 1, at: 1050 },
      { seq: 1, at: 1060 },
    ];
    expect(renderLatencies(frames, published)).toEqual([50, 90, 80]);
  });
  it('leaves never-rendered messages out', () => {
    expect(
      renderLatencies(
        [{ seq: 1, at: 5 }],
        new Map([
          [1, 0],
          [2, 1],
        ]),
      ),
    ).toEqual([5]);
  });
});

describe('parseArgs', () => {
  it('defaults to every scenario at 1M / 100k', () => {
    const o = parseArgs([]);
    expect(o.sizeLarge).toBe(1_000_000);
    expect(o.sizeSmall).toBe(100_000);
    expect(o.only).toEqual([...SCENARIOS]);
  });
  it("reads the fastpaths scenario's server binaries", () => {
    expect(
      parseArgs(['--only', 'fastpaths', '--server-bins', '/a/nats-server, nats-server']).serverBins,
    ).toEqual(['/a/nats-server', 'nats-server']);
    expect(() => parseArgs(['--server-bins', ' , '])).toThrow(/needs one or more/);
  });
  it('reads --only and --size, keeping the small range within the large one', () => {
    const o = parseArgs(['--only', 'replay,browse', '--size=20000']);
    expect(o.only).toEqual(['browse', 'replay']);
    expect(o.sizeSmall).toBe(2000);
    expect(parseArgs(['--size', '500', '--small', '9000']).sizeSmall).toBe(500);
  });
  it('rejects bad input with a readable message', () => {
    expect(() => parseArgs(['--only', 'nope'])).toThrow(/unknown scenario "nope"/);
    expect(() => parseArgs(['--size', '-3'])).toThrow(/positive integer/);
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown option/);
  });
});
