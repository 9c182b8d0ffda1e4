/**
 * Streams a sequence range (optionally subject-filtered) into an NDJSON or CSV Blob: read
 * with readRange in batches, each batch formatted and appended as its own Blob part (never
 * one giant string), abortable, with progress per batch. Read-only.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { readRange } from '@/lib/stream/reader';
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
  o: { from: number; to: number; filter?: string; format: ExportFormat; batchSize?: number; signal?: AbortSignal; onProgress?: (p: ExportProgress) => void },
): Promise<ExportResult> {
  const type = o.format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  const parts: Blob[] = o.format === 'csv' ? [new Blob([CSV_HEADER])] : [];
  const line = o.format === 'csv' ? toCsvLine : toNdjsonLine;
  const span = Math.max(1, o.to - o.from + 1);
  let count = 0;
  let chars = 0;
  const r = await readRange(js, stream, {
    start: { kind: 'seq', seq: Math.max(1, o.from) },
    filter: o.filter && o.filter !== '>' ? o.filter : undefined,
    endSeq: o.to,
    batchSize: o.batchSize ?? 500,
    signal: o.signal,
    onBatch: (msgs) => {
      let text = '';
      let last = 0;
      for (const m of msgs) {
        if (m.seq > o.to) break;
        text += line(m);
        count++;
        last = m.seq;
      }
      if (!text) return;
      chars += text.length;
      // A Blob per batch moves the text out of the JS heap; the final Blob just references them.
      parts.push(new Blob([text]));
      o.onProgress?.({ count, chars, atSeq: last, fraction: Math.min(1, (last - o.from + 1) / span) });
    },
  });
  const aborted = r.reason === 'aborted' || o.signal?.aborted === true;
  return { blob: new Blob(parts, { type }), count, reason: aborted ? 'aborted' : 'done' };
}
