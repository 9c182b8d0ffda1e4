/**
 * Pages of a stream in both directions on top of the read-only reader: newer pages are one
 * ordered-consumer read; older pages are read forwards in growing windows ending at the
 * page boundary (see paging.ts). Every consumer is ephemeral and deleted by readRange.
 * Where a consumer can't read (work-queue stream, a filter that is not a subset of one stream
 * subject, no permission; read-mode.ts) the same pages are read by message get
 * (get-reader.ts); a filter that overlaps none of the stream's subjects gives empty pages.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { narrowing } from '@/lib/nats/subjects';
import { readRange, type StreamMessage } from '@/lib/stream/reader';
import { backwardWindow, initialWindowWidth, nextWindowWidth } from './paging';
import { FETCH_PAGE_MAX, fetchPage } from './fetch-page';
import { clientGetter, rangeGets, type Getter } from './get-reader';
import { firstAtTime } from './batch-get';
import { capabilitiesOf } from '@/lib/nats/capabilities';
import {
  freshInfo,
  isConsumerRefusal,
  readMode,
  rememberRefusal,
  type ReadMode,
} from './read-mode';

export type Page<T = StreamMessage> = {
  /** Messages (or what `map` made of them) in ascending sequence order. */
  msgs: T[];
  /** True when more messages may exist beyond this page in the direction read. */
  more: boolean;
};

/** Anything keyed by its sequence: a message or the row made of it. */
type Seq = { seq: number };
/** Per-message mapping applied as messages arrive (e.g. decoding into table rows). */
type MapOpt<T> = { map?: (m: StreamMessage) => T };
const mapOf = <T>(o: MapOpt<T>) => o.map ?? ((m: StreamMessage) => m as unknown as T);

/** Up to `limit` messages matching `filter` with sequence ≥ `from`, ascending (through `map`). */
export function readNewer<T extends Seq = StreamMessage>(
  js: JetStreamClient,
  stream: string,
  o: { from: number; filter?: string; limit: number; signal?: AbortSignal } & MapOpt<T>,
): Promise<Page<T>> {
  return byMode(js, stream, o.filter, (mode) => {
    if (mode.kind === 'empty') return Promise.resolve({ msgs: [], more: false });
    if (mode.kind === 'get') return getsNewer(js, stream, mode.direct, o);
    return consumerNewer(js, stream, o, mode.kind === 'consumer' ? mode.filters : undefined);
  });
}

/**
 * Runs a read in the mode chosen for `stream` + `filter`; when the server refuses the
 * consumer (work queue, not a subset, no permission), remembers that and reads again by get.
 */
async function byMode<R>(
  js: JetStreamClient,
  stream: string,
  filter: string | undefined,
  read: (mode: ReadMode) => Promise<R>,
): Promise<R> {
  const mode = await readMode(js, stream, filter, false);
  try {
    return await read(mode);
  } catch (e) {
    if (mode.kind !== 'consumer' || !isConsumerRefusal(e)) throw e;
    rememberRefusal(js, stream, filter);
    return read(await readMode(js, stream, filter, false));
  }
}

/** readNewer by message get (see get-reader.ts): unfiltered up to the stream's last sequence. */
async function getsNewer<T extends Seq>(
  js: JetStreamClient,
  stream: string,
  direct: boolean,
  o: { from: number; filter?: string; limit: number; signal?: AbortSignal } & MapOpt<T>,
): Promise<Page<T>> {
  const map = mapOf(o);
  const filter = narrowing(o.filter);
  let start = Math.max(1, Math.floor(o.from));
  let end = Number.MAX_SAFE_INTEGER;
  if (!filter) {
    const info = await freshInfo(js, stream);
    start = Math.max(start, info.state.first_seq);
    end = info.state.last_seq;
  }
  const g = await clientGetter(js, stream, direct);
  const msgs: T[] = [];
  let more = false;
  // One message past the page (pipelined with the rest when unfiltered) says whether there is more.
  for await (const m of rangeGets(g, start, end, filter, o.signal, o.limit + 1)) {
    if (msgs.length >= o.limit) {
      more = true;
      break;
    }
    msgs.push(map(m));
  }
  if (o.signal?.aborted) throw new DOMException('aborted', 'AbortError');
  return { msgs, more };
}

/** readNewer through a consumer. */
async function consumerNewer<T extends Seq>(
  js: JetStreamClient,
  stream: string,
  o: { from: number; filter?: string; limit: number; signal?: AbortSignal } & MapOpt<T>,
  filters?: string[],
): Promise<Page<T>> {
  const map = mapOf(o);
  if (!narrowing(o.filter) && o.limit <= FETCH_PAGE_MAX) {
    // The common case (a seek, scrolling an unfiltered stream): one pull, no STREAM.INFO.
    const r = await fetchPage(js, stream, { from: o.from, limit: o.limit, signal: o.signal, map });
    return { msgs: r.msgs, more: r.pending > 0 };
  }
  const msgs: T[] = [];
  let pending = 0;
  const r = await readRange(js, stream, {
    start: { kind: 'seq', seq: Math.max(1, o.from) },
    filter: filters ? undefined : narrowing(o.filter),
    filters,
    limit: o.limit,
    batchSize: o.limit,
    signal: o.signal,
    onBatch: (b, p) => {
      for (const m of b) msgs.push(map(m));
      pending = p;
    },
  });
  return { msgs, more: r.reason === 'limit' && pending > 0 };
}

/**
 * Up to `limit` messages matching `filter` with sequence ≤ `to` (and ≥ `first`), ascending:
 * the page just before `to + 1`, read in windows that grow while too few match.
 */
export function readOlder<T extends Seq = StreamMessage>(
  js: JetStreamClient,
  stream: string,
  o: {
    to: number;
    first: number;
    filter?: string;
    limit: number;
    signal?: AbortSignal;
  } & MapOpt<T>,
): Promise<Page<T>> {
  return byMode(js, stream, o.filter, async (mode) => {
    if (mode.kind === 'empty') return { msgs: [], more: false };
    return olderInWindows(
      js,
      stream,
      o,
      mode.kind === 'get' ? await clientGetter(js, stream, mode.direct) : null,
      mode.kind === 'consumer' ? mode.filters : undefined,
    );
  });
}

/**
 * readOlder's loop: windows ending at the page boundary, read forwards through a consumer, or
 * by get when `g` is given (the same windows, so the same pages and `more`).
 */
async function olderInWindows<T extends Seq>(
  js: JetStreamClient,
  stream: string,
  o: {
    to: number;
    first: number;
    filter?: string;
    limit: number;
    signal?: AbortSignal;
  } & MapOpt<T>,
  g: Getter | null,
  filters?: string[],
): Promise<Page<T>> {
  const map = mapOf(o);
  const filtered = narrowing(o.filter) !== undefined;
  let width = initialWindowWidth(o.limit, filtered);
  let end = o.to;
  let got: T[] = [];
  let overflow = false;
  while (got.length < o.limit && end >= o.first) {
    if (o.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const w = backwardWindow(end, width, o.first);
    const chunk: T[] = [];
    const span = w.end - w.start + 1;
    if (g) {
      for await (const m of rangeGets(g, w.start, w.end, filtered ? o.filter : undefined, o.signal))
        chunk.push(map(m));
    } else if (!filtered && span <= FETCH_PAGE_MAX) {
      const r = await fetchPage(js, stream, { from: w.start, limit: span, signal: o.signal, map });
      for (const m of r.msgs) if (m.seq <= w.end) chunk.push(m);
    } else
      await readRange(js, stream, {
        start: { kind: 'seq', seq: w.start },
        filter: filtered && !filters ? o.filter : undefined,
        filters,
        endSeq: w.end,
        batchSize: Math.min(10_000, Math.max(o.limit, 256)),
        signal: o.signal,
        onBatch: (b) => {
          for (const m of b) if (m.seq <= w.end) chunk.push(map(m));
        },
      });
    const all = chunk.concat(got);
    if (all.length > o.limit) overflow = true;
    got = all.length > o.limit ? all.slice(all.length - o.limit) : all;
    end = w.start - 1;
    width = nextWindowWidth(width, chunk.length, o.limit - got.length);
  }
  if (o.signal?.aborted) throw new DOMException('aborted', 'AbortError');
  return { msgs: got, more: overflow || end >= o.first };
}

/** The first sequence at or after `time` matching `filter`, or null when none. */
export function seqAtTime(
  js: JetStreamClient,
  stream: string,
  time: string,
  filter?: string,
): Promise<number | null> {
  return byMode(js, stream, filter, (mode) => {
    if (mode.kind === 'empty') return Promise.resolve(null);
    if (mode.kind === 'get') return getsSeqAtTime(js, stream, time, narrowing(filter), mode.direct);
    return consumerSeqAtTime(
      js,
      stream,
      time,
      filter,
      mode.kind === 'consumer' ? mode.filters : undefined,
    );
  });
}

/**
 * seqAtTime by get: on 2.11+ one batch get by start_time; else a binary search over sequences (stream times grow with the sequence) for
 * the first stored message at or after `time` (~log2(messages) gets), then the first one
 * matching the filter from there.
 */
async function getsSeqAtTime(
  js: JetStreamClient,
  stream: string,
  time: string,
  filter: string | undefined,
  direct: boolean,
): Promise<number | null> {
  const caps = await capabilitiesOf(js);
  // 2.11+: the server finds it (start_time) in one request.
  if (direct && caps.batchGet)
    return (await firstAtTime(js, stream, caps, time, filter))?.seq ?? null;
  const t = new Date(time).getTime();
  const info = await freshInfo(js, stream);
  const g = await clientGetter(js, stream, direct);
  let lo = Math.max(1, info.state.first_seq);
  let hi = info.state.last_seq;
  let found: StreamMessage | null = null;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const m = await g.next(mid, '>');
    if (m && m.timeMs < t) lo = m.seq + 1;
    else {
      if (m) found = m;
      hi = mid - 1;
    }
  }
  if (!found || !filter) return found?.seq ?? null;
  return (await g.next(found.seq, filter))?.seq ?? null;
}

async function consumerSeqAtTime(
  js: JetStreamClient,
  stream: string,
  time: string,
  filter?: string,
  filters?: string[],
): Promise<number | null> {
  let seq: number | null = null;
  await readRange(js, stream, {
    start: { kind: 'time', time },
    filter: filters ? undefined : narrowing(filter),
    filters,
    limit: 1,
    batchSize: 1,
    onBatch: (b) => (seq = b[0]?.seq ?? seq),
  });
  return seq;
}
