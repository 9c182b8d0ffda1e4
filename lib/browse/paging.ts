/**
 * Paging maths for reading a stream newest-first. nats-server has no reverse read, so a page
 * ending at sequence E is read forwards over a window [S, E]; with a filter the window grows
 * when too few messages matched. Pure.
 */

/** Rows per page fetched by the browser. */
export const PAGE_SIZE = 200;
/** Largest backward window (sequences) read in one go. */
export const MAX_WINDOW = 1_000_000;

/** The window [start, end] ending at `end`, `width` sequences wide, not before `first`. */
export function backwardWindow(
  end: number,
  width: number,
  first: number,
): { start: number; end: number } {
  const w = Math.max(1, Math.floor(width));
  return { start: Math.max(first, end - w + 1), end };
}

/**
 * Width of the next backward window: from the match density seen so far, enough to find the
 * `need` missing rows with some slack; at least doubles when nothing matched.
 */
export function nextWindowWidth(width: number, found: number, need: number): number {
  if (need <= 0) return width;
  const grown = found === 0 ? width * 8 : Math.ceil((width * need * 1.5) / found);
  return Math.min(MAX_WINDOW, Math.max(width * 2, grown));
}

/** First window width for a page of `limit` rows: exact when unfiltered, wider with a filter. */
export function initialWindowWidth(limit: number, filtered: boolean): number {
  return filtered ? limit * 4 : limit;
}

/** Largest page read while scrolling on (bigger reads stream through readRange). */
export const MAX_PAGE_SIZE = 1000;

/**
 * Rows to read for the next page on one side after `pagesRead` pages were read on it since
 * the view opened: a seek's first pages stay at PAGE_SIZE (fast to show), scrolling on
 * doubles the size up to MAX_PAGE_SIZE so a fast scroll is not paced by per-page round trips.
 */
export function nextPageSize(pagesRead: number): number {
  const n = Math.max(0, Math.floor(pagesRead));
  return Math.min(MAX_PAGE_SIZE, PAGE_SIZE * 2 ** Math.min(n, 10));
}

/**
 * Start reading the next page when the view is within this many rows of the loaded end:
 * half the next page (at least 40), so a big page is asked for well before it is needed
 * while a freshly opened view (a seek) does not read beyond its first pages at once.
 */
export function prefetchRows(pageSize: number): number {
  return Math.max(40, Math.floor(pageSize / 2));
}
