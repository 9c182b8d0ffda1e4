/**
 * Pages of a stream in both directions on top of the read-only reader: newer pages are one
 * ordered-consumer read; older pages are read forwards in growing windows ending at the
 * page boundary (see paging.ts). Every consumer is ephemeral and deleted by readRange.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { readRange, type StreamMessage } from '@/lib/stream/reader';
import { backwardWindow, initialWindowWidth, nextWindowWidth } from './paging';
import { FETCH_PAGE_MAX, fetchPage } from './fetch-page';

export type Page<T = StreamMessage> = {
  /** Messages (or what `map` made of them) in ascending sequence order. */
  msgs: T[];
  /** True when more messages may exist beyond this page in the direction read. */
  more: boolean;
};

const isAll = (filter?: string) => !filter || filter === '>';
/** Anything keyed by its sequence: a message or the row made of it. */
type Seq = { seq: number };
/** Per-message mapping applied as messages arrive (e.g. decoding into table rows). */
type MapOpt<T> = { map?: (m: StreamMessage) => T };
const mapOf = <T>(o: MapOpt<T>) => o.map ?? ((m: StreamMessage) => m as unknown as T);

/** Up to `limit` messages matching `filter` with sequence ≥ `from`, ascending (through `map`). */
export async function readNewer<T extends Seq = StreamMessage>(
  js: JetStreamClient,
  stream: string,
  o: { from: number; filter?: string; limit: number; signal?: AbortSignal } & MapOpt<T>,
): Promise<Page<T>> {
  const map = mapOf(o);
  if (isAll(o.filter) && o.limit <= FETCH_PAGE_MAX) {
    // The common case (a seek, scrolling an unfiltered stream): one pull, no STREAM.INFO.
    const r = await fetchPage(js, stream, { from: o.from, limit: o.limit, signal: o.signal, map });
    return { msgs: r.msgs, more: r.pending > 0 };
  }
  const msgs: T[] = [];
  let pending = 0;
  const r = await readRange(js, stream, {
    start: { kind: 'seq', seq: Math.max(1, o.from) },
    filter: isAll(o.filter) ? undefined : o.filter,
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
export async function readOlder<T extends Seq = StreamMessage>(
  js: JetStreamClient,
  stream: string,
  o: { to: number; first: number; filter?: string; limit: number; signal?: AbortSignal } & MapOpt<T>,
): Promise<Page<T>> {
  const map = mapOf(o);
  const filtered = !isAll(o.filter);
  let width = initialWindowWidth(o.limit, filtered);
  let end = o.to;
  let got: T[] = [];
  let overflow = false;
  while (got.length < o.limit && end >= o.first) {
    if (o.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const w = backwardWindow(end, width, o.first);
    const chunk: T[] = [];
    const span = w.end - w.start + 1;
    if (!filtered && span <= FETCH_PAGE_MAX) {
      const r = await fetchPage(js, stream, { from: w.start, limit: span, signal: o.signal, map });
      for (const m of r.msgs) if (m.seq <= w.end) chunk.push(m);
    } else await readRange(js, stream, {
      start: { kind: 'seq', seq: w.start },
      filter: filtered ? o.filter : undefined,
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
export async function seqAtTime(js: JetStreamClient, stream: string, time: string, filter?: string): Promise<number | null> {
  let seq: number | null = null;
  await readRange(js, stream, {
    start: { kind: 'time', time },
    filter: isAll(filter) ? undefined : filter,
    limit: 1,
    batchSize: 1,
    onBatch: (b) => (seq = b[0]?.seq ?? seq),
  });
  return seq;
}
