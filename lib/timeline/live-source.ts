/**
 * Feeds the timeline from a stream: ONE ordered consumer covering every filter (see
 * read-filter.ts: one consumer delivers in sequence order, so nothing waits for a slower one),
 * started at `now - window`; messages outside the filters are dropped before the sink. An
 * ordered consumer that starts in the past simply continues live, so backfill and live are one
 * read with no seam; reconnects are resumed by the consumer itself. When the connection is
 * replaced (closed, then a new one), the read restarts after the last sequence delivered, so
 * nothing is lost or duplicated. This is where the sequence is checked, once (seq-guard.ts):
 * sinks get batches in strictly increasing order.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { leanTail, type LeanTail, type TailStart } from './tail';
import { coveringFilter, subjectFilter } from './read-filter';
import { SeqGuard } from './seq-guard';
import { explainNatsError } from '../nats/errors';
import type { RawMessage } from './event';
import { createdAtOfBytes } from '../agents/created-at';

/**
 * Which clock places events on the time axis: the agents' (a payload's `created_at`, falling
 * back to stream time where there is none) or the stream's (ingest time). A backfilled or
 * imported history has ingest times seconds apart but agent times spread over its day.
 */
export type TimelineClock = 'agent' | 'stream';

/** Where a live source delivers: the page's TimelineStore, or the worker's PostingSink. */
export type LiveSink = {
  /** A batch in strictly increasing sequence order, after everything pushed before. */
  push(msgs: RawMessage[]): void;
  /** The count of sequences dropped for not increasing (called when it grows). */
  setAnomalies(n: number): void;
  setBackfillTarget(seq: number): void;
  setError(msg: string | null): void;
};

/** The subjects the timeline follows: status and task events, and messages for the density lane. */
export const TIMELINE_FILTERS = ['agent.status.>', 'agent.task.>', 'agent.message.>'] as const;

export type LiveConn = { nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager };

export type LiveSource = {
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** The last sequence delivered (0 = none yet): where a restart resumes. */
  lastSeq(): number;
};

/** Starts following `stream` into `sink`; errors go to `sink.setError`. */
export function startLiveSource(
  getConn: () => Promise<LiveConn>,
  sink: LiveSink,
  opts: {
    stream: string;
    windowMs: number;
    filters?: readonly string[];
    flushMs?: number;
    now?: () => number;
    /** Default 'stream'. */
    clock?: TimelineClock;
  },
): LiveSource {
  const filters = opts.filters ?? TIMELINE_FILTERS;
  const read = coveringFilter(filters);
  const keep = subjectFilter(filters);
  const guard = new SeqGuard();
  const agentClock = opts.clock === 'agent';
  const startMs = (opts.now ?? Date.now)() - opts.windowMs;
  let tail: LeanTail | null = null;
  let stopped = false;
  let generation = 0;

  const startAt = (): TailStart =>
    guard.last > 0
      ? { kind: 'seq', seq: guard.last + 1 }
      : { kind: 'time', time: new Date(startMs) };
  const onBatch = (b: RawMessage[]) => {
    let all = true;
    for (const m of b) if (!keep(m.subject)) all = false;
    const before = guard.anomalies;
    // Checked before filtering, so the resume point is the last sequence read.
    const fresh = guard.accept(b);
    if (guard.anomalies !== before) sink.setAnomalies(guard.anomalies);
    const out = all ? fresh : fresh.filter((m) => keep(m.subject));
    // After the sequence check (it is on stream order): the messages are this read's own objects.
    if (agentClock) for (const m of out) m.timeMs = createdAtOfBytes(m.data) ?? m.timeMs;
    if (out.length) sink.push(out);
  };

  const run = async () => {
    const gen = ++generation;
    try {
      const { nc, js, jsm } = await getConn();
      if (stopped || gen !== generation) return;
      if (guard.last === 0) {
        const info = await jsm.streams.info(opts.stream);
        sink.setBackfillTarget(info.state.last_seq);
      }
      const started = await leanTail(js, opts.stream, {
        start: startAt(),
        filter: read,
        flushMs: opts.flushMs ?? 10,
        onBatch,
      });
      if (stopped || gen !== generation) {
        await started.stop();
        return;
      }
      tail = started;
      sink.setError(null);
      // A closed connection ends the consumer; the app's client makes a new connection.
      void nc.closed().then(() => {
        if (!stopped && gen === generation) void restartSoon();
      });
    } catch (e) {
      if (stopped || gen !== generation) return;
      // Explained here, where the error still has its nats.js class: only text crosses to the page.
      sink.setError(explainNatsError(e, { stream: opts.stream }).message);
      setTimeout(() => {
        if (!stopped && gen === generation) void run();
      }, 2000);
    }
  };

  const stopTail = async () => {
    const t = tail;
    tail = null;
    await t?.stop().catch(() => {});
  };

  // Stopping flushes what the old read buffered through the guard, so it resumes after that.
  const restartSoon = async () => {
    await stopTail();
    await run();
  };

  void run();

  return {
    stop: async () => {
      stopped = true;
      generation++;
      await stopTail();
    },
    restart: restartSoon,
    lastSeq: () => guard.last,
  };
}
