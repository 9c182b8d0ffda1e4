import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { histogramFromSamples, pointsOnClock, sampleSeqs } from './histogram';
import { downsample } from './downsample';
import { lagMs, lagStatus } from './slo';

describe('sampled histogram', () => {
  it('spaces samples evenly and includes both ends', () => {
    expect(sampleSeqs(1, 1_000_000, 5)).toEqual([1, 250_001, 500_001, 750_000, 1_000_000]);
    expect(sampleSeqs(10, 12, 48)).toEqual([10, 11, 12]);
    expect(sampleSeqs(5, 4, 3)).toEqual([]);
  });
  it('spreads messages between samples evenly over time', () => {
    // 1 + 100 messages over 0..1000 ms, 4 buckets of 250 ms.
    const b = histogramFromSamples(
      [
        { seq: 1, timeMs: 0 },
        { seq: 101, timeMs: 1000 },
      ],
      { buckets: 4, fromMs: 0, toMs: 1000 },
    );
    expect(b.map((x) => x.count)).toEqual([26, 25, 25, 25]);
  });
  it('conserves the message count inside the window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 100 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (steps) => {
          let seq = 1;
          let t = 0;
          const pts = [{ seq, timeMs: t }];
          for (const [ds, dt] of steps) pts.push({ seq: (seq += ds), timeMs: (t += dt) });
          const b = histogramFromSamples(pts, { buckets: 7, fromMs: 0, toMs: Math.max(1, t) });
          const total = b.reduce((s, x) => s + x.count, 0);
          expect(total).toBeCloseTo(seq, 6);
        },
      ),
    );
  });
});

describe('downsample', () => {
  it('keeps at most the budget and preserves spikes', () => {
    const pts = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: i === 500 ? 999 : 1 }));
    const d = downsample(pts, 100, (p) => p.y);
    expect(d.length).toBeLessThanOrEqual(100);
    expect(d.some((p) => p.y === 999)).toBe(true);
    expect(d.map((p) => p.x)).toEqual([...d.map((p) => p.x)].sort((a, b) => a - b));
    expect(downsample(pts.slice(0, 10), 100, (p) => p.y)).toHaveLength(10);
  });
});

describe('service levels', () => {
  it('judges lag against the seed target', () => {
    expect(lagStatus(40)).toBe('met');
    expect(lagStatus(150)).toBe('missed');
    expect(lagMs(1000, 1500)).toBe(500);
    expect(lagMs(null, 1500)).toBe(0);
  });
});

describe('the histogram on the agents’ clock', () => {
  it('spreads a history written in seconds over the day its payloads say, and counts the points with created_at', () => {
    const day = Date.UTC(2026, 10, 20);
    // 960 messages stored within 10 s, created over 24 h; one sample has no created_at.
    const pts = Array.from({ length: 25 }, (_, i) => ({
      seq: 1 + i * 40 - (i === 24 ? 1 : 0),
      timeMs: 1_000_000 + i * 400,
      createdMs: i === 7 ? null : day + i * 3_600_000,
    }));
    const stream = pointsOnClock(pts, 'stream');
    expect(stream.toMs - stream.fromMs).toBe(9_600);
    const agent = pointsOnClock(pts, 'agent');
    expect(agent.withCreated).toBe(24);
    expect(agent.fromMs).toBe(day);
    expect(agent.toMs).toBe(day + 24 * 3_600_000);
    expect(agent.points).toHaveLength(24);
    expect(agent.clock).toBe('agent');
    expect(
      pointsOnClock(
        pts.map((p) => ({ ...p, createdMs: null })),
        'agent',
      ).clock,
    ).toBe('stream');
    const b = histogramFromSamples(agent.points, {
      buckets: 24,
      fromMs: agent.fromMs,
      toMs: agent.toMs,
    });
    // About 40 a bucket: no single spike.
    expect(Math.max(...b.map((x) => x.count))).toBeLessThan(60);
    expect(Math.round(b.reduce((s, x) => s + x.count, 0))).toBe(960);
  });
});
