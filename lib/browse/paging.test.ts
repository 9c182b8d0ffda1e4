import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, PAGE_SIZE, nextPageSize, prefetchRows } from './paging';
import { FETCH_PAGE_MAX } from './fetch-page';

describe('page size while scrolling', () => {
  it('starts at PAGE_SIZE and doubles up to MAX_PAGE_SIZE', () => {
    expect([0, 1, 2, 3, 4, 50].map(nextPageSize)).toEqual([PAGE_SIZE, 400, 800, 1000, 1000, 1000]);
    expect(nextPageSize(-1)).toBe(PAGE_SIZE);
    expect(nextPageSize(Infinity)).toBe(MAX_PAGE_SIZE);
  });

  it('stays within one direct pull (fetchPage) when unfiltered', () => {
    expect(MAX_PAGE_SIZE).toBeLessThanOrEqual(FETCH_PAGE_MAX);
  });

  it('prefetches half a page ahead, at least 40 rows', () => {
    expect(prefetchRows(PAGE_SIZE)).toBe(100);
    expect(prefetchRows(MAX_PAGE_SIZE)).toBe(500);
    expect(prefetchRows(10)).toBe(40);
  });
});
