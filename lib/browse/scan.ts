/**
 * Whole-stream search as a scan: big ordered-consumer batches (forwards) or big windows read
 * forwards and emitted newest-first (backwards), a pure matcher per message, matches and
 * progress reported once per batch, cancellable with an AbortSignal. Read-only. Where a
 * consumer can't read with the filter, bulk-read.ts reads unfiltered and matches the subject
 * here, or (work-queue stream, refused consumer) reads by message get.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { nextStoredSeq, type StreamMessage } from '@/lib/stream/reader';
import type { ScanCallbacks, ScanRequest, ScanResult, Scanner } from '@/lib/stream/scan-job';
import { narrowing } from '@/lib/nats/subjects';
import { bulkRead } from './bulk-read';
import { compileSearch, parseSearch, type SearchQuery } from './search';
import { pushdownFilters } from './pushdown';
import { modeInfo } from './read-mode';

export type { ScanProgress, ScanRequest, ScanResult, Scanner } from '@/lib/stream/scan-job';

export type ScanOptions = Omit<ScanRequest, 'q'> &
  ScanCallbacks & {
    match: (m: StreamMessage) => boolean;
    /** The parsed search behind `match`: its subject fields are pushed down to the server (pushdown.ts). */
    query?: SearchQuery;
  };

/** A Scanner on the given JetStream client (the tab's own, or the worker's). */
export function localScanner(js: JetStreamClient, stream: string): Scanner {
  return ({ q, ...o }) => {
    const query = parseSearch(q);
    return scanStream(js, stream, { ...o, query, match: compileSearch(query) });
  };
}

/**
 * The filters under which something is stored (one next_by_subj get each): a consumer with
 * fewer filter subjects is read faster (measured on 2.15.3: three subjects, two of them
 * empty, took 3× as long as the one with messages). Kept whole when the server can't say.
 */
async function storedOnly(
  js: JetStreamClient,
  stream: string,
  filters: readonly string[],
): Promise<readonly string[]> {
  const next = await Promise.all(filters.map((f) => nextStoredSeq(js, stream, 1, f)));
  if (next.some((n) => n === undefined)) return filters;
  const kept = filters.filter((_, i) => next[i] !== null);
  // Nothing stored under any: keep one, so the read still ends the ordinary way.
  return kept.length > 0 ? kept : filters.slice(0, 1);
}

/** Sequences per backward window. */
const BACK_WINDOW = 50_000;

/** Scans from `from` to the end (forward) or the first message (backward). */
export async function scanStream(
  js: JetStreamClient,
  stream: string,
  o: ScanOptions,
): Promise<ScanResult> {
  const max = o.maxMatches ?? 10_000;
  const batchSize = o.batchSize ?? 5_000;
  const filter = narrowing(o.filter);
  const res: ScanResult = { scanned: 0, matches: 0, reason: 'end', lastSeq: 0 };
  // The subjects the search can match (null: all): read only those where the server can.
  const info = o.query ? await modeInfo(js, stream) : null;
  const pushed =
    o.query && info
      ? (pushdownFilters(o.query, filter, info.config.subjects) ?? undefined)
      : undefined;
  const filters = pushed && pushed.length > 1 ? await storedOnly(js, stream, pushed) : pushed;
  const streamMessages = info?.state.messages;
  const inner = new AbortController();
  const abort = () => inner.abort();
  o.signal?.addEventListener('abort', abort, { once: true });
  const take = (batch: StreamMessage[], matched = false): StreamMessage[] => {
    const hits: StreamMessage[] = [];
    for (const m of batch) {
      if (res.matches + hits.length >= max) break;
      if (matched || o.match(m)) hits.push(m);
    }
    res.matches += hits.length;
    if (res.matches >= max) {
      res.reason = 'max';
      inner.abort();
    }
    return hits;
  };
  try {
    if (o.direction === 'forward') {
      const span = o.to === undefined ? Infinity : Math.max(0, o.to - Math.max(1, o.from) + 1);
      await bulkRead(js, stream, {
        start: Math.max(1, o.from),
        end: o.to,
        filter,
        filters,
        batchSize,
        signal: inner.signal,
        onBatch: (b, { read, pending, atSeq, serverFilters }) => {
          if (res.reason === 'max') return;
          res.scanned += read;
          res.lastSeq = atSeq || res.lastSeq;
          const hits = take(b);
          if (hits.length) o.onMatches(hits);
          // `pending` counts to the stream's end: the range's end can be nearer.
          o.onProgress?.({
            scanned: res.scanned,
            total: Math.min(res.scanned + pending, span),
            matches: res.matches,
            atSeq: res.lastSeq,
            serverFilters,
            streamMessages,
          });
        },
      });
    } else {
      const span = Math.max(0, o.from - o.first + 1);
      let end = o.from;
      let serverFilters: readonly string[] | undefined;
      while (end >= o.first && !inner.signal.aborted) {
        const start = Math.max(o.first, end - BACK_WINDOW + 1);
        const chunk: StreamMessage[] = [];
        await bulkRead(js, stream, {
          start,
          end,
          filter,
          filters,
          batchSize,
          signal: inner.signal,
          onBatch: (b, { read, atSeq, serverFilters: sf }) => {
            for (const m of b) if (m.seq <= end && o.match(m)) chunk.push(m);
            res.scanned += read;
            serverFilters = sf ?? serverFilters;
            // Within a window (read forwards): slow reads (by get) still show progress.
            if (atSeq >= start)
              o.onProgress?.({
                scanned: o.from - end + (atSeq - start + 1),
                total: span,
                matches: res.matches,
                atSeq: end,
                serverFilters,
                streamMessages,
              });
          },
        });
        if (inner.signal.aborted && res.reason !== 'max') break;
        chunk.reverse();
        const hits = take(chunk, true);
        if (hits.length) o.onMatches(hits);
        res.lastSeq = start;
        o.onProgress?.({
          scanned: o.from - start + 1,
          total: span,
          matches: res.matches,
          atSeq: start,
          serverFilters,
          streamMessages,
        });
        end = start - 1;
        // Yield between windows so the page stays responsive.
        await new Promise((r) => setTimeout(r, 0));
      }
    }
  } finally {
    o.signal?.removeEventListener('abort', abort);
  }
  if (o.signal?.aborted && res.reason !== 'max') res.reason = 'aborted';
  return res;
}
