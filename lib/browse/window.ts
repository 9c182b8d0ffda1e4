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
 * Rows to drop from the far side when the window holds `total` rows and `beyond` of them lie
 * between the view and that side: down to `max` rows, never closer than `margin` to the view.
 */
export function rowsToDrop(
  total: number,
  beyond: number,
  max = WINDOW_ROWS,
  margin = WINDOW_MARGIN,
): number {
  const over = total - max;
  if (over <= 0) return 0;
  return Math.max(0, Math.min(over, Math.floor(beyond) - margin));
}

/** The side opposite `side`. */
export const otherSide = (side: Side): Side => (side === 'older' ? 'newer' : 'older');

/**
 * Adds a page on `side` and trims the other side: `beyond` is how many loaded rows lie between
 * the view and the other side's edge. Returns the rows and how many were dropped there.
 *
 * The result is built in one array of its final size: with a full window that array holds
 * 20,000 references (160 KB), which V8 allocates straight in the old generation (large-object
 * space), so each one brings the next major GC closer. Merging and then slicing made two per
 * page, about as many old-generation bytes as the page's rows themselves.
 */
export function applyPage<T extends Seq>(
  cur: T[],
  page: T[],
  side: Side,
  beyond: number,
  max = WINDOW_ROWS,
  margin = WINDOW_MARGIN,
): { rows: T[]; dropped: number } {
  // The page's rows beyond the loaded range: a refresh racing a page may overlap it, and
  // skipping those keeps the sequences strictly ascending.
  let from = 0;
  let to = page.length;
  if (cur.length === 0) {
    // Nothing loaded yet: the whole page.
  } else if (side === 'older') {
    const lo = (cur[0] as T).seq;
    while (to > 0 && (page[to - 1] as T).seq >= lo) to--;
  } else {
    const hi = (cur[cur.length - 1] as T).seq;
    while (from < to && (page[from] as T).seq <= hi) from++;
  }
  const added = to - from;
  const total = cur.length + added;
  const n = rowsToDrop(total, beyond, max, margin);
  // The merged rows are the page's then the loaded ones (older) or the other way round
  // (newer); dropping on the older side removes the lowest sequences, on the newer the highest.
  const [first, second, firstFrom, secondFrom, firstLen] =
    side === 'older' ? [page, cur, from, 0, added] : [cur, page, 0, from, cur.length];
  const start = side === 'newer' ? n : 0;
  const out = new Array<T>(total - n);
  for (let i = start, k = 0; k < out.length; i++, k++)
    out[k] = (i < firstLen ? first[firstFrom + i] : second[secondFrom + i - firstLen]) as T;
  return { rows: out, dropped: n };
}
