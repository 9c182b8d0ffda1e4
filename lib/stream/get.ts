/** Single messages without a consumer: direct get where the stream allows it, else STREAM.MSG.GET. */
import type { JetStreamManager } from '@nats-io/jetstream';
import { isNoMessageError } from '../nats/errors';
import { fromStoredMsg, type StreamMessage } from './message';

/** True for the get APIs' answer "no message there" (deleted, expired, or no match). */
export function isNoMessage(e: unknown): boolean {
  return isNoMessageError(e);
}

/**
 * One stored message by a get query, without a consumer: direct get when `direct` (the stream's
 * allow_direct), else STREAM.MSG.GET, which takes `next_by_subj` too on nats-server 2.9 (nats.js
 * types it only on direct get). Null when the query matches no message.
 */
export async function getStored(
  jsm: JetStreamManager,
  stream: string,
  query: { seq: number; next_by_subj?: string },
  direct: boolean,
): Promise<StreamMessage | null> {
  try {
    const m = direct
      ? await jsm.direct.getMessage(stream, query)
      : await jsm.streams.getMessage(stream, query as { seq: number });
    return m ? fromStoredMsg(m) : null;
  } catch (e) {
    if (isNoMessage(e)) return null;
    throw e;
  }
}

/**
 * Reads one message by sequence: direct get when the stream allows it (no consumer at all),
 * else the STREAM.MSG.GET API. Returns null when the sequence holds no message.
 */
export function getMessage(
  jsm: JetStreamManager,
  stream: string,
  seq: number,
  opts: { direct?: boolean } = {},
): Promise<StreamMessage | null> {
  return getStored(jsm, stream, { seq }, opts.direct === true);
}

/**
 * Reads the next message at or after `seq` matching `filter` with direct get (next_by_subj),
 * without creating a consumer. Null when none.
 */
export function getNextMessage(
  jsm: JetStreamManager,
  stream: string,
  seq: number,
  filter: string,
): Promise<StreamMessage | null> {
  return getStored(jsm, stream, { seq, next_by_subj: filter }, true);
}
