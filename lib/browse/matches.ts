/**
 * "Next match" / "Previous match": which search match to open next, in the table's display
 * order (so `n` moves the same way as `j`). Pure.
 */

/**
 * The match after (`dir` 1) or before (-1) `current` as displayed in `order`, from the
 * ascending match sequences. When `current` is not a match, the nearest one in that
 * direction; when nothing is open, the first (or last) displayed match. Null at the end.
 */
export function adjacentMatch(
  asc: readonly number[],
  order: 'asc' | 'desc',
  current: number | null,
  dir: 1 | -1,
): number | null {
  if (asc.length === 0) return null;
  // "Down" the table (dir 1) means higher sequences oldest-first, lower ones newest-first.
  const higher = (order === 'asc') === (dir === 1);
  if (current === null) return (higher ? asc[0] : asc[asc.length - 1]) ?? null;
  // First index with asc[i] > current (higher) / last index with asc[i] < current (down).
  let lo = 0;
  let hi = asc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((asc[mid] as number) <= current) lo = mid + 1;
    else hi = mid;
  }
  if (higher) return asc[lo] ?? null;
  let i = lo - 1;
  if (i >= 0 && asc[i] === current) i--;
  return i >= 0 ? (asc[i] as number) : null;
}

/** 1-based position of `current` among the matches, or null when it is not one. */
export function matchPosition(
  asc: readonly number[],
  order: 'asc' | 'desc',
  current: number | null,
): number | null {
  if (current === null) return null;
  let lo = 0;
  let hi = asc.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = asc[mid] as number;
    if (s === current) return order === 'asc' ? mid + 1 : asc.length - mid;
    if (s < current) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}
