import { describe, expect, it } from 'vitest';
import { heapDetail } from './probes';

describe('heapDetail', () => {
  it("says how much of a page + workers heap was the workers'", () => {
    expect(heapDetail({ page: 12.34, workers: 20.01, total: 32.35, workerCount: 2 })).toBe(
      'page 12.3 MB + 2 workers 20.0 MB',
    );
    expect(heapDetail({ page: 9, workers: 3, total: 12, workerCount: 1 })).toBe(
      'page 9.0 MB + 1 worker 3.0 MB',
    );
    expect(heapDetail({ page: 14, workers: 0, total: 14, workerCount: 0 })).toBe(
      'page 14.0 MB, no workers',
    );
  });
});
