/**
 * A range read that starts on the tab's own (already open) connection and hands a long range
 * over to the reader worker. A small range (a task, a few thousand messages) is then on
 * screen without waiting for the worker's script and its second connection; a long one still
 * has its frames parsed beside the page. Same contract as one RawRangeReader: every message
 * of the range once, in stream order.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { readRangeInto, type ReadResult } from './range';
import { RawPacker } from './pack';
import type { RawRangeReader, RawReadOptions } from './remote-reader';

/** Messages read on the tab's connection before the rest of a range goes to the worker. */
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
 * Reads the first `at` messages of a range with `near`, the rest (from the sequence after the
 * last one `near` delivered, same filter and bounds) with `far()`. `far` is called at most once:
 * as soon as a batch of `near` shows more than `at` messages are left (so the worker connects
 * while the tab still reads), else never.
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
    const r1 = await near({
      ...o,
      limit: first,
      onBatch: (b, p) => {
        seen += b.seq.length;
        pending = p;
        const last = b.seq[b.seq.length - 1] ?? 0;
        // More left than this part will read (and within endSeq): start the worker now.
        const left = o.endSeq !== undefined ? Math.min(p, o.endSeq - last) : p;
        if (left > first - seen) getFar();
        o.onBatch(b, p);
      },
    });
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
    const vanished = (r1.vanished ?? 0) + (r2.vanished ?? 0);
    return {
      count: r1.count + r2.count,
      lastSeq: r2.count ? r2.lastSeq : r1.lastSeq,
      reason: r2.reason,
      ...(vanished > 0 ? { vanished } : {}),
    };
  };
}
