/**
 * Feeds a TimelineStore from a stream: one ordered consumer per filter (nats-server 2.9 has
 * one filter per consumer), each started at `now - window`. An ordered consumer that starts in
 * the past simply continues live, so backfill and live are one read with no seam; reconnects
 * are resumed by the consumer itself. When the connection is replaced (closed, then a new one),
 * each filter restarts at its last sequence + 1, so nothing is lost or duplicated.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { leanTail, type LeanTail, type TailStart } from './tail';
import type { TimelineStore } from './store';

/** The subjects the timeline follows: status and task events, and messages for the density lane. */
export const TIMELINE_FILTERS = ['agent.status.>', 'agent.task.>', 'agent.message.>'] as const;

export type LiveConn = { nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager };

export type LiveSource = { stop(): Promise<void>; restart(): Promise<void> };

/** Starts following `stream` into `store`; errors go to `store.setError`. */
export function startLiveSource(
  getConn: () => Promise<LiveConn>,
  store: TimelineStore,
  opts: {
    stream: string;
    windowMs: number;
    filters?: readonly string[];
    flushMs?: number;
    now?: () => number;
  },
): LiveSource {
  const filters = opts.filters ?? TIMELINE_FILTERS;
  const startMs = (opts.now ?? Date.now)() - opts.windowMs;
  let tails: LeanTail[] = [];
  let stopped = false;
  let generation = 0;

  const startAt = (filter: string): TailStart => {
    const last = store.lastSeq(filter);
    return last > 0 ? { kind: 'seq', seq: last + 1 } : { kind: 'time', time: new Date(startMs) };
  };

  const run = async () => {
    const gen = ++generation;
    try {
      const { nc, js, jsm } = await getConn();
      if (stopped || gen !== generation) return;
      if (store.lastSeq(filters[0] ?? '') === 0) {
        const info = await jsm.streams.info(opts.stream);
        store.setBackfillTarget(info.state.last_seq);
      }
      const started = await Promise.all(
        filters.map((f) =>
          leanTail(js, opts.stream, {
            start: startAt(f),
            filter: f,
            flushMs: opts.flushMs ?? 20,
            onBatch: (b) => store.push(f, b),
          }),
        ),
      );
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
