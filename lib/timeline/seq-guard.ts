/**
 * The timeline's one sequence check, right after the ordered consumer (live-source.ts). The
 * consumer delivers strictly increasing sequences; the guard keeps that true across what one
 * consumer cannot see — a read restarted after a replaced connection resumes at `last + 1`,
 * and a batch the old read flushes while stopping must not repeat anything. Whatever is at or
 * below the last sequence is dropped and counted (the "sequence anomalies" counter).
 * Everything downstream (the worker's posts, the page's store, the painter) trusts the order.
 */
export class SeqGuard {
  /** The last sequence let through (0 = none yet): where a restarted read resumes. */
  last = 0;
  /** Sequences dropped for not increasing. */
  anomalies = 0;

  /** `msgs` without what does not increase (the same array when everything does). */
  accept<T extends { seq: number }>(msgs: T[]): T[] {
    let last = this.last;
    let ok = true;
    for (const m of msgs) {
      if (m.seq <= last) {
        ok = false;
        break;
      }
      last = m.seq;
    }
    if (ok) {
      this.last = last;
      return msgs;
    }
    const out: T[] = [];
    last = this.last;
    for (const m of msgs) {
      if (m.seq > last) {
        out.push(m);
        last = m.seq;
      } else this.anomalies++;
    }
    this.last = last;
    return out;
  }
}
