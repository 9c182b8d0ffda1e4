/**
 * A deep link's target (`/messages?seq=N`) read by one direct get as soon as the connection is
 * up, beside the page's STREAM.INFO rather than after it and the first page's consumer: the
 * view shows that row first (BrowseStore `early`) and reads the pages around it after.
 * Best effort: a stream without allow_direct, a user who may not get, a deleted message or a
 * lost connection give null, and the view reads its pages as before.
 */
import type { NatsClient } from '@/lib/nats/connection';
import { getMessage } from '@/lib/stream/get';
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

/** The last early read started (one deep link per tab at a time). */
let last: { client: NatsClient; key: string; at: number; row: Promise<Row | null> } | null = null;

/** How long a read is shared: a visit to the same link later reads the message again (it may be gone). */
const SHARE_MS = 10_000;

/**
 * The early read of `seq` on `client`, started on the first call and shared by later calls
 * with the same inputs for a few seconds (React may call it during render, twice in strict mode).
 */
export function earlyRow(client: NatsClient, stream: string, seq: number): Promise<Row | null> {
  const key = `${stream}\u0000${seq}`;
  const now = Date.now();
  if (last?.client === client && last.key === key && now - last.at < SHARE_MS) return last.row;
  last = { client, key, at: now, row: readEarlyRow(client, stream, seq) };
  return last.row;
}
