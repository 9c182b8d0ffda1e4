'use client';

import { useEffect, useMemo } from 'react';
import type { NatsClient } from '@/lib/nats/connection';
import { loadReplayRaw } from '@/lib/replay/loader';
import {
  dropSpareReaderWorker,
  openWorkerReader,
  prewarmReaderWorker,
} from '@/lib/workers/reader-worker';
import { mayExceed, parseSpec, type ReplaySpec } from '@/lib/replay/scope';
import { ReplayData } from '@/lib/replay/store';
import { readSeedMessages, type SeedReader } from '@/lib/replay/seed';
import { readRange } from '@/lib/stream/reader';
import { HANDOFF_AT, handoffReader, tabRawReader } from '@/lib/stream/handoff';
import type { RangeReader, RawRangeReader, RemoteReader } from '@/lib/stream/remote-reader';
import { decodingReader } from '@/lib/replay/decoded';
import { markOnce } from '@/lib/perf-marks';
import { payloadRangeReader } from '@/lib/replay/payload-read';

// A replay link whose range may be long: the reader worker's script starts loading as this
// page's code runs, before hydration and the connect (a small range never starts a worker).
if (typeof window !== 'undefined' && window.location.pathname.startsWith('/replay')) {
  const q = new URLSearchParams(window.location.search);
  const keys = ['from', 'to', 'at', 'task', 'agent', 'filter'] as const;
  const { spec } = parseSpec(Object.fromEntries(keys.map((k) => [k, q.get(k)])));
  if (mayExceed(spec, HANDOFF_AT)) prewarmReaderWorker();
}

// Loaded replays (with their snapshots) per stream + range, so returning to a range just seen
// does not re-read it. Two finished entries bound memory; a load runs while someone uses it.
type Entry = {
  data: ReplayData;
  refs: number;
  started: boolean;
  ac: AbortController;
  generation: number;
};
const cache = new Map<string, Entry>();
const CACHE_SIZE = 2;

function trim() {
  for (const [k, e] of cache) {
    if (cache.size <= CACHE_SIZE) break;
    if (e.refs === 0) cache.delete(k);
  }
}

/**
 * The cache entry for a range, made on first use. Replaced: an errored or aborted one, one
 * that saw the stream purged under it (its events are not what the stream holds), and one
 * of another `generation` (the page's Load: read again, never the cache).
 */
function entryFor(key: string, stream: string, generation: number): Entry {
  const hit = cache.get(key);
  if (
    hit &&
    hit.data.info.status !== 'error' &&
    !hit.ac.signal.aborted &&
    hit.data.info.vanished === 0 &&
    hit.generation === generation
  )
    return hit;
  const e: Entry = {
    data: new ReplayData(stream),
    refs: 0,
    started: false,
    ac: new AbortController(),
    generation,
  };
  cache.set(key, e);
  trim();
  return e;
}

/**
 * Starts the entry's load on first use and counts its users. The range is read on the tab's
 * connection (up and idle: nothing to wait for); a long range hands its rest to the reader
 * worker (lib/stream/handoff.ts), started at once for a range that may be long and only at
 * the handoff otherwise, so a small replay never waits for the worker's script and second
 * connection.
 */
function acquire(entry: Entry, client: NatsClient, stream: string, spec: ReplaySpec): void {
  entry.refs++;
  if (entry.started) return;
  entry.started = true;
  markOnce('ar:read-start');
  // The state before the range: one small read on the tab's connection (2.11+: one multi_last request per family).
  const readSeed: SeedReader = (upTo, signal, filters) =>
    client.js().then((js) => readSeedMessages(js, stream, upTo, signal, filters));
  // Payloads past the replay's budget are read again on the tab's connection (the worker's
  // reader closes when the load ends): batch direct gets on 2.11+, else an ordered read.
  let again: RangeReader | null = null;
  const payloadReader: RangeReader = async (o) => {
    again ??= payloadRangeReader(await client.js(), stream);
    return again(o);
  };
  const opts = { signal: entry.ac.signal, readSeed, payloadReader };
  // The plan's read (a task's lifecycle events) is small: the tab's connection.
  const read: RangeReader = (o) => client.js().then((js) => readRange(js, stream, o));
  const tab = tabRawReader(() => client.js(), stream);
  let remote: RemoteReader | null = null;
  const far = (): RawRangeReader => {
    remote = openWorkerReader(client, stream);
    // No workers here: the whole range on the tab's connection.
    if (!remote) return tab;
    // Leaving the page: ask the worker to delete its consumer (the inactivity threshold is the backstop).
    window.addEventListener('pagehide', remote.close, { once: true });
    return remote.readRaw;
  };
  let farReader: RawRangeReader | null = null;
  const farOnce = () => (farReader ??= far());
  // A range that may be long: the worker's script and connection start now, beside the tab's
  // first messages, rather than when the handoff comes (about half a second on the read's path).
  if (mayExceed(spec, HANDOFF_AT)) farOnce();
  const unwatch = entry.data.subscribe(() => {
    if (entry.data.info.read > 0) markOnce('ar:first-data');
  });
  // Each batch is decoded here into columns and kept bytes (decoded.ts), beside the worker's
  // read: decoding in the worker put it on the read's path (slower to a breakpoint 900,000 ahead).
  const readDecoded = decodingReader(handoffReader(tab, farOnce));
  void loadReplayRaw(read, readDecoded, stream, spec, entry.data, opts).finally(() => {
    unwatch();
    markOnce('ar:loaded');
    const r = remote as RemoteReader | null;
    if (!r) return;
    window.removeEventListener('pagehide', r.close);
    r.close();
  });
}

/** Drops a user; a load nobody wants any more is aborted (after a tick: strict mode re-acquires at once). */
function release(entry: Entry): void {
  entry.refs--;
  setTimeout(() => {
    if (entry.refs === 0 && entry.data.info.status === 'loading') {
      entry.ac.abort();
      for (const [k, e] of cache) if (e === entry) cache.delete(k);
    }
  }, 0);
}

/** Cache key of a range: `at` moves the playhead, not the range, so it is left out. */
export function rangeKey(stream: string, spec: ReplaySpec): string {
  return `${stream}\u0000${JSON.stringify({ ...spec, at: null })}`;
}

/**
 * The replay of `spec` on `stream`, loaded once per range and `generation` when connected
 * (a new generation reads the range again). Does not re-render per batch: subscribe with
 * useDataVersion.
 */
export function useReplayData(
  client: NatsClient | null,
  connected: boolean,
  stream: string,
  spec: ReplaySpec | null,
  generation = 0,
): ReplayData | null {
  const key = spec ? rangeKey(stream, spec) : null;
  const ready = !!key && !!client && connected;
  // `key` stands for stream + spec.
  const entry = useMemo(
    () => (ready && key ? entryFor(key, stream, generation) : null),
    [ready, key, generation], // eslint-disable-line react-hooks/exhaustive-deps
  );
  useEffect(() => {
    if (!entry || !spec || !client) return;
    acquire(entry, client, stream, spec);
    return () => {
      release(entry);
      // A worker started ahead of a range that never used it.
      dropSpareReaderWorker();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the entry is the range
  }, [entry]);
  return entry?.data ?? null;
}
