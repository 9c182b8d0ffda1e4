/**
 * Continuous Agent Squad traffic at about `rate` events per second, stamped with the time of
 * publishing. Every ~20 ms tick publishes what the pace (pacing.ts) says is due, as one batch
 * of concurrent publishes whose acks are awaited before the next tick: when the server is
 * slower than the rate, the simulator falls behind instead of queueing without bound.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { createSquadGenerator } from './generator';
import { createPace } from './pacing';
import { mixSeed } from './prng';
import { createAckedPublisher } from './publish';

const TICK_MS = 20;
/** At most this many seconds of backlog are published in one batch after a stall. */
const MAX_BATCH_SEC = 0.25;

export type LiveOptions = {
  rate: number;
  seed: number;
  /** Publish failures (e.g. the server restarting) are reported here; publishing resumes after 0.5 s. */
  onError?: (err: unknown) => void;
};

export type LiveHandle = { stop(): Promise<void>; published(): number };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts live traffic until `stop()`; `published()` counts stored (acked) events. */
export function startLive(nc: NatsConnection, opts: LiveOptions): LiveHandle {
  const rate = Math.max(0.01, opts.rate);
  const startMs = Date.now();
  // startMs is part of the seed: ids differ from run to run, so a restart with the same seed
  // inside the 2-minute duplicate window is not silently dropped as duplicates.
  const gen = createSquadGenerator({ seed: opts.seed, startMs });
  const pace = createPace(rate, mixSeed(opts.seed, startMs, 3));
  const pub = createAckedPublisher(nc);
  const maxBatch = Math.max(1, Math.ceil(rate * MAX_BATCH_SEC));
  let stopped = false;
  let attempted = 0;

  const loop = async () => {
    const t0 = performance.now();
    while (!stopped) {
      let due = Math.floor(pace((performance.now() - t0) / 1000)) - attempted;
      if (due > maxBatch * 2) {
        // Half a second behind (server stalled or too slow): forget the debt instead of
        // flooding the server with a catch-up burst when it recovers.
        attempted += due - maxBatch;
        due = maxBatch;
      }
      if (due <= 0) {
        await sleep(TICK_MS);
        continue;
      }
      const n = Math.min(due, maxBatch);
      attempted += n;
      let failed: unknown = null;
      try {
        for (let i = 0; i < n; i++) pub.send(gen.next(Date.now()));
        await pub.flush();
      } catch (err) {
        failed = err;
      }
      if (failed !== null) {
        opts.onError?.(failed);
        await sleep(500);
      } else if (n < due) {
        // Behind schedule (server slower than the rate): go again without sleeping.
        continue;
      } else {
        await sleep(TICK_MS);
      }
    }
  };
  const running = loop().finally(() => pub.close());

  return {
    async stop() {
      stopped = true;
      await running;
    },
    published: () => pub.stored(),
  };
}
