/**
 * A replay's event list: the columns (columns.ts) plus a payload cache with a byte budget.
 * While the range fits the budget every payload stays and nothing is ever fetched; past it,
 * the least recently used payloads are dropped and `full(i)` asks the PayloadSource for what
 * is missing, in one read per window of nearby events (never one request per row).
 */
import { EventColumns, type ColumnBatch, type EventMeta } from './columns';
import { eventFromBytes, type ReplayEvent } from './event';
import type { PayloadChunk } from './decoded';

/**
 * Reads events of the replay's range again (same filter and scope match as the load), in
 * stream order, sequences `fromSeq..toSeq` inclusive.
 */
export type PayloadSource = (
  fromSeq: number,
  toSeq: number,
  onBatch: (events: readonly ReplayEvent[]) => void,
  signal?: AbortSignal,
) => Promise<void>;

/** Bytes of payload (and decoded text) a replay keeps in memory by default. */
export const PAYLOAD_BUDGET = 40 << 20;
/** Rough bytes of one kept event object besides its bytes and content. */
const EVENT_OVERHEAD = 240;
/** Missing payloads closer than this many events are read together. */
const SPAN_GAP = 256;
/**
 * A read for rows on screen also takes this many events after them (and BEHIND before): playing
 * forward then reads once per few hundred events, not on every move.
 */
const AHEAD = 500;
const BEHIND = 50;

/** Rough bytes of one event kept as bytes of a chunk (its Map entry) besides its bytes. */
const CHUNK_OVERHEAD = 40;

/**
 * The payloads of a decoded batch kept as bytes: event `base + k` is its message k. One object
 * for the whole batch, so the cache makes no object per event while loading; the event is
 * built from its bytes when wanted (eventFromBytes, the loader's own decoder).
 */
type Chunk = PayloadChunk & { base: number };
/** What the cache keeps for an event: the decoded event, or its chunk. */
type Held = ReplayEvent | Chunk;

const isChunk = (h: Held): h is Chunk => 'base' in h;

function cost(e: ReplayEvent): number {
  return EVENT_OVERHEAD + e.hdrLen + e.data.length + (e.kind === 'message' ? e.content.length : 0);
}

function heldCost(h: Held, i: number): number {
  if (!isChunk(h)) return cost(h);
  const k = i - h.base;
  return CHUNK_OVERHEAD + (h.offsets[k + 1] as number) - (h.offsets[k] as number);
}

/**
 * A copy of the event whose bytes (and raw header block) own their buffer: a view into a
 * read batch keeps the whole batch alive.
 */
function detach(e: ReplayEvent): ReplayEvent {
  const own = new Uint8Array(e.hdrLen + e.data.length);
  own.set(new Uint8Array(e.data.buffer, e.data.byteOffset - e.hdrLen, own.length));
  return { ...e, data: own.subarray(e.hdrLen) };
}

const NO_BYTES = new Uint8Array(0);

/** An event whose payload is not at hand: its metadata, empty bytes and content. */
export function withoutPayload(m: EventMeta): ReplayEvent {
  const p = { time: null, headers: [], hdrLen: 0, data: NO_BYTES };
  return m.kind === 'message' ? { ...m, ...p, id: '', content: '' } : { ...m, ...p };
}

/**
 * An event's metadata and stored bytes, its payload not decoded (no id, no content): what
 * matching on subject, headers and bytes needs (breakpoints). A ReplayEvent is one too.
 */
export type StoredEvent = EventMeta & Pick<ReplayEvent, 'time' | 'headers' | 'hdrLen' | 'data'>;

const NO_HEADERS: [string, string][] = [];

/** Payload state of one event, for views that show a placeholder. */
export type PayloadState = 'held' | 'loading' | 'failed';

/** The events of one replay: metadata for all, payloads as the budget allows. */
export class ReplayEvents extends EventColumns {
  /** Kept payloads by index, least recently used first. */
  private held = new Map<number, Held>();
  private heldBytes = 0;
  /** True once some payload was dropped (then `full` may have to read it again). */
  evicted = false;
  private source: PayloadSource | null = null;
  private pending = new Set<number>();
  private inflight = new Set<number>();
  private failed = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Why the last payload read failed, or null. */
  payloadError: string | null = null;

  private version = 0;
  private listeners = new Set<() => void>();

  constructor(
    /** Called when payloads arrive (besides this list's own subscribers). */
    private readonly onPayload: () => void = () => {},
    public budget: number = PAYLOAD_BUDGET,
  ) {
    super();
  }

  /**
   * Payload arrivals, for the views that show payloads (the transcript): apart from the
   * store's version, so a read for the screen does not re-render every view.
   */
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getSnapshot = (): number => this.version;

  /** Where missing payloads are read from (the loader sets it once the read is planned). */
  setSource(source: PayloadSource | null): void {
    this.source = source;
  }

  /** Bytes of payload kept now (estimate). */
  get payloadBytes(): number {
    return this.heldBytes;
  }

  /** Payloads kept now. */
  get heldCount(): number {
    return this.held.size;
  }

  /** True when every event's payload is kept (nothing was dropped). */
  get allHeld(): boolean {
    return !this.evicted;
  }

  /** Appends a batch (stream order): its metadata to the columns, its payloads to the cache. */
  push(batch: readonly ReplayEvent[]): void {
    if (batch.length === 0) return;
    // Payloads that are a small part of the buffers they view are copied out (see detach).
    let kept = 0;
    const bufs = new Set<ArrayBufferLike>();
    for (const e of batch) {
      kept += e.hdrLen + e.data.length;
      bufs.add(e.data.buffer);
    }
    let total = 0;
    for (const b of bufs) total += b.byteLength;
    const copy = total > kept * 2 + (64 << 10);
    for (const e of batch) {
      const i = this.length;
      this.append(e);
      this.hold(i, copy ? detach(e) : e);
    }
    this.trim();
  }

  /**
   * Appends a decoded batch (decoded.ts, stream order): its columns, and its payloads kept as
   * bytes (decoded when a view wants them).
   */
  pushDecoded(cols: ColumnBatch, payloads: PayloadChunk): void {
    if (cols.length === 0) return;
    const base = this.length;
    this.appendBatch(cols);
    const chunk: Chunk = {
      offsets: payloads.offsets,
      hdrLen: payloads.hdrLen,
      bytes: payloads.bytes,
      base,
    };
    for (let i = base; i < this.length; i++) this.hold(i, chunk);
    this.trim();
  }

  private hold(i: number, h: Held) {
    if (this.held.has(i)) return;
    this.held.set(i, h);
    this.heldBytes += heldCost(h, i);
  }

  private trim() {
    if (this.heldBytes <= this.budget) return;
    for (const [i, h] of this.held) {
      if (this.heldBytes <= this.budget) break;
      this.held.delete(i);
      this.heldBytes -= heldCost(h, i);
      this.evicted = true;
    }
  }

  /** Event i built from its chunk's bytes (not kept: the caller decides). */
  private decodeAt(c: Chunk, i: number): ReplayEvent {
    const k = i - c.base;
    const m = this.meta(i);
    return eventFromBytes(
      m,
      c.bytes.subarray(c.offsets[k] as number, c.offsets[k + 1] as number),
      c.hdrLen[k] as number,
    );
  }

  /** Event i with its payload when kept, decoded if kept as bytes; else undefined. */
  private heldEvent(i: number): ReplayEvent | undefined {
    const h = this.held.get(i);
    return h && isChunk(h) ? this.decodeAt(h, i) : h;
  }

  /** Whether event i's payload is at hand, being read, or could not be read. */
  payloadState(i: number): PayloadState {
    if (this.held.has(i)) return 'held';
    return this.failed.has(i) || (!this.source && this.evicted) ? 'failed' : 'loading';
  }

  /** Event i with its payload when kept; else null, and its payload is asked for. */
  full(i: number): ReplayEvent | null {
    const h = this.held.get(i);
    if (h) {
      let e = isChunk(h) ? this.decodeAt(h, i) : h;
      // Kept past its batch (it is on screen): its own bytes, not a view that keeps the batch.
      if (e.data.buffer.byteLength > 4 * (e.hdrLen + e.data.length) + (64 << 10)) e = detach(e);
      // Most recently used last: what is on screen is dropped last. Kept decoded from now on
      // (rows on screen are asked for on every render).
      this.held.delete(i);
      this.held.set(i, e);
      this.heldBytes += cost(e) - heldCost(h, i);
      return e;
    }
    if (i >= 0 && i < this.length) this.want(i);
    return null;
  }

  /**
   * Every event, with its payload when kept (else withoutPayload): for small ranges (a task's
   * conversation) and tests, where everything fits the budget.
   */
  toArray(): ReplayEvent[] {
    const out: ReplayEvent[] = [];
    for (let i = 0; i < this.length; i++)
      out.push(this.heldEvent(i) ?? withoutPayload(this.meta(i)));
    return out;
  }

  /**
   * Every event with its payload, in order: `toArray()` while nothing was dropped, else the
   * dropped ones read again through the source (eachFull). For views that need every message's
   * content at once (a task's story, a compare side): they must never see an empty stand-in.
   */
  async wholeEvents(signal?: AbortSignal): Promise<ReplayEvent[]> {
    if (!this.evicted || this.length === 0) return this.toArray();
    const out: ReplayEvent[] = new Array<ReplayEvent>(this.length);
    await this.eachFull(
      0,
      this.length - 1,
      (i, e) => void (out[i] = this.heldEvent(i) ?? e),
      signal,
    );
    if (signal?.aborted) throw new Error('aborted');
    return out;
  }

  /**
   * Event i's metadata and bytes if kept, without decoding its payload, asking for it or
   * touching its recency (the breakpoints' scan: no JSON parse per event).
   */
  stored(i: number): StoredEvent | null {
    const h = this.held.get(i);
    if (!h) return null;
    if (!isChunk(h)) return h;
    const k = i - h.base;
    const hdr = h.hdrLen[k] as number;
    const lo = (h.offsets[k] as number) + hdr;
    return Object.assign(this.meta(i), {
      time: null,
      headers: hdr === 0 ? NO_HEADERS : null,
      hdrLen: hdr,
      data: h.bytes.subarray(lo, h.offsets[k + 1] as number),
    });
  }

  /** Event i with its payload if kept, without asking for it or touching its recency. */
  peek(i: number): ReplayEvent | null {
    return this.heldEvent(i) ?? null;
  }

  private want(i: number) {
    if (!this.source || this.inflight.has(i) || this.failed.has(i)) return;
    this.pending.add(i);
    // One read per task turn for everything asked for meanwhile (a render asks row by row).
    this.timer ??= setTimeout(() => this.flush(), 0);
  }

  private flush() {
    this.timer = null;
    const src = this.source;
    const want = [...this.pending].sort((a, b) => a - b);
    this.pending.clear();
    if (!src || want.length === 0) return;
    let lo = 0;
    while (lo < want.length) {
      let hi = lo;
      while (hi + 1 < want.length && (want[hi + 1] as number) - (want[hi] as number) <= SPAN_GAP)
        hi++;
      void this.fetchSpan(
        src,
        want.slice(lo, hi + 1),
        Math.max(0, (want[lo] as number) - BEHIND),
        Math.min(this.length - 1, (want[hi] as number) + AHEAD),
      );
      lo = hi + 1;
    }
  }

  private async fetchSpan(
    src: PayloadSource,
    idx: number[],
    first: number,
    last: number,
  ): Promise<void> {
    // Everything read is in flight (asked again meanwhile, it waits for this read).
    for (let i = first; i <= last; i++) if (!this.held.has(i)) this.inflight.add(i);
    try {
      const asked = new Set(idx);
      // What is read ahead takes at most a quarter of the budget: it never pushes out the rows
      // asked for (by this read or another one in flight).
      let ahead = 0;
      await src(this.seq(first), this.seq(last), (batch) => {
        for (const e of batch) {
          const i = this.indexAtOrBefore(e.seq);
          if (i < first || i > last || this.seq(i) !== e.seq) continue;
          if (!asked.has(i)) {
            if (ahead + cost(e) > this.budget / 4) continue;
            ahead += cost(e);
          }
          this.hold(i, detach(e));
        }
      });
      this.payloadError = null;
    } catch (err) {
      this.payloadError = err instanceof Error ? err.message : String(err);
    }
    for (let i = first; i <= last; i++) this.inflight.delete(i);
    // The rows asked for are the most recently used: the budget drops the ones read ahead first.
    for (const i of idx) {
      const e = this.held.get(i);
      if (e) {
        this.held.delete(i);
        this.held.set(i, e);
      }
    }
    // Asked for and not read back (gone from the stream, or the read failed): said so, not
    // asked again.
    for (const i of idx) if (!this.held.has(i)) this.failed.add(i);
    this.trim();
    this.version++;
    for (const fn of this.listeners) fn();
    this.onPayload();
  }

  /**
   * Calls `each(i, e)` for every event of indexes `from..to` (inclusive) with its payload, in
   * order: from the cache when all are kept, else by reading the range again through the
   * source (export, breakpoints that need content). Rejects when a payload cannot be had.
   */
  async eachFull(
    from: number,
    to: number,
    each: (i: number, e: ReplayEvent) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    if (from > to) return;
    let all = true;
    for (let i = from; i <= to && all; i++) all = this.held.has(i);
    if (all) {
      for (let i = from; i <= to; i++) each(i, this.heldEvent(i) as ReplayEvent);
      return;
    }
    if (!this.source) throw new Error('The payloads of this range are no longer in memory.');
    let next = from;
    await this.source(
      this.seq(from),
      this.seq(to),
      (batch) => {
        for (const e of batch) {
          if (next > to || this.seq(next) !== e.seq) continue;
          each(next, e);
          next++;
        }
      },
      signal,
    );
    if (next <= to && !signal?.aborted)
      throw new Error(
        `Event #${this.seq(next)} is no longer in the stream: the range cannot be read again whole.`,
      );
  }
}
