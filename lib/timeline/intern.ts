/**
 * A bounded string intern table: equal strings decoded from different events share one copy.
 * The ring keeps 100,000 events and JSON.parse makes a fresh copy of every id and title, so
 * sharing saves memory; but task ids and titles are new for every task (~90 a second at 2,000
 * events/s), so the table must forget old ones. It keeps two generations: a string is looked up
 * in the current one, then in the previous one (and moved to the current one); when the current
 * one is full it becomes the previous one and the oldest is dropped. A string in use within the
 * last `generation` distinct strings stays shared; the table never holds more than twice that.
 */

/** Strings per generation of the timeline's intern tables (each holds at most twice this). */
export const INTERN_GENERATION = 4096;

export class Interner {
  private current = new Map<string, string>();
  private previous = new Map<string, string>();

  constructor(readonly generation = INTERN_GENERATION) {}

  /** The shared copy of `v` (`v` itself when it is new or was forgotten). */
  intern(v: string): string {
    const hit = this.current.get(v);
    if (hit !== undefined) return hit;
    const s = this.previous.get(v) ?? v;
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(s, s);
    return s;
  }

  /** Whether `v` is held (shared by the next event that carries it). */
  has(v: string): boolean {
    return this.current.has(v) || this.previous.has(v);
  }

  /** Strings held (both generations; a string moved forward may be counted twice). */
  get size(): number {
    return this.current.size + this.previous.size;
  }
}
