/**
 * Test helper: real nats.js message objects without a server. A MSG/HMSG frame goes through
 * nats-core's own protocol Parser and becomes a MsgImpl the way the connection makes one
 * (protocol.ts processMsg); jetstream's toJsMsg wraps it as a consumer delivers it. Tests of
 * code that reads nats.js internals (lib/nats/internals.ts) use these instead of hand-made
 * look-alikes, so a nats.js upgrade that moves a field fails them.
 */
import {
  Kind,
  MsgImpl,
  Parser,
  type MsgArg,
  type ParserEvent,
  type Publisher,
} from '@nats-io/nats-core/internal';
import type { JsMsg } from '@nats-io/jetstream';
// jsmsg is not in @nats-io/jetstream's export map: reached by file for the tests only.
import { toJsMsg } from '../../node_modules/@nats-io/jetstream/lib/jsmsg.js';

const enc = new TextEncoder();

const publisher: Publisher = {
  publish() {
    throw new Error('test message: nothing to publish to');
  },
};

/** A MsgImpl from a MSG (no header block) or HMSG frame, parsed by nats-core's Parser. */
export function parsedMsg(
  subject: string,
  headerBlock: Uint8Array | string | null,
  payload: Uint8Array | string,
  reply = '',
): MsgImpl {
  const p = typeof payload === 'string' ? enc.encode(payload) : payload;
  const h =
    headerBlock === null
      ? null
      : typeof headerBlock === 'string'
        ? enc.encode(headerBlock)
        : headerBlock;
  const r = reply ? ` ${reply}` : '';
  const head = h
    ? `HMSG ${subject} 1${r} ${h.length} ${h.length + p.length}\r\n`
    : `MSG ${subject} 1${r} ${p.length}\r\n`;
  const frame = new Uint8Array([...enc.encode(head), ...(h ?? []), ...p, 13, 10]);
  let got: { msg: MsgArg; data: Uint8Array } | null = null;
  const parser = new Parser({
    push(e: ParserEvent | (() => void)) {
      if (typeof e !== 'function' && e.kind === Kind.MSG && e.msg && e.data)
        got = { msg: e.msg, data: e.data };
    },
  });
  parser.parse(frame);
  if (!got) throw new Error('nats-core Parser produced no MSG event');
  const { msg, data } = got;
  return new MsgImpl(msg, data, publisher);
}

/**
 * A JsMsg as an ordered consumer delivers it: stream `s`, sequence `seq`, stream time `nanos`
 * (epoch ns), an optional raw header block ("NATS/1.0\r\n…\r\n\r\n") and the payload.
 */
export function testJsMsg(o: {
  seq: number;
  subject: string;
  /** Epoch ns: a bigint (exact) or a number (as JavaScript prints it). */
  nanos: number | bigint;
  block?: Uint8Array | string | null;
  data: Uint8Array | string;
  pending?: number;
  /** The ack subject's layout: the 9 tokens of servers before 2.9, or 12 (domain, hash, token). */
  layout?: 9 | 12;
}): JsMsg {
  const tail = `${o.seq}.${o.seq}.${o.nanos}.${o.pending ?? 0}`;
  const reply = o.layout === 12 ? `$JS.ACK._.HASH.s.c.1.${tail}.Xy7` : `$JS.ACK.s.c.1.${tail}`;
  return toJsMsg(parsedMsg(o.subject, o.block ?? null, o.data, reply));
}
