/**
 * Feeds a TimelineStore from a stream: ONE ordered consumer covering every filter (see
 * read-filter.ts: one consumer delivers in sequence order, so nothing waits for a slower one),
 * started at `now - window`; messages outside the filters are dropped before the store. An
 * ordered consumer that starts in the past simply continues live, so backfill and live are one
 * read with no seam; reconnects are resumed by the consumer itself. When the connection is
 * replaced (closed, then a new one), the read restarts at its last sequence + 1, so nothing is
 * lost or duplicated.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { leanTail, type LeanTail, type TailStart } from './tail';
import { coveringFilter, subjectFilter } from './read-filter';
import type { RawMessage } from './event';

/** Where a live source delivers: the page's TimelineStore, or the worker's PostingSink. */
export type LiveSink = {
  push(key: string, msgs: RawMessage[]): void;
  lastSeq(key: string): number;
  setBackfillTarget(seq: number): void;
  setError(msg: string | null): void;
  /** Applies what is queued (before a restart reads each resume point). */
  flush(budgetMs?: number): void;
};

/** The subjects the timeline follows: status and task events, and messages for the density lane. */
export const TIMELINE_FILTERS = ['agent.status.>', 'agent.task.>', 'agent.message.>'] as const;

export type LiveConn = { nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager };

export type LiveSource = { stop(): Promise<void>; restart(): Promise<void> };

/** Starts following `stream` into `store`; errors go to `store.setError`. */
export function startLiveSource(
  getConn: () => Promise<LiveConn>,
  store: LiveSink,
  opts: {
    stream: string;
    windowMs: number;
    filters?: readonly string[];
    flushMs?: number;
    now?: () => number;
  },
): LiveSource {
  const filters = opts.filters ?? TIMELINE_FILTERS;
  const read = coveringFilter(filters);
  /** The store's sequence-tracking key for the one read. */
  const key = read ?? '>';
  const keep = subjectFilter(filters);
  const startMs = (opts.now ?? Date.now)() - opts.windowMs;
  let tails: LeanTail[] = [];
  let stopped = false;
  let generation = 0;

  const startAt = (): TailStart => {
    const last = store.lastSeq(key);
    return last > 0 ? { kind: 'seq', seq: last + 1 } : { kind: 'time', time: new Date(startMs) };
  };
  const onBatch = (b: RawMessage[]) => {
    let all = true;
    for (const m of b) if (!keep(m.subject)) all = false;
    store.push(key, all ? b : b.filter((m) => keep(m.subject)));
  };

  const run = async () => {
    const gen = ++generation;
    try {
      const { nc, js, jsm } = await getConn();
      if (stopped || gen !== generation) return;
      if (store.lastSeq(key) === 0) {
        const info = await jsm.streams.info(opts.stream);
        store.setBackfillTarget(info.state.last_seq);
      }
      const started = [
        await leanTail(js, opts.stream, {
          start: startAt(),
          filter: read,
          flushMs: opts.flushMs ?? 10,
          onBatch,
        }),
      ];
      if (stopped || gen !== generation) {
        await Promise.all(started.map((t) => t.stop()));
        return;
      }
      tails = started;
      store.setError(null);
      // A closed connection ends the consumers; the app's client makes a new connection.
      void nc.closed().then(() => {
        if (!stopped && gen === generation) void restartSoon();
      });
    } catch (e) {
      if (stopped || gen !== generation) return;
      store.setError(e instanceof Error ? e.message : String(e));
      setTimeout(() => {
        if (!stopped && gen === generation) void run();
      }, 2000);
    }
  };

  const stopTails = async () => {
    const t = tails;
    tails = [];
    await Promise.all(t.map((x) => x.stop().catch(() => {})));
  };

  const restartSoon = async () => {
    await stopTails();
    // Everything delivered so far, so each filter's resume point is its true last sequence.
    store.flush(Infinity);
    await run();
  };

  void run();

  return {
    stop: async () => {
      stopped = true;
      generation++;
      await stopTails();
    },
    restart: restartSoon,
  };
}
