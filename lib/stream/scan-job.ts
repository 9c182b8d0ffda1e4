/**
 * A scan as a job the reader worker runs (wire.ts carries it): where it reads, its matcher as
 * text (compiled where the scan runs, by the feature that owns the syntax: lib/browse/scan.ts),
 * and what it reports. lib/stream knows only this shape, never the search itself.
 */
import type { StreamMessage } from './message';

export type ScanProgress = {
  scanned: number;
  total: number;
  matches: number;
  atSeq: number;
  /** The subjects the server filtered by (a pushed-down search); absent when it sent all. */
  serverFilters?: readonly string[];
  /** Messages in the stream when the scan started (what a full scan would read). */
  streamMessages?: number;
};

export type ScanResult = {
  scanned: number;
  matches: number;
  reason: 'end' | 'aborted' | 'max';
  lastSeq: number;
};

/** A scan as plain data (it crosses to the reader worker): the query text instead of a matcher. */
export type ScanRequest = {
  /** Sequence to start at (inclusive). */
  from: number;
  direction: 'forward' | 'backward';
  /** The stream's first sequence (backward scans stop there). */
  first: number;
  /**
   * Last sequence a forward scan reads (inclusive): the stream's last when the search began,
   * so the range searched is the one shown. Absent: to the end, however far it grows.
   */
  to?: number;
  filter?: string;
  /** Stop after this many matches (bounded memory). */
  maxMatches?: number;
  batchSize?: number;
  /** Search text, compiled where the scan runs. */
  q: string;
};

/** What a running scan reports to its caller. */
export type ScanCallbacks = {
  signal?: AbortSignal;
  /** Matches in scan order (ascending forwards, descending backwards), once per batch. */
  onMatches: (msgs: StreamMessage[]) => void;
  onProgress?: (p: ScanProgress) => void;
};

/** Runs a scan of a bound stream: on the tab's connection or in the reader worker. */
export type Scanner = (req: ScanRequest & ScanCallbacks) => Promise<ScanResult>;
