/** Live tails: an ordered consumer following a stream into the future, batched. */
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { followOrdered } from './follow';
import { fromJsMsg, type StreamMessage } from './message';
import { orderedOptions, type StartAt } from './range';

export type Tail = { stop(): Promise<void>; lastSeq(): number };

/**
 * Follows a stream from `start` (usually `new`, or a sequence to resume from) and hands
 * messages over in batches at most every `flushMs`. Runs until stopped; reconnects resume
 * after the last delivered sequence (ordered consumer semantics): no gap, no duplicate.
 * `map` turns each delivered message into what the caller keeps (default: a StreamMessage);
 * hot live views pass a leaner one.
 */
export async function tailStream<T = StreamMessage>(
  js: JetStreamClient,
  stream: string,
  opts: {
    start: StartAt;
    filter?: string;
    /** 2.10+: a filter spanning several stream subjects, split one per subject (filter_subjects). */
    filters?: string[];
    /** Only subjects this keeps are handed over (a tail read unfiltered where the server refuses the filter). */
    keep?: (subject: string) => boolean;
    flushMs?: number;
    map?: (m: JsMsg) => T;
    onBatch: (msgs: T[]) => void;
  },
): Promise<Tail> {
  const map = opts.map ?? (fromJsMsg as unknown as (m: JsMsg) => T);
  // "new" is resolved against the stream leader's last sequence: a consumer placed on a
  // replica that lags by a message would otherwise start before it (seen on a 3-node cluster).
  const start: StartAt =
    opts.start.kind === 'new'
      ? { kind: 'seq', seq: (await (await js.streams.get(stream)).info()).state.last_seq + 1 }
      : opts.start;
  let buf: T[] = [];
  let last = 0;
  const flush = () => {
    if (buf.length === 0) return;
    const out = buf;
    buf = [];
    opts.onBatch(out);
  };
  const follow = await followOrdered(js, stream, {
    configFor: (at) =>
      orderedOptions(at === null ? start : { kind: 'seq', seq: at }, opts.filter, opts.filters),
    maxMessages: 1000,
    onMessage: (m) => {
      last = m.seq;
      if (!opts.keep || opts.keep(m.subject)) buf.push(map(m));
    },
  });
  const timer = setInterval(flush, opts.flushMs ?? 50);
  return {
    lastSeq: () => last,
    stop: async () => {
      clearInterval(timer);
      flush();
      await follow.close();
    },
  };
}
