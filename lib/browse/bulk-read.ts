/**
 * Bulk reads of a sequence range for the whole-stream search (scan.ts) and the range export
 * (range-export.ts), in the way the stream and filter allow (read-mode.ts):
 * - a consumer with the filter (readRange: ordered consumer, big batches): the fast path;
 * - a filter that is not a subset of one stream subject: the same read unfiltered, the
 *   subject matched here (about as fast: the server sends every message in the range);
 * - a work-queue stream or a refused consumer: on 2.11+ with allow_direct, batch direct gets
 *   (a request per batch, the filter applied by the server); else `{ seq }` gets, GET_DEPTH
 *   in flight, the subject matched here (slow: a request per sequence; no consumer is made);
 * - a filter overlapping none of the stream's subjects: nothing is read.
 * Read-only.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { narrowing, subjectMatches } from '@/lib/nats/subjects';
import { readRange, type StreamMessage } from '@/lib/stream/reader';
import { capabilitiesOf } from '@/lib/nats/capabilities';
import { batchGetChunks } from './batch-get';
import { clientGetter, seqGets } from './get-reader';
import { freshInfo, isConsumerRefusal, readMode, rememberRefusal } from './read-mode';

export type BulkBatch = {
  /** Messages read (all subjects) since the last batch, matched or not. */
  read: number;
  /** Messages (consumer) or sequences (gets) left after this batch, to the end of the read. */
  pending: number;
  /** The last sequence read (0 when nothing was). */
  atSeq: number;
  /** The subjects the server filtered by for a pushed-down search (none: every subject sent). */
  serverFilters?: readonly string[];
};

export type BulkReadOptions = {
  /** First sequence (inclusive). */
  start: number;
  /** Last sequence (inclusive); the stream's end when omitted. */
  end?: number;
  filter?: string;
  /**
   * The only subjects that can match (a pushed-down search, pushdown.ts), within `filter`
   * and the stream's subjects, none overlapping; the server reads only those where it can
   * (one filter on 2.9, `filter_subjects` on 2.10+). Empty: nothing can match.
   */
  filters?: readonly string[];
  batchSize: number;
  signal?: AbortSignal;
  /** The matching messages of a batch (maybe none), ascending. */
  onBatch: (msgs: StreamMessage[], b: BulkBatch) => void;
};

export type BulkReadResult = {
  reason: 'end' | 'aborted';
  mode: 'consumer' | 'unfiltered' | 'get' | 'empty';
};

const isAbort = (e: unknown) => (e as { name?: unknown } | null)?.name === 'AbortError';

/** Reads [start, end] of `stream` matching `filter` in batches (see the module comment). */
export async function bulkRead(
  js: JetStreamClient,
  stream: string,
  o: BulkReadOptions,
): Promise<BulkReadResult> {
  const aborted = () => o.signal?.aborted === true;
  if (o.filters?.length === 0) return { reason: aborted() ? 'aborted' : 'end', mode: 'empty' };
  // A pushed-down search: one subject is an ordinary filter (any server, any read mode);
  // several need a 2.10+ consumer, else the read falls back to the view's filter.
  const caps = await capabilitiesOf(js);
  const one = o.filters?.length === 1 ? o.filters[0] : undefined;
  const many = o.filters && o.filters.length > 1 && caps.multiFilter ? [...o.filters] : undefined;
  const filter = one ?? narrowing(o.filter);
  const serverFilters = one || many ? o.filters : undefined;
  for (let attempt = 0; ; attempt++) {
    const modeFilter = many && attempt === 0 ? undefined : filter;
    const mode = await readMode(js, stream, modeFilter, true);
    if (mode.kind === 'empty') return { reason: aborted() ? 'aborted' : 'end', mode: 'empty' };
    if (mode.kind === 'get') {
      try {
        await readByGets(js, stream, mode.direct, { ...o, filter }, one ? o.filters : undefined);
      } catch (e) {
        if (!(isAbort(e) && aborted())) throw e;
      }
      return { reason: aborted() ? 'aborted' : 'end', mode: 'get' };
    }
    const useMany =
      many && attempt === 0 ? many : mode.kind === 'consumer' ? mode.filters : undefined;
    const match = mode.kind === 'unfiltered' && filter ? filter : undefined;
    const reported = many && attempt === 0 ? serverFilters : one ? serverFilters : undefined;
    let delivered = false;
    try {
      const r = await readRange(js, stream, {
        start: { kind: 'seq', seq: Math.max(1, o.start) },
        filter: match || useMany ? undefined : filter,
        filters: useMany,
        endSeq: o.end,
        batchSize: o.batchSize,
        signal: o.signal,
        onBatch: (b, pending) => {
          delivered = true;
          const inRange = o.end === undefined ? b : b.filter((m) => m.seq <= (o.end as number));
          const msgs = match ? inRange.filter((m) => subjectMatches(match, m.subject)) : inRange;
          o.onBatch(msgs, {
            read: inRange.length,
            pending,
            atSeq: inRange[inRange.length - 1]?.seq ?? 0,
            serverFilters: reported,
          });
        },
      });
      return { reason: r.reason === 'aborted' || aborted() ? 'aborted' : 'end', mode: mode.kind };
    } catch (e) {
      // Refused before anything was read: the next attempt reads by get.
      if (delivered || attempt > 0 || !isConsumerRefusal(e)) throw e;
      rememberRefusal(js, stream, match || useMany ? undefined : filter);
      if (match) rememberRefusal(js, stream, filter);
    }
  }
}

/** [start, end] by `{ seq }` gets, the subject matched here, a batch every `batchSize` reads. */
async function readByGets(
  js: JetStreamClient,
  stream: string,
  direct: boolean,
  o: BulkReadOptions,
  serverFilters?: readonly string[],
): Promise<void> {
  const info = await freshInfo(js, stream);
  const start = Math.max(1, o.start, info.state.first_seq);
  const end = Math.min(o.end ?? Number.MAX_SAFE_INTEGER, info.state.last_seq);
  const caps = await capabilitiesOf(js);
  let msgs: StreamMessage[] = [];
  let read = 0;
  let atSeq = 0;
  const flush = () => {
    if (read === 0) return;
    const out = msgs;
    o.onBatch(out, { read, pending: Math.max(0, end - atSeq), atSeq });
    msgs = [];
    read = 0;
  };
  if (direct && caps.batchGet) {
    // 2.11+: a request per batch, the filter applied by the server (next_by_subj), and the
    // matching messages left (Nats-Num-Pending) as the progress total.
    let left = end - start + 1;
    const chunks = batchGetChunks(js, stream, caps, {
      start,
      end,
      filter: o.filter,
      signal: o.signal,
      onProgress: (p) => (left = p.pending),
    });
    // Whole answers handed on in slices of batchSize (no step per message).
    for await (const chunk of chunks) {
      for (let i = 0; i < chunk.length;) {
        const take = Math.min(chunk.length - i, o.batchSize - read);
        const part = i === 0 && take === chunk.length ? chunk : chunk.slice(i, i + take);
        i += take;
        read += take;
        atSeq = (part[part.length - 1] as StreamMessage).seq;
        if (msgs.length === 0) msgs = part;
        else for (const m of part) msgs.push(m);
        if (read >= o.batchSize) {
          o.onBatch(msgs, {
            read,
            pending: Math.max(0, Math.min(left, end - atSeq)),
            atSeq,
            serverFilters,
          });
          msgs = [];
          read = 0;
        }
      }
    }
    if (read > 0) o.onBatch(msgs, { read, pending: 0, atSeq, serverFilters });
    return;
  }
  const g = await clientGetter(js, stream, direct);
  for await (const m of seqGets(g, start, end, o.signal)) {
    read++;
    atSeq = m.seq;
    if (!o.filter || subjectMatches(o.filter, m.subject)) msgs.push(m);
    if (read >= o.batchSize) flush();
  }
  flush();
}
