import { describe, expect, it } from 'vitest';
import { heapDetail, rendererCpuDelta } from './probes';

describe('heapDetail', () => {
  it("says how much of a page + workers heap was the workers'", () => {
    const kinds = { js: 20, buffers: 10.04, dom: 2.31 };
    expect(heapDetail({ page: 12.34, workers: 20.01, total: 32.35, workerCount: 2, kinds })).toBe(
      'page 12.3 MB + 2 workers 20.0 MB: JS 20.0 + array buffers 10.0 + DOM 2.3',
    );
    expect(heapDetail({ page: 9, workers: 3, total: 12, workerCount: 1, kinds })).toMatch(
      /^page 9.0 MB \+ 1 worker 3.0 MB: JS /,
    );
    expect(heapDetail({ page: 14, workers: 0, total: 14, workerCount: 0, kinds })).toMatch(
      /^page 14.0 MB, no workers: JS /,
    );
  });
});

describe('rendererCpuDelta', () => {
  it('sums each renderer’s growth; one started meanwhile counts from 0, one gone counts nothing', () => {
    const a = new Map([
      [1, 10],
      [2, 5],
    ]);
    const b = new Map([
      [1, 12.5],
      [3, 0.75],
    ]);
    expect(rendererCpuDelta(a, b)).toBeCloseTo(3.25);
  });
});
