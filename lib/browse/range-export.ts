/**
 * Streams a sequence range (optionally subject-filtered) into an NDJSON or CSV Blob: read
 * in batches (bulk-read.ts: readRange, or unfiltered with the subject matched here, or by
 * message get where a consumer can't read), each batch formatted and appended as its own Blob
 * part (never one giant string), abortable, with progress per batch. Read-only.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { bulkRead } from './bulk-read';
import { CSV_HEADER, toCsvLine, toNdjsonLine } from './export';

export type ExportFormat = 'ndjson' | 'csv';

export type ExportProgress = {
  /** Messages written so far. */
  count: number;
  /** Bytes written so far (UTF-16 length of the text, close to UTF-8 for ASCII). */
  chars: number;
  /** Last sequence read. */
  atSeq: number;
  /** 0..1 through the sequence range. */
  fraction: number;
};

export type ExportResult = { blob: Blob; count: number; reason: 'done' | 'aborted' };

/** Reads [from, to] (matching `filter`) and builds the file as Blob parts. */
export async function exportRange(
  js: JetStreamClient,
  stream: string,
  o: {
    from: number;
    to: number;
    filter?: string;
    format: ExportFormat;
    batchSize?: number;
    signal?: AbortSignal;
    onProgress?: (p: ExportProgress) => void;
  },
): Promise<ExportResult> {
  const type = o.format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  const parts: Blob[] = o.format === 'csv' ? [new Blob([CSV_HEADER])] : [];
  const line = o.format === 'csv' ? toCsvLine : toNdjsonLine;
  const span = Math.max(1, o.to - o.from + 1);
  let count = 0;
  let chars = 0;
  const r = await bulkRead(js, stream, {
    start: Math.max(1, o.from),
    end: o.to,
    filter: o.filter,
    batchSize: o.batchSize ?? 500,
    signal: o.signal,
    onBatch: (msgs, b) => {
      let text = '';
      for (const m of msgs) {
        if (m.seq > o.to) break;
        text += line(m);
        count++;
      }
      const last = b.atSeq;
      if (!text && !last) return;
      if (text) {
        chars += text.length;
        // A Blob per batch moves the text out of the JS heap; the final Blob just references them.
        parts.push(new Blob([text]));
      }
      o.onProgress?.({
        count,
        chars,
        atSeq: last,
        fraction: Math.min(1, (last - o.from + 1) / span),
      });
    },
  });
  const aborted = r.reason === 'aborted' || o.signal?.aborted === true;
  return { blob: new Blob(parts, { type }), count, reason: aborted ? 'aborted' : 'done' };
}
