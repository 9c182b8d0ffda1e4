/**
 * Row positions of a list over a growing event array (the transcript), each row's height an
 * estimate until it is measured:
 * prefix sums kept in a typed array and extended only as far as asked, so finding the rows
 * in view is a binary search and moving the playhead never walks every row (a generic
 * virtualizer re-measures all rows whenever the row count changes).
 */
/** Prefix sums of row heights over a list of events (which may only grow). */
export class RowOffsets {
  /** tops[i] = top of row i = sum of the heights of rows 0..i-1; valid for i ≤ known. */
  private tops = new Float64Array(1024);
  private known = 0;

  constructor(
    private readonly events: { readonly length: number },
    /** Height of row i (by index: the columns answer kind and seq without building an event). */
    private readonly height: (i: number) => number,
  ) {}

  private extend(count: number) {
    const c = Math.min(count, this.events.length);
    if (c <= this.known) return;
    if (c + 1 > this.tops.length) {
      const next = new Float64Array(Math.max(c + 1, this.tops.length * 2));
      next.set(this.tops.subarray(0, this.known + 1));
      this.tops = next;
    }
    for (let i = this.known; i < c; i++)
      this.tops[i + 1] = (this.tops[i] as number) + this.height(i);
    this.known = c;
  }

  /** Row `i`'s height changed (it was measured): tops after it are recomputed when next asked. */
  invalidateFrom(i: number): void {
    this.known = Math.max(0, Math.min(this.known, i));
  }

  /** Top (px) of row `i`; `top(count)` is the height of the first `count` rows. */
  top(i: number): number {
    const c = Math.max(0, Math.min(i, this.events.length));
    this.extend(c);
    return this.tops[c] as number;
  }

  /** The row (among the first `count`) that contains y: the last row whose top ≤ y (0 when none). */
  indexAt(y: number, count: number): number {
    const c = Math.max(0, Math.min(count, this.events.length));
    if (c === 0) return 0;
    this.extend(c);
    let lo = 0;
    let hi = c - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.tops[mid] as number) <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
