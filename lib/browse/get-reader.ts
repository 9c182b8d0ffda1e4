/**
 * Reading a stream without a consumer: by message get, DIRECT.GET when the stream allows it
 * (allow_direct) else STREAM.MSG.GET. Used where a consumer can't read (work-queue streams,
 * filters that are not a subset of one stream subject on nats-server 2.9, no permission to
 * create consumers; see read-mode.ts). Read-only: nothing is acked, deleted or published.
 *
 * - unfiltered: `{ seq }` gets, many in flight (GET_DEPTH), missing (deleted, expired,
 *   consumed) sequences skipped; a run of GET_DEPTH misses jumps the gap with one
 *   `next_by_subj: '>'` get. Bounded by the stream's last sequence.
 * - filtered: `{ seq, next_by_subj: filter }`, one after the other (each answer gives the
 *   next start). next_by_subj matches stored subjects with wildcards and has no subset rule.
 *
 * Each get is a round trip: a page of 200 is ~200 requests (pipelined when unfiltered), so
 * this path is slower than a consumer's single pull and is used only where that can't read.
 */
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { getStored, type StreamMessage } from '@/lib/stream/reader';
import { capabilitiesOf } from '@/lib/nats/capabilities';
import { batchGets } from './batch-get';

/** Unfiltered gets in flight at once. */
export const GET_DEPTH = 64;

/** Message gets on one stream. */
export type Getter = {
  /** The message at `seq`, null when none is stored there. */
  at(seq: number): Promise<StreamMessage | null>;
  /** The first message at or after `seq` whose subject matches `filter`, null when none. */
  next(seq: number, filter: string): Promise<StreamMessage | null>;
  /**
   * A range in a request per batch (batch-get.ts), where the server and stream allow it
   * (2.11+, allow_direct); absent, rangeGets sends a request per message.
   */
  range?: (
    start: number,
    end: number,
    filter: string | undefined,
    signal?: AbortSignal,
    limit?: number,
  ) => AsyncGenerator<StreamMessage>;
};

/** Gets on `stream`: DIRECT.GET when `direct` (the stream's allow_direct), else STREAM.MSG.GET. */
export function getter(jsm: JetStreamManager, stream: string, direct: boolean): Getter {
  const get = (q: { seq: number; next_by_subj?: string }) => getStored(jsm, stream, q, direct);
  return { at: (seq) => get({ seq }), next: (seq, filter) => get({ seq, next_by_subj: filter }) };
}

/** A getter for `stream` on this client, reading ranges by batch where the server can. */
export async function clientGetter(
  js: JetStreamClient,
  stream: string,
  direct: boolean,
): Promise<Getter> {
  const g = getter(await js.jetstreamManager(false), stream, direct);
  const caps = await capabilitiesOf(js);
  if (!direct || !caps.batchGet) return g;
  return {
    ...g,
    range: (start, end, filter, signal, limit) =>
      batchGets(js, stream, caps, { start, end, filter, signal, limit }),
  };
}

const aborted = () => new DOMException('aborted', 'AbortError');

/**
 * Every stored message in [start, end] ascending, by `{ seq }` gets with `depth` in flight.
 * Stopping early (break) leaves the gets in flight to settle unobserved.
 */
export async function* seqGets(
  g: Getter,
  start: number,
  end: number,
  signal?: AbortSignal,
  depth = GET_DEPTH,
): AsyncGenerator<StreamMessage> {
  const queue: Promise<StreamMessage | null>[] = [];
  let next = Math.max(1, start);
  const fill = () => {
    while (queue.length < depth && next <= end) {
      const p = g.at(next++);
      p.catch(() => {});
      queue.push(p);
    }
  };
  let misses = 0;
  fill();
  while (queue.length > 0) {
    if (signal?.aborted) throw aborted();
    const m = await (queue.shift() as Promise<StreamMessage | null>);
    if (m) {
      misses = 0;
      yield m;
    } else if (++misses >= depth && next <= end) {
      // A long gap (deleted or consumed messages): one get finds where it ends.
      const seqs = queue.length;
      queue.length = 0;
      const at = await g.next(next - seqs, '>');
      if (signal?.aborted) throw aborted();
      misses = 0;
      if (!at || at.seq > end) return;
      next = at.seq + 1;
      fill();
      yield at;
      continue;
    }
    fill();
  }
}

/** Every stored message matching `filter` in [start, end] ascending, by next_by_subj gets. */
export async function* nextGets(
  g: Getter,
  start: number,
  end: number,
  filter: string,
  signal?: AbortSignal,
): AsyncGenerator<StreamMessage> {
  let seq = Math.max(1, start);
  while (seq <= end) {
    if (signal?.aborted) throw aborted();
    const m = await g.next(seq, filter);
    if (signal?.aborted) throw aborted();
    if (!m || m.seq > end) return;
    yield m;
    seq = m.seq + 1;
  }
}

/**
 * Messages in [start, end] ascending matching `filter` (undefined: all): by batch where the
 * getter can (`limit` sizes its requests: a page wants one more than it shows), else the get
 * way for each.
 */
export function rangeGets(
  g: Getter,
  start: number,
  end: number,
  filter: string | undefined,
  signal?: AbortSignal,
  limit?: number,
): AsyncGenerator<StreamMessage> {
  if (g.range) return g.range(start, end, filter, signal, limit);
  return filter ? nextGets(g, start, end, filter, signal) : seqGets(g, start, end, signal);
}
