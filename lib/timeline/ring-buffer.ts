/**
 * A fixed-capacity buffer of events kept in sequence order. When full, the oldest event is
 * dropped (from memory only — it stays in the stream). Late arrivals from a lagging filter are
 * inserted in place by shifting from the end (they are near the end, so this stays cheap);
 * a sequence already held is rejected, so merging never duplicates.
 *
 * Each event's seq, time and (optionally) a small kind code are also kept in typed-array
 * columns by slot, so hot loops over tens of thousands of events (the canvas's density pass,
 * the rates chart) read flat numbers instead of visiting every object.
 */

export type Sequenced = { seq: number; timeMs: number };

export class RingBuffer<T extends Sequenced> {
  private buf: (T | undefined)[];
  private head = 0;
  private len = 0;
  /** Events evicted because the buffer was full. */
  dropped = 0;
  /** Columns by slot (see `slot`): sequence, time and `code(event)` (empty without a coder). */
  readonly seqs: Float64Array;
  readonly times: Float64Array;
  readonly codes: Uint8Array;

  constructor(
    readonly capacity: number,
    private readonly code?: (ev: T) => number,
  ) {
    if (!(capacity >= 1)) throw new Error('capacity must be at least 1');
    this.buf = new Array<T | undefined>(capacity);
    this.seqs = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.codes = new Uint8Array(code ? capacity : 0);
  }

  /** The column slot of the i-th event (slots wrap at `capacity`). */
  slot(i: number): number {
    return (this.head + i) % this.capacity;
  }

  get size(): number {
    return this.len;
  }

  /** The i-th event in sequence order (0 = oldest held). */
  at(i: number): T {
    return this.buf[(this.head + i) % this.capacity] as T;
  }

  first(): T | undefined {
    return this.len ? this.at(0) : undefined;
  }

  last(): T | undefined {
    return this.len ? this.at(this.len - 1) : undefined;
  }

  private set(i: number, v: T | undefined) {
    const k = (this.head + i) % this.capacity;
    this.buf[k] = v;
    if (!v) return;
    this.seqs[k] = v.seq;
    this.times[k] = v.timeMs;
    if (this.code) this.codes[k] = this.code(v);
  }

  /** Inserts in sequence order; false when the sequence is already held or older than all held while full. */
  insert(ev: T): boolean {
    const last = this.last();
    if (last && ev.seq <= last.seq) {
      const i = this.lowerBoundSeq(ev.seq);
      if (i < this.len && this.at(i).seq === ev.seq) return false;
      if (i === 0 && this.len === this.capacity) {
        this.dropped++;
        return false;
      }
      const full = this.len === this.capacity;
      if (full) this.evict();
      const at = full ? i - 1 : i;
      // Shift [at, len) one slot right, then place.
      for (let j = this.len; j > at; j--) this.set(j, this.at(j - 1));
      this.len++;
      this.set(at, ev);
      return true;
    }
    if (this.len === this.capacity) this.evict();
    this.set(this.len, ev);
    this.len++;
    return true;
  }

  /**
   * Inserts a sequence-sorted batch; returns the events that were new. Late events are merged
   * with the held tail in one linear pass (no per-event shifting), so a lagging filter costs
   * O(tail + batch) per batch rather than O(tail × batch).
   */
  insertMany(sorted: readonly T[]): T[] {
    const added: T[] = [];
    if (sorted.length === 0) return added;
    const last = this.last();
    if (!last || sorted[0]!.seq > last.seq) {
      let prev = -Infinity;
      for (const ev of sorted) {
        if (ev.seq === prev) continue;
        prev = ev.seq;
        this.append(ev);
        added.push(ev);
      }
      return added;
    }
    const i = this.lowerBoundSeq(sorted[0]!.seq);
    const tail: T[] = [];
    for (let j = i; j < this.len; j++) {
      tail.push(this.at(j));
      this.set(j, undefined);
    }
    this.len = i;
    let a = 0;
    let b = 0;
    let prev = -Infinity;
    while (a < tail.length || b < sorted.length) {
      const ta = tail[a];
      const sb = sorted[b];
      if (sb === undefined || (ta !== undefined && ta.seq <= sb.seq)) {
        if (sb !== undefined && ta!.seq === sb.seq) b++; // already held: keep the held copy
        this.append(ta!);
        prev = ta!.seq;
        a++;
      } else {
        if (sb.seq !== prev) {
          this.append(sb);
          added.push(sb);
          prev = sb.seq;
        }
        b++;
      }
    }
    return added;
  }

  private append(ev: T) {
    if (this.len === this.capacity) this.evict();
    this.set(this.len, ev);
    this.len++;
  }

  private evict() {
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.len--;
    this.dropped++;
  }

  /** First index whose seq ≥ `seq`. */
  lowerBoundSeq(seq: number): number {
    let lo = 0;
    let hi = this.len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[(this.head + mid) % this.capacity]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose timeMs ≥ `t` (stream time grows with sequence). */
  lowerBoundTime(t: number): number {
    let lo = 0;
    let hi = this.len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[(this.head + mid) % this.capacity]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Events in sequence order (copies; for tests and small reads). */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.len; i++) out.push(this.at(i));
    return out;
  }

  clear() {
    this.buf = new Array<T | undefined>(this.capacity);
    this.head = 0;
    this.len = 0;
  }
}
