/**
 * A deep link's target (`/messages?seq=N`) read by one direct get as soon as the connection is
 * up, beside the page's STREAM.INFO rather than after it and the first page's consumer: the
 * view shows that row first (BrowseStore `early`) and reads the pages around it after.
 * Best effort: a stream without allow_direct, a user who may not get, a deleted message or a
 * lost connection give null, and the view reads its pages as before.
 */
import type { NatsClient } from '@/lib/nats/connection';
import { getMessage } from '@/lib/stream/get';
import { subjectMatches } from '@/lib/nats/subjects';
import { markOnce } from '@/lib/perf-marks';
import type { BrowseState } from './browse-store';
import { toRow, type Row } from './rows';

/** The deep link's sequence when `seq` is a plain positive integer (what the view anchors at). */
export function deepLinkSeq(seq: string | null): number | null {
  if (seq === null || !/^\d{1,15}$/.test(seq.trim())) return null;
  const n = Number(seq.trim());
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The row at `seq` of `stream`, or null when it cannot be had by direct get. Never rejects. */
export async function readEarlyRow(
  client: NatsClient,
  stream: string,
  seq: number,
): Promise<Row | null> {
  try {
    const m = await getMessage(await client.jsm(), stream, seq, { direct: true });
    return m && m.seq === seq ? toRow(m) : null;
  } catch {
    return null;
  }
}

/**
 * One early read: its promise, and its value once in (`peek`, undefined until then) with
 * listeners, so a view can show the row in the same render that finds it there
 * (useSyncExternalStore) instead of a render after the promise settles.
 */
export type EarlyRead = {
  seq: number;
  row: Promise<Row | null>;
  peek: () => Row | null | undefined;
  subscribe: (l: () => void) => () => void;
};

/** The last early read started (one deep link per tab at a time). */
let last: { client: NatsClient; key: string; at: number; read: EarlyRead } | null = null;

/** How long a read is shared: a visit to the same link later reads the message again (it may be gone). */
const SHARE_MS = 10_000;

function startRead(client: NatsClient, stream: string, seq: number): EarlyRead {
  let value: Row | null | undefined;
  const listeners = new Set<() => void>();
  // The view's first read: for a cold deep link it starts as the page's code runs.
  markOnce('ar:read-start');
  const row = readEarlyRow(client, stream, seq).then((r) => {
    if (r) markOnce('ar:first-data');
    value = r;
    for (const l of listeners) l();
    return r;
  });
  return {
    seq,
    row,
    peek: () => value,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

/**
 * The early read of `seq` on `client`, started on the first call and shared by later calls
 * with the same inputs for a few seconds (the page's code calls it as it loads, React during
 * render, twice in strict mode).
 */
export function earlyRead(client: NatsClient, stream: string, seq: number): EarlyRead {
  const key = `${stream}\u0000${seq}`;
  const now = Date.now();
  if (last?.client === client && last.key === key && now - last.at < SHARE_MS) return last.read;
  last = { client, key, at: now, read: startRead(client, stream, seq) };
  return last.read;
}

/** earlyRead's promise alone. */
export function earlyRow(client: NatsClient, stream: string, seq: number): Promise<Row | null> {
  return earlyRead(client, stream, seq).row;
}

/**
 * The deep link a `/messages` URL opens at: its stream (`?stream=`, else `defaultStream`) and
 * target sequence, or null when it has none. Mirrors what the view reads from the URL.
 */
export function deepLinkOf(
  url: { pathname: string; search: string },
  defaultStream: string | null,
): { stream: string; seq: number } | null {
  if (url.pathname.replace(/\/+$/, '') !== '/messages') return null;
  const q = new URLSearchParams(url.search);
  const stream = q.get('stream') || defaultStream;
  const seq = deepLinkSeq(q.get('seq'));
  return stream && seq !== null ? { stream, seq } : null;
}

/**
 * What the view shows before its store has opened: the deep link's target alone, as the
 * store's open() will show it (both sides still loading), once the early read has it and it
 * passes the view's filter; null otherwise (the store's own state is shown). The store needs
 * the stream's bounds (a STREAM.INFO) to open; its target does not.
 */
export function earlyState(
  store: BrowseState,
  seq: number | null,
  row: Row | null | undefined,
  filter: string | null,
): BrowseState | null {
  if (store.ready || seq === null || !row || row.seq !== seq) return null;
  if (filter && !subjectMatches(filter, row.subject)) return null;
  return {
    ...store,
    rows: [row],
    anchor: seq,
    ready: true,
    error: null,
    hasOlder: true,
    hasNewer: true,
    loadingOlder: true,
    loadingNewer: true,
  };
}
