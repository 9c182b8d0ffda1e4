/**
 * The window of loaded rows in the stream browser: rows are kept ascending by sequence, pages
 * are added at either end, and once the window holds more than WINDOW_ROWS the rows on the
 * other side (away from where the user is scrolling) are dropped, keeping WINDOW_MARGIN rows
 * between the view and the new edge. Dropped rows are read again when scrolled back to. This
 * bounds the live heap (every page kept used to add ~0.7 KB a row: ~700 MB for 1M rows, and
 * major GCs that grow with it). Pure.
 */

/** Most rows kept loaded around the view (~14 MB of rows). */
export const WINDOW_ROWS = 20_000;
/**
 * Rows always kept between the view and an edge that is dropped: several screens, and more
 * than the prefetch distance (≤ 500 rows), so a drop never makes the view read at once again.
 */
export const WINDOW_MARGIN = 2_000;

export type Side = 'older' | 'newer';
type Seq = { seq: number };

/**
 * Adds a page read on `side` to ascending `cur` (rows overlapping the loaded range are
 * skipped, so sequences stay strictly ascending even if a refresh races a page).
 */
export function mergePage<T extends Seq>(cur: T[], page: T[], side: Side): T[] {
  if (cur.length === 0) return page.slice();
  if (side === 'older') {
    const lo = (cur[0] as T).seq;
    return page.filter((r) => r.seq < lo).concat(cur);
  }
  const hi = (cur[cur.length - 1] as T).seq;
  return cur.concat(page.filter((r) => r.seq > hi));
}

/**
 * Rows to drop from the far side when the window holds `total` rows and `beyond` of them lie
 * between the view and that side: down to `max` rows, never closer than `margin` to the view.
 */
export function rowsToDrop(total: number, beyond: number, max = WINDOW_ROWS, margin = WINDOW_MARGIN): number {
  const over = total - max;
  if (over <= 0) return 0;
  return Math.max(0, Math.min(over, Math.floor(beyond) - margin));
}

/** The side opposite `side`. */
export const otherSide = (side: Side): Side => (side === 'older' ? 'newer' : 'older');

/**
 * Adds a page on `side` and trims the other side: `beyond` is how many loaded rows lie between
 * the view and the other side's edge. Returns the rows and how many were dropped there.
 */
export function applyPage<T extends Seq>(
  cur: T[],
  page: T[],
  side: Side,
  beyond: number,
  max = WINDOW_ROWS,
  margin = WINDOW_MARGIN,
): { rows: T[]; dropped: number } {
  const merged = mergePage(cur, page, side);
  const n = rowsToDrop(merged.length, beyond, max, margin);
  if (n === 0) return { rows: merged, dropped: 0 };
  // Dropping on the older side removes the lowest sequences, on the newer side the highest.
  return { rows: side === 'newer' ? merged.slice(n) : merged.slice(0, merged.length - n), dropped: n };
}
