import { describe, expect, it } from 'vitest';
import { kindCode, type TimelineEvent } from './event';
import { arraySource, niceMax, prepareRates, prepareRatesColumns } from './rates';
import { RingBuffer } from './ring-buffer';
import { ev as fixture } from './fixtures.test-util';

describe('prepareRates', () => {
  const evs = [
    { timeMs: 0, kind: 'message' },
    { timeMs: 500, kind: 'status' },
    { timeMs: 1500, kind: 'task' },
    { timeMs: 1600, kind: 'generic' },
    { timeMs: 9999, kind: 'message' },
    { timeMs: 10_000, kind: 'message' },
  ];

  it('buckets by kind as per-second rates, one point per second when pixels allow', () => {
    const pts = prepareRates(arraySource(evs), 0, 10_000, 1000);
    expect(pts).toHaveLength(10);
    expect(pts[0]).toEqual({ t: 0, message: 1, status: 1, task: 0 });
    expect(pts[1]).toEqual({ t: 1000, message: 1, status: 0, task: 1 });
    expect(pts[9]).toEqual({ t: 9000, message: 1, status: 0, task: 0 });
  });

  it('downsamples to at most one point per pixel, keeping totals', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      timeMs: i * 36,
      kind: i % 3 === 0 ? 'status' : 'message',
    }));
    const pts = prepareRates(arraySource(many), 0, 3_600_000, 300);
    expect(pts).toHaveLength(300);
    const bucketSec = 3_600_000 / 300 / 1000;
    const total = pts.reduce((s, p) => s + (p.message + p.status + p.task) * bucketSec, 0);
    expect(Math.round(total)).toBe(100_000);
  });

  it('returns nothing for an empty range or no width', () => {
    expect(prepareRates(arraySource(evs), 10, 10, 100)).toEqual([]);
    expect(prepareRates(arraySource(evs), 0, 10, 0)).toEqual([]);
  });
});

describe('prepareRatesColumns', () => {
  it('gives the same points as prepareRates, read from a wrapped ring', () => {
    const kinds = ['message', 'status', 'task', 'generic'] as const;
    const ring = new RingBuffer<TimelineEvent>(500, kindCode);
    const evs: TimelineEvent[] = [];
    for (let seq = 1; seq <= 1300; seq++) {
      const ev = fixture({ seq, kind: kinds[seq % 4]!, subject: 'agent.x', timeMs: seq * 7 });
      ring.insert(ev);
      evs.push(ev);
    }
    const held = evs.slice(-500);
    for (const [from, to, w] of [
      [0, 10_000, 50],
      [5000, 8000, 7],
      [6000, 6001, 3],
    ] as const)
      expect(prepareRatesColumns(ring, from, to, w, 100)).toEqual(
        prepareRates(arraySource(held), from, to, w, 100),
      );
  });
});

describe('niceMax', () => {
  it('rounds up so the quarter gridlines are round numbers (whole for small rates)', () => {
    const cases: [number, number][] = [[0, 4], [3, 4], [7, 8], [10, 12], [13, 16], [90, 100], [150, 160], [554, 600], [2000, 2000], [2216, 2400], [4100, 6000], [8001, 10000]];
    for (const [max, top] of cases) {
      expect(niceMax(max)).toBe(top);
      for (let k = 1; k <= 4; k++) expect(Number.isInteger((top * k) / 4)).toBe(true);
    }
  });
});
