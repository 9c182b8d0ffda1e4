/**
 * A range read that starts on the tab's own (already open) connection and hands a long range
 * over to the reader worker. A small range (a task, a few thousand messages) is then on
 * screen without waiting for the worker's script and its second connection; a long one still
 * has its frames parsed beside the page. Same contract as one RawRangeReader: every message
 * of the range once, in stream order.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { readRangeInto, type ReadResult } from './range';
import { RawPacker, type RawBatch } from './pack';
import type { RawRangeReader, RawReadOptions } from './remote-reader';

/** What the tab's connection reads of a long range (sequences; messages with a `limit`) before the worker's part. */
export const HANDOFF_AT = 5_000;

/** A RawRangeReader on a JetStream client (the tab's connection): readRange, packed as the worker packs. */
export function tabRawReader(js: () => Promise<JetStreamClient>, stream: string): RawRangeReader {
  return async (o) => {
    const { onBatch, ...req } = o;
    // No bigger than the read can be: the packer's buffers are allocated up front.
    const packer = new RawPacker(Math.min(req.batchSize ?? 1000, req.limit ?? Infinity, 10_000));
    return readRangeInto(await js(), stream, req, {
      add: (m) => packer.add(m),
      size: () => packer.size(),
      flush: (pending) => onBatch(packer.take(), pending),
    });
  };
}

/**
 * Reads the start of a range with `near` (its first `at` sequences; `at` messages with a
 * `limit`), the rest with `far()` (same filter and bounds): every message once, in stream order. `far` is called at most once, and never for a
 * range of `at` messages or fewer.
 *
 * A long range is split as soon as the tab's consumer exists and says how many messages it has
 * pending: the tab reads the `at` sequences after its position, the worker reads from the next
 * one at the same time (its batches are held until the tab's part is in, a few thousand
 * messages), so the worker never waits for the tab's part. With a `limit`, where the tab's
 * part is counted in messages rather than sequences, the worker goes on from the sequence after
 * the last message the tab delivered, started as soon as a batch shows more are left.
 */
export function handoffReader(
  near: RawRangeReader,
  far: () => RawRangeReader,
  at = HANDOFF_AT,
): RawRangeReader {
  let farReader: RawRangeReader | null = null;
  const getFar = () => (farReader ??= far());
  return async (o: RawReadOptions): Promise<ReadResult> => {
    const limit = o.limit;
    const first = Math.min(at, limit ?? Infinity);
    let seen = 0;
    let pending = -1;
    // The split read: the worker's part, its failure, and its batches held until the tab's part is in.
    let farRun: Promise<ReadResult> | null = null;
    let farFailure: { e: unknown } | null = null;
    let held: [RawBatch, number][] | null = [];
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    if (o.signal?.aborted) stop.abort();
    else o.signal?.addEventListener('abort', onAbort, { once: true });
    const split =
      limit === undefined
        ? ({ pending: n, position }: { pending: number; position: number }) => {
            const cut = position + at;
            // At most `at` messages up to the cut: only a range with more pending is split.
            if (n <= at || (o.endSeq !== undefined && o.endSeq <= cut)) return;
            farRun = getFar()({
              ...o,
              start: { kind: 'seq', seq: cut + 1 },
              signal: stop.signal,
              onBatch: (b, p) => {
                if (held) held.push([b, p]);
                else o.onBatch(b, p);
              },
            });
            farRun.catch((e: unknown) => {
              farFailure = { e };
              stop.abort();
            });
            return cut;
          }
        : undefined;
    /** The tab's part ended by its message limit: the worker goes on after its last message. */
    const sequential = async (r1: ReadResult): Promise<ReadResult> => {
      // The range ended within the first part (the end, endSeq, an abort) or the caller's limit.
      const more =
        r1.reason === 'limit' &&
        r1.count === first &&
        first === at &&
        pending !== 0 &&
        (o.endSeq === undefined || r1.lastSeq < o.endSeq);
      if (!more || o.signal?.aborted) return r1;
      const r2 = await getFar()({
        ...o,
        start: { kind: 'seq', seq: r1.lastSeq + 1 },
        limit: limit !== undefined ? limit - r1.count : undefined,
      });
      return joined(r1, r2);
    };
    try {
      let r1: ReadResult;
      try {
        r1 = await near({
          ...o,
          limit: first,
          signal: stop.signal,
          onStart: split,
          onBatch: (b, p) => {
            seen += b.seq.length;
            pending = p;
            const last = b.seq[b.seq.length - 1] ?? 0;
            // More left than this part will read (and within endSeq): start the worker now.
            const left = o.endSeq !== undefined ? Math.min(p, o.endSeq - last) : p;
            if (!farRun && left > first - seen) getFar();
            o.onBatch(b, p);
          },
        });
      } catch (e) {
        stop.abort();
        await (farRun as Promise<ReadResult> | null)?.catch(() => {});
        throw e;
      }
      const run = farRun as Promise<ReadResult> | null;
      if (run) {
        if (r1.reason === 'aborted' || stop.signal.aborted) {
          stop.abort();
          await run.catch(() => {});
          const failure = farFailure as { e: unknown } | null;
          if (failure) throw failure.e;
          return r1;
        }
        // One held batch per task (each is decoded where it is handed on): the page is never
        // blocked for all of them at once. Batches that come meanwhile queue behind them; an abort
        // stops handing them on.
        const q = held as [RawBatch, number][];
        for (let next = q.shift(); next && !stop.signal.aborted; next = q.shift()) {
          o.onBatch(next[0], next[1]);
          if (q.length > 0) await new Promise((r) => setTimeout(r, 0));
        }
        held = null;
        return joined(r1, await run);
      }
      return await sequential(r1);
    } finally {
      o.signal?.removeEventListener('abort', onAbort);
    }
  };
}

/** One result of a range read in two parts. */
function joined(r1: ReadResult, r2: ReadResult): ReadResult {
  const vanished = (r1.vanished ?? 0) + (r2.vanished ?? 0);
  return {
    count: r1.count + r2.count,
    lastSeq: r2.count ? r2.lastSeq : r1.lastSeq,
    reason: r2.reason,
    ...(vanished > 0 ? { vanished } : {}),
  };
}
