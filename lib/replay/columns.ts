/**
 * The replay's events as columns: what the projections, lanes, sequence diagram, seek and
 * timeline need (sequence, times, kind, the decoded fields as ids into one string dictionary)
 * in typed arrays grown by doubling — about 65 bytes an event, so a 1,000,000-message range
 * fits — and the payload part (content, message id, bytes, headers) kept in a cache with a
 * byte budget: everything while the range fits, else the most recently used, the rest read
 * again on demand through a PayloadSource (payload.ts).
 */
import type { ReplayEvent } from './event';

/** The payload part of an event: not kept per event, only in the payload cache. */
export type PayloadKey = 'time' | 'headers' | 'hdrLen' | 'data' | 'id' | 'content';
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event without its payload: what `meta(i)` gives (a ReplayEvent is one too). */
export type EventMeta = OmitEach<ReplayEvent, PayloadKey>;

/** Anything indexable as event metadata: the columns, or an array of events (tests, seeds). */
export type MetaList = { readonly length: number; meta(i: number): EventMeta };

/** A MetaList over an array, live as it grows (events are their own metadata). */
export function metaList(events: readonly EventMeta[] | MetaList): MetaList {
  if (!Array.isArray(events)) return events as MetaList;
  const arr = events as readonly EventMeta[];
  return {
    get length() {
      return arr.length;
    },
    meta: (i) => arr[i] as EventMeta,
  };
}

/** Event i of an array or a MetaList (one check, then a plain accessor). */
export function metaAccess(events: readonly EventMeta[] | MetaList): (i: number) => EventMeta {
  if (Array.isArray(events)) {
    const arr = events as readonly EventMeta[];
    return (i) => arr[i] as EventMeta;
  }
  const list = events as MetaList;
  return (i) => list.meta(i);
}

const KIND_CODE = { message: 0, status: 1, task: 2, generic: 3 } as const;
const KINDS = ['message', 'status', 'task', 'generic'] as const;
/** Field slots per event: 8 string / number ids, their meaning per kind (see append). */
const SLOTS = 8;
/** -0 keyed apart from 0 (a Map does not tell them apart). */
const NEG_ZERO = 'neg0';

/** The columns of the events appended so far (append-only). */
export class EventColumns implements MetaList {
  length = 0;
  private cap = 0;
  private seqs = new Float64Array(0);
  private times = new Float64Array(0);
  private created = new Float64Array(0);
  private nanosCol = new Int32Array(0);
  private kinds = new Uint8Array(0);
  private subjects = new Int32Array(0);
  private slots: Int32Array[] = [];
  // One dictionary for every string (0 = null), one for numbers (retries, progress).
  private strIds = new Map<string, number>();
  private strs: (string | null)[] = [null];
  private numIds = new Map<number | string, number>();
  private nums: (number | null)[] = [null];

  constructor(initial = 1024) {
    this.resize(initial);
  }

  private resize(cap: number) {
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const b = make(cap);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.seqs = grow(this.seqs, (n) => new Float64Array(n));
    this.times = grow(this.times, (n) => new Float64Array(n));
    this.created = grow(this.created, (n) => new Float64Array(n));
    this.nanosCol = grow(this.nanosCol, (n) => new Int32Array(n));
    this.kinds = grow(this.kinds, (n) => new Uint8Array(n));
    this.subjects = grow(this.subjects, (n) => new Int32Array(n));
    const slots: Int32Array[] = [];
    for (let k = 0; k < SLOTS; k++) {
      const b = new Int32Array(cap);
      const a = this.slots[k];
      if (a) b.set(a.subarray(0, this.length));
      slots.push(b);
    }
    this.slots = slots;
    this.cap = cap;
  }

  private str(v: string | null): number {
    if (v === null) return 0;
    let id = this.strIds.get(v);
    if (id === undefined) {
      id = this.strs.length;
      this.strs.push(v);
      this.strIds.set(v, id);
    }
    return id;
  }

  private num(v: number | null): number {
    if (v === null) return 0;
    const key = Object.is(v, -0) ? NEG_ZERO : v;
    let id = this.numIds.get(key);
    if (id === undefined) {
      id = this.nums.length;
      this.nums.push(v);
      this.numIds.set(key, id);
    }
    return id;
  }

  /** Distinct strings held (subjects and decoded fields). */
  get dictionarySize(): number {
    return this.strs.length - 1;
  }

  /** Bytes of the typed arrays (capacity, not length). */
  get columnBytes(): number {
    return this.cap * (8 * 3 + 4 + 1 + 4 + 4 * SLOTS);
  }

  /** Appends one event's metadata. */
  append(e: EventMeta): void {
    const i = this.length;
    if (i >= this.cap) this.resize(this.cap * 2);
    this.seqs[i] = e.seq;
    this.times[i] = e.timeMs;
    this.created[i] = e.createdMs ?? NaN;
    this.nanosCol[i] = e.nanos;
    this.kinds[i] = KIND_CODE[e.kind];
    this.subjects[i] = this.str(e.subject);
    const s = this.slots;
    const put = (k: number, id: number) => ((s[k] as Int32Array)[i] = id);
    switch (e.kind) {
      case 'message':
        put(0, this.str(e.from));
        put(1, this.str(e.fromRole));
        put(2, this.str(e.fromName));
        put(3, this.str(e.to));
        put(4, this.str(e.toRole));
        put(5, this.str(e.toName));
        put(6, this.str(e.type));
        put(7, this.str(e.task));
        break;
      case 'status':
        put(0, this.str(e.agent));
        put(1, this.str(e.role));
        put(2, this.str(e.name));
        put(3, this.str(e.status));
        put(4, this.str(e.previous));
        put(5, this.str(e.reason));
        put(6, this.str(e.task));
        break;
      case 'task':
        put(0, this.str(e.task));
        put(1, this.str(e.event));
        put(2, this.str(e.title));
        put(3, this.str(e.assignee));
        put(4, this.str(e.assigneeRole));
        put(5, this.str(e.reason));
        put(6, this.num(e.retries));
        put(7, this.num(e.progress));
        break;
    }
    this.length = i + 1;
  }

  /** Stream sequence of event i. */
  seq(i: number): number {
    return this.seqs[i] as number;
  }

  /** Stream sequence of event i, undefined when out of range. */
  seqAt(i: number): number | undefined {
    return i >= 0 && i < this.length ? (this.seqs[i] as number) : undefined;
  }

  /** Kind of event i. */
  kind(i: number): EventMeta['kind'] {
    return KINDS[this.kinds[i] as number] as EventMeta['kind'];
  }

  /** Event i's metadata (a fresh object; cheap enough to make per fold step). */
  meta(i: number): EventMeta {
    const s = this.slots;
    const str = (k: number) => this.strs[(s[k] as Int32Array)[i] as number] as string | null;
    const c = this.created[i] as number;
    const seq = this.seqs[i] as number;
    const subject = this.strs[this.subjects[i] as number] as string;
    const timeMs = this.times[i] as number;
    const nanos = this.nanosCol[i] as number;
    const createdMs = Number.isNaN(c) ? null : c;
    switch (this.kinds[i]) {
      case 0:
        return {
          seq,
          subject,
          timeMs,
          nanos,
          createdMs,
          kind: 'message',
          from: str(0) as string,
          fromRole: str(1),
          fromName: str(2),
          to: str(3),
          toRole: str(4),
          toName: str(5),
          type: str(6) as string,
          task: str(7),
        };
      case 1:
        return {
          seq,
          subject,
          timeMs,
          nanos,
          createdMs,
          kind: 'status',
          agent: str(0) as string,
          role: str(1),
          name: str(2),
          status: str(3) as string,
          previous: str(4),
          reason: str(5),
          task: str(6),
        };
      case 2:
        return {
          seq,
          subject,
          timeMs,
          nanos,
          createdMs,
          kind: 'task',
          task: str(0) as string,
          event: str(1) as string,
          title: str(2),
          assignee: str(3),
          assigneeRole: str(4),
          reason: str(5),
          retries: this.nums[(s[6] as Int32Array)[i] as number] as number | null,
          progress: this.nums[(s[7] as Int32Array)[i] as number] as number | null,
        };
      default:
        return { seq, subject, timeMs, nanos, createdMs, kind: 'generic' };
    }
  }

  /** Index of the last event with seq ≤ `seq` (-1 when none). */
  indexAtOrBefore(seq: number): number {
    let lo = 0;
    let hi = this.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.seqs[mid] as number) <= seq) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }
}
