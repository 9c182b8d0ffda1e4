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
export function backwardWindow(end: number, width: number, first: number): { start: number; end: number } {
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
