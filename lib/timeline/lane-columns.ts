/**
 * Marks rasterized per lane and pixel column before they are drawn. At thousands of events a
 * second a zoomed-out lane holds many task bars per pixel column (10,000 events/s: ~20,000
 * bars in five minutes, a dozen or more per column of a lane), and one fillRect per bar was
 * most of a frame. Each mark writes a small code into the columns it covers — a later mark
 * over an earlier one, as painting would — and the canvas then draws one rectangle per run of
 * equal codes: at most one per lane and column, however many bars there are.
 */
export class LaneColumns {
  private readonly codes: Uint8Array;

  constructor(
    readonly lanes: number,
    /** Columns per lane: x from 0 to cols (CSS pixels). */
    readonly cols: number,
  ) {
    this.codes = new Uint8Array(Math.max(0, lanes * cols));
  }

  /** Marks the columns [floor(xa), ceil(xb)) of `lane` with `code` (1–255; 0 is empty). */
  fill(lane: number, xa: number, xb: number, code: number) {
    const a = Math.max(0, Math.floor(xa));
    const b = Math.min(this.cols, Math.ceil(xb));
    if (b <= a || lane < 0 || lane >= this.lanes) return;
    const base = lane * this.cols;
    this.codes.fill(code, base + a, base + b);
  }

  /** Calls `draw` for each run [xa, xb) of one non-zero code in `lane`, left to right. */
  runs(lane: number, draw: (xa: number, xb: number, code: number) => void) {
    const base = lane * this.cols;
    let start = 0;
    let cur = 0;
    for (let x = 0; x <= this.cols; x++) {
      const c = x < this.cols ? this.codes[base + x]! : 0;
      if (c === cur) continue;
      if (cur !== 0) draw(start, x, cur);
      cur = c;
      start = x;
    }
  }
}
