/**
 * Simulator: backfill msgs/s (generation + JetStream publish in awaited batches) against a
 * bare publish loop of the same payload bytes, on a nats-server of its own so the seeded
 * store stays untouched. The large seeding of the run is reported too.
 */
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { startNatsServer } from '../../server/nats/launcher';
import { setupAll } from '../../server/simulator/setup';
import { backfill } from '../../server/simulator/backfill';
import { createSquadGenerator } from '../../server/simulator/generator';
import { withoutStackCapture } from '../../server/simulator/publish';
import { STREAM_NAME } from '../../lib/agents/schema';
import type { BenchEnv } from '../env';
import type { Row } from '../types';

const BATCH = 2000;

/** Publishes the same events without the simulator: pre-generated subjects and payloads. */
async function barePublish(natsUrl: string, count: number, seed: number): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  try {
    const end = Date.now();
    const gen = createSquadGenerator({ seed, startMs: end - 3600_000, spanMs: 3600_000, count });
    const events = Array.from({ length: count }, () => gen.next());
    const js = jetstream(nc);
    const t0 = performance.now();
    for (let i = 0; i < count; i += BATCH) {
      const acks = withoutStackCapture(() =>
        events.slice(i, i + BATCH).map((e) => js.publish(e.subject, e.payload)),
      );
      await Promise.all(acks);
    }
    return (count / (performance.now() - t0)) * 1000;
  } finally {
    await nc.close();
  }
}

export async function simulatorScenario(
  env: BenchEnv,
  o: { sizeSmall: number; seed: number },
): Promise<Row[]> {
  const server = await startNatsServer({ serverName: 'bench-sim' });
  try {
    const nc = await connect({ servers: server.natsUrl });
    await setupAll(nc);
    const r = await backfill(nc, {
      count: o.sizeSmall,
      seed: o.seed,
      spanMs: 3600_000,
      batch: BATCH,
    });
    // Purge (the bench's own server) so both runs start from an empty stream.
    await (await jetstreamManager(nc)).streams.purge(STREAM_NAME);
    await nc.close();
    const bare = await barePublish(server.natsUrl, o.sizeSmall, o.seed);
    const n = o.sizeSmall.toLocaleString('en-US');
    return [
      {
        scenario: 'simulator',
        metric: `backfill ${n} msgs`,
        unit: 'msgs/s',
        app: r.msgsPerSec,
        baseline: bare,
        // Generating the traffic may cost something, but not most of a bare publish loop's rate.
        goal: { on: 'ratio', op: '>=', target: 0.8 },
        note: `baseline: a bare JetStream publish loop of the same ${n} pre-generated payloads, ${BATCH} in flight per awaited batch, no Nats-Msg-Id`,
      },
      {
        scenario: 'simulator',
        metric: `backfill ${env.size.toLocaleString('en-US')} msgs (seeding)`,
        unit: 'msgs/s',
        app: env.seeding.msgsPerSec,
        baseline: null,
        // No bare loop over the large store (it would double the run's seeding): an absolute
        // floor instead, 1,000,000 messages seeded in under a minute.
        goal: { on: 'value', op: '>=', target: 20_000 },
      },
    ];
  } finally {
    await server.stop();
  }
}
