/**
 * The one place that reads nats.js state outside its public, typed API. Each access says why it
 * is worth it and what it reads; each has a test that fails when a nats.js upgrade moves it
 * (internals.test.ts builds nats.js's own message classes, internals.int.test.ts reads
 * messages from a real server). Everything here degrades to the public API (null) when the
 * field is not where it was, so an upgrade costs speed, never a message; the tests make that
 * loud instead of silent. Checked against @nats-io/nats-core and @nats-io/jetstream 3.4.0.
 */
import { MsgHdrsImpl, type MsgHdrs, type NatsConnection } from '@nats-io/nats-core';
import type { JetStreamClient } from '@nats-io/jetstream';
import { JetStreamStatusError, isMessageNotFound, jserrors } from '@nats-io/jetstream/internal';

/**
 * nats.js's MsgImpl (nats-core src/msg.ts) behind a consumer-delivered JsMsg (jetstream
 * src/jsmsg.ts, field `msg`): `_rdata` is the bytes received for the message (header block,
 * then payload), `_msg.hdr` the parser's MsgArg header length (-1: no header block).
 */
type RawMsg = { msg?: { _msg?: { hdr?: unknown }; _rdata?: unknown } };

/**
 * The length of a consumer-delivered message's raw header block (0: no headers) at the start of
 * rawBytes, or null when those fields are not there (another nats.js): then only the parsed
 * `headers` and `data` are. Why: nats.js parses every header block into a MsgHdrsImpl that a
 * bulk read only flattens again (a tenth of the reader worker's CPU), and the reader packs the
 * raw bytes straight into its transfer buffer. Reads JsMsgImpl.msg._msg.hdr and ._rdata.
 */
export function rawHeaderLength(m: object): number | null {
  const raw = (m as RawMsg).msg;
  const hdr = raw?._msg?.hdr;
  if (typeof hdr !== 'number' || !(raw?._rdata instanceof Uint8Array)) return null;
  return hdr > 0 ? hdr : 0;
}

/**
 * The bytes nats.js received for a message: its header block, then its payload (JsMsgImpl
 * .msg._rdata, the same buffer MsgImpl's `data` is a subarray of). Only where rawHeaderLength
 * is not null; two functions, not one returning a pair: bulk readers call them per message.
 */
export function rawBytes(m: object): Uint8Array {
  return (m as RawMsg).msg?._rdata as Uint8Array;
}

/**
 * nats.js's own parse of a raw header block ("NATS/1.0\r\nName: value\r\n…"), the one MsgImpl
 * `headers` runs. Why: a block that crossed to the page as bytes (rawBytes) is read back
 * exactly as nats.js would have read it. Uses MsgHdrsImpl.decode: exported, but undocumented.
 */
export function decodeHeaderBlock(block: Uint8Array): MsgHdrs {
  return MsgHdrsImpl.decode(block);
}

/**
 * A consumer-delivered message's ack subject ("$JS.ACK.…", JsMsgImpl's `reply` getter; the
 * public JsMsg type leaves it out), or null. Why: its timestamp token is the stream time in
 * exact decimal nanoseconds, and nats.js's `info.timestampNanos` is that parsed into a double
 * (off by up to 128 ns); the public `timestampNanos` bigint splits the subject again and costs
 * a BigInt per message.
 */
export function ackSubject(m: object): string | null {
  try {
    const r = (m as { reply?: unknown }).reply;
    return typeof r === 'string' && r ? r : null;
  } catch {
    return null;
  }
}

/**
 * The connection a JetStreamClient was made from (JetStreamClientImpl.nc; the public type has
 * no accessor), or null. Why: an ordered read watches its connection's reconnects and close
 * (lib/stream/follow.ts) and callers hand it only the client.
 */
export function connectionOf(js: JetStreamClient): NatsConnection | null {
  const nc = (js as { nc?: unknown }).nc as Partial<NatsConnection> | undefined;
  return nc &&
    typeof nc.status === 'function' &&
    typeof nc.isClosed === 'function' &&
    typeof nc.closed === 'function'
    ? (nc as NatsConnection)
    : null;
}

/**
 * nats.js's JetStream error classes that @nats-io/jetstream exports only from /internal. Why:
 * errors are told apart by class (a missing JetStream, a pull's status), and an error that
 * crossed from a worker as plain data is rebuilt as the class it was (lib/stream/wire.ts).
 * JetStreamApiError and JetStreamApiCodes are public: import those from @nats-io/jetstream.
 */
export const { JetStreamNotEnabled, StreamNotFoundError, ConsumerNotFoundError } = jserrors;
/** A pull's or direct get's status answer (408 request timeout, 503 no responders…), from /internal. */
export { JetStreamStatusError };
/** nats.js's own test for a get's "no message found" (JetStreamApiError 10037), from /internal. */
export { isMessageNotFound };
