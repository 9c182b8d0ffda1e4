/**
 * A replay batch decoded where it was read: the reader worker decodes each RawBatch, applies
 * the scope's match and the range's time end there, and hands the page columns (columns.ts)
 * and the kept messages' bytes, so the page neither parses JSON nor makes an object per event
 * while loading (payloads are decoded when a view wants them: events.ts). The tab's own read
 * (the handoff's first part, or no workers) decodes with the same function.
 */
import type { ReadResult } from '@/lib/stream/reader';
import type { RawBatch } from '@/lib/stream/pack';
import type {
  DecodedReadOptions as RemoteDecodedOptions,
  RawRangeReader,
} from '@/lib/stream/remote-reader';
import { EventColumns, columnTransferables, type ColumnBatch } from './columns';
import { rawBatchEvents } from './event';
import { scopeMatcher, type ReplaySpec } from './scope';

/** The kept messages' bytes: message k is bytes[offsets[k] .. offsets[k + 1]), header block first. */
export type PayloadChunk = { offsets: Uint32Array; hdrLen: Uint32Array; bytes: Uint8Array };

/** One read batch, decoded and matched (plain data: it crosses from the worker transferred). */
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

/** What the decoding side needs of the replay (plain data, sent to the worker). */
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

/** What to transfer (not copy) when posting a DecodedBatch. */
export function decodedTransferables(d: DecodedBatch): ArrayBuffer[] {
  const p = d.payloads;
  const bufs = new Set<ArrayBuffer>(columnTransferables(d.cols));
  for (const a of [p.offsets, p.hdrLen, p.bytes]) bufs.add(a.buffer as ArrayBuffer);
  return [...bufs];
}

/** readRange's options with decoded batches (the decoding side's request included). */
export type DecodedReadOptions = RemoteDecodedOptions<DecodeRequest, DecodedBatch>;

/** Reads a range in DecodedBatches; otherwise the contract of readRange. */
export type DecodedRangeReader = (opts: DecodedReadOptions) => Promise<ReadResult>;

/** What a DecodedBatch delivered, for handoffReader: the messages read, the last one's sequence. */
export const decodedSpan = (b: DecodedBatch): { count: number; lastSeq: number } => ({
  count: b.read,
  lastSeq: b.lastSeq || b.firstSeq,
});

/** A DecodedRangeReader that decodes a RawRangeReader's batches here (the tab's connection). */
export function decodingReader(raw: RawRangeReader): DecodedRangeReader {
  return ({ decode, onBatch, ...o }) => {
    const match = scopeMatcher(decode);
    return raw({ ...o, onBatch: (b, p) => onBatch(decodeRawBatch(b, decode, match), p) });
  };
}
