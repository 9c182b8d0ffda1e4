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
/** Subject id of a subject made again from the event's fields (see derived). */
const DERIVED = -1;

/** True when `subject` is exactly `<prefix><a>.<b>` (checked without building the string). */
function derived(subject: string, prefix: string, a: string, b: string): boolean {
  return (
    subject.length === prefix.length + a.length + 1 + b.length &&
    subject.startsWith(prefix) &&
    subject.startsWith(a, prefix.length) &&
    subject.charCodeAt(prefix.length + a.length) === 46 &&
    subject.endsWith(b)
  );
}

/** -0 keyed apart from 0 (a Map does not tell them apart). */
const NEG_ZERO = 'neg0';

/**
 * Columns of one read batch (decoded.ts), as plain data: the typed arrays of EventColumns cut
 * to `length`, their string and number ids local to the batch (`strs[0]` and `nums[0]` are
 * null). EventColumns.appendBatch maps them onto its own dictionary.
 */
export type ColumnBatch = {
  length: number;
  seqs: Float64Array;
  times: Float64Array;
  created: Float64Array;
  nanos: Int32Array;
  kinds: Uint8Array;
  subjects: Int32Array;
  slots: Int32Array[];
  strs: (string | null)[];
  nums: (number | null)[];
};

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
    const s = this.slots as [
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
    ];
    // Written out per slot (no closure): this runs for every event loaded.
    switch (e.kind) {
      case 'message':
        this.subjects[i] = this.str(e.subject);
        s[0][i] = this.str(e.from);
        s[1][i] = this.str(e.fromRole);
        s[2][i] = this.str(e.fromName);
        s[3][i] = this.str(e.to);
        s[4][i] = this.str(e.toRole);
        s[5][i] = this.str(e.toName);
        s[6][i] = this.str(e.type);
        s[7][i] = this.str(e.task);
        break;
      case 'status':
        // agent.status.<agent>.<status>: made again when asked, not kept (one per agent and status).
        this.subjects[i] = derived(e.subject, 'agent.status.', e.agent, e.status)
          ? DERIVED
          : this.str(e.subject);
        s[0][i] = this.str(e.agent);
        s[1][i] = this.str(e.role);
        s[2][i] = this.str(e.name);
        s[3][i] = this.str(e.status);
        s[4][i] = this.str(e.previous);
        s[5][i] = this.str(e.reason);
        s[6][i] = this.str(e.task);
        break;
      case 'task':
        // agent.task.<task>.<event>: one per task and event, most of the dictionary if kept.
        this.subjects[i] = derived(e.subject, 'agent.task.', e.task, e.event)
          ? DERIVED
          : this.str(e.subject);
        s[0][i] = this.str(e.task);
        s[1][i] = this.str(e.event);
        s[2][i] = this.str(e.title);
        s[3][i] = this.str(e.assignee);
        s[4][i] = this.str(e.assigneeRole);
        s[5][i] = this.str(e.reason);
        s[6][i] = this.num(e.retries);
        s[7][i] = this.num(e.progress);
        break;
      default:
        this.subjects[i] = this.str(e.subject);
    }
    this.length = i + 1;
  }

  /**
   * The columns as a ColumnBatch (copies cut to length; the dictionary is this one's): built
   * with a fresh EventColumns per read batch, so its ids are batch-local.
   */
  toBatch(): ColumnBatch {
    const n = this.length;
    return {
      length: n,
      seqs: this.seqs.slice(0, n),
      times: this.times.slice(0, n),
      created: this.created.slice(0, n),
      nanos: this.nanosCol.slice(0, n),
      kinds: this.kinds.slice(0, n),
      subjects: this.subjects.slice(0, n),
      slots: this.slots.map((a) => a.slice(0, n)),
      strs: this.strs.slice(),
      nums: this.nums.slice(),
    };
  }

  /**
   * Appends a ColumnBatch: equal to appending its events one by one, but each of the batch's
   * few distinct strings and numbers is looked up in the dictionary once, and the columns are
   * copied, not rebuilt (no object per event).
   */
  appendBatch(b: ColumnBatch): void {
    const n = b.length;
    if (n === 0) return;
    const from = this.length;
    let cap = Math.max(1, this.cap);
    while (from + n > cap) cap *= 2;
    if (cap !== this.cap) this.resize(cap);
    const strMap = new Int32Array(b.strs.length);
    for (let k = 1; k < b.strs.length; k++) strMap[k] = this.str(b.strs[k] as string | null);
    const numMap = new Int32Array(b.nums.length);
    for (let k = 1; k < b.nums.length; k++) numMap[k] = this.num(b.nums[k] as number | null);
    this.seqs.set(b.seqs, from);
    this.times.set(b.times, from);
    this.created.set(b.created, from);
    this.nanosCol.set(b.nanos, from);
    this.kinds.set(b.kinds, from);
    const sub = this.subjects;
    for (let k = 0; k < n; k++) {
      const id = b.subjects[k] as number;
      sub[from + k] = id === DERIVED ? DERIVED : (strMap[id] as number);
    }
    for (let slot = 0; slot < SLOTS; slot++) {
      const src = b.slots[slot] as Int32Array;
      const dst = this.slots[slot] as Int32Array;
      // A task's last two slots are number ids (retries, progress), every other slot a string id.
      if (slot < 6) for (let k = 0; k < n; k++) dst[from + k] = strMap[src[k] as number] as number;
      else
        for (let k = 0; k < n; k++)
          dst[from + k] = (
            b.kinds[k] === KIND_CODE.task ? numMap[src[k] as number] : strMap[src[k] as number]
          ) as number;
    }
    this.length = from + n;
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
    const s = this.slots as [
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
    ];
    const d = this.strs;
    const c = this.created[i] as number;
    const seq = this.seqs[i] as number;
    const sub = this.subjects[i] as number;
    const timeMs = this.times[i] as number;
    const nanos = this.nanosCol[i] as number;
    const createdMs = Number.isNaN(c) ? null : c;
    switch (this.kinds[i]) {
      case 0:
        return {
          seq,
          subject: d[sub] as string,
          timeMs,
          nanos,
          createdMs,
          kind: 'message',
          from: d[s[0][i] as number] as string,
          fromRole: d[s[1][i] as number] as string | null,
          fromName: d[s[2][i] as number] as string | null,
          to: d[s[3][i] as number] as string | null,
          toRole: d[s[4][i] as number] as string | null,
          toName: d[s[5][i] as number] as string | null,
          type: d[s[6][i] as number] as string,
          task: d[s[7][i] as number] as string | null,
        };
      case 1: {
        const agent = d[s[0][i] as number] as string;
        const status = d[s[3][i] as number] as string;
        return {
          seq,
          subject: sub === DERIVED ? `agent.status.${agent}.${status}` : (d[sub] as string),
          timeMs,
          nanos,
          createdMs,
          kind: 'status',
          agent,
          role: d[s[1][i] as number] as string | null,
          name: d[s[2][i] as number] as string | null,
          status,
          previous: d[s[4][i] as number] as string | null,
          reason: d[s[5][i] as number] as string | null,
          task: d[s[6][i] as number] as string | null,
        };
      }
      case 2: {
        const task = d[s[0][i] as number] as string;
        const event = d[s[1][i] as number] as string;
        return {
          seq,
          subject: sub === DERIVED ? `agent.task.${task}.${event}` : (d[sub] as string),
          timeMs,
          nanos,
          createdMs,
          kind: 'task',
          task,
          event,
          title: d[s[2][i] as number] as string | null,
          assignee: d[s[3][i] as number] as string | null,
          assigneeRole: d[s[4][i] as number] as string | null,
          reason: d[s[5][i] as number] as string | null,
          retries: this.nums[s[6][i] as number] as number | null,
          progress: this.nums[s[7][i] as number] as number | null,
        };
      }
      default:
        return { seq, subject: d[sub] as string, timeMs, nanos, createdMs, kind: 'generic' };
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
