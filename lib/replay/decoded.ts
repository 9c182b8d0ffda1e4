/**
 * A replay's read batch decoded into columns: each RawBatch (from the reader worker or the
 * tab's connection) is decoded once, the scope's match and the range's time end applied, and
 * handed on as the events' columns (columns.ts) plus the kept messages' bytes, so the replay
 * keeps no object per event while loading (payloads are decoded when a view wants them:
 * events.ts). Plain data with transferable buffers: it could be built in a worker (measured
 * slower: docs/bench.md).
 */
import type { ReadOptions, ReadResult } from '@/lib/stream/reader';
import type { RawBatch } from '@/lib/stream/pack';
import type { RawRangeReader } from '@/lib/stream/remote-reader';
import { EventColumns, type ColumnBatch } from './columns';
import { rawBatchEvents } from './event';
import { scopeMatcher, type ReplaySpec } from './scope';

/** The kept messages' bytes: message k is bytes[offsets[k] .. offsets[k + 1]), header block first. */
export type PayloadChunk = { offsets: Uint32Array; hdrLen: Uint32Array; bytes: Uint8Array };

/** One read batch, decoded and matched. */
export type DecodedBatch = {
  cols: ColumnBatch;
  payloads: PayloadChunk;
  /** Messages read (before the scope's match), up to the range's time end. */
  read: number;
  /** Sequence of the batch's first message read (0: none). */
  firstSeq: number;
  /** Sequence of its last message read within the range (0: none). */
  lastSeq: number;
  /** A message past the range's time end was read: the range ends in this batch. */
  pastEnd: boolean;
};

/** What decoding needs of the replay's spec (plain data). */
export type DecodeRequest = Pick<ReplaySpec, 'task' | 'agent'> & {
  /** ISO `to` of the range, epoch ms: messages after its millisecond are past the end. */
  endMs?: number;
};

/** Decodes, matches and cuts a RawBatch into a DecodedBatch (the scope's matcher made once). */
export function decodeRawBatch(
  b: RawBatch,
  req: DecodeRequest,
  match = scopeMatcher(req),
): DecodedBatch {
  const n = b.seq.length;
  const at = rawBatchEvents(b);
  const cols = new EventColumns(Math.max(1, n));
  const keep = new Uint32Array(n);
  let kept = 0;
  let read = 0;
  let pastEnd = false;
  for (let i = 0; i < n; i++) {
    // Stream times carry sub-millisecond fractions; an ISO `to` includes its whole millisecond.
    if (req.endMs !== undefined && Math.floor(b.timeMs[i] as number) > req.endMs) {
      pastEnd = true;
      break;
    }
    read++;
    const e = at(i);
    if (match && !match(e)) continue;
    cols.append(e);
    keep[kept++] = i;
  }
  return {
    cols: cols.toBatch(),
    // Only the payload buffers: the batch's other columns would be cloned across for nothing.
    payloads:
      kept === n
        ? { offsets: b.offsets, hdrLen: b.hdrLen, bytes: b.bytes }
        : compact(b, keep, kept),
    read,
    firstSeq: n > 0 ? (b.seq[0] as number) : 0,
    lastSeq: read > 0 ? (b.seq[read - 1] as number) : 0,
    pastEnd,
  };
}

/** The kept messages' bytes copied into a buffer of their own (a scope keeps a few of many). */
function compact(b: RawBatch, keep: Uint32Array, kept: number): PayloadChunk {
  const offsets = new Uint32Array(kept + 1);
  const hdrLen = new Uint32Array(kept);
  let total = 0;
  for (let k = 0; k < kept; k++) {
    const i = keep[k] as number;
    offsets[k] = total;
    total += (b.offsets[i + 1] as number) - (b.offsets[i] as number);
  }
  offsets[kept] = total;
  const bytes = new Uint8Array(total);
  for (let k = 0; k < kept; k++) {
    const i = keep[k] as number;
    bytes.set(b.bytes.subarray(b.offsets[i] as number, b.offsets[i + 1] as number), offsets[k]);
    hdrLen[k] = b.hdrLen[i] as number;
  }
  return { offsets, hdrLen, bytes };
}

/** readRange's options with decoded batches (what decoding needs included). */
export type DecodedReadOptions = Omit<ReadOptions, 'onBatch'> & {
  decode: DecodeRequest;
  onBatch: (batch: DecodedBatch, pending: number) => void;
};

/** Reads a range in DecodedBatches; otherwise the contract of readRange. */
export type DecodedRangeReader = (opts: DecodedReadOptions) => Promise<ReadResult>;

/** A DecodedRangeReader over a RawRangeReader: each batch decoded as it arrives. */
export function decodingReader(raw: RawRangeReader): DecodedRangeReader {
  return ({ decode, onBatch, ...o }) => {
    const match = scopeMatcher(decode);
    return raw({ ...o, onBatch: (b, p) => onBatch(decodeRawBatch(b, decode, match), p) });
  };
}
