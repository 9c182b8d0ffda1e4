/**
 * Issue #17 item 1: a nats-server killed (SIGKILL) and restarted on the same ports and store
 * dir while a search scan, a replay load or a timeline follow reads. Every sequence must
 * arrive exactly once, and 10 s after the read ended no consumer but the durable
 * agent-processor may be left on the server (nats.js's ordered consumer used to re-create one
 * by itself on the reconnect, which nothing deleted: it stayed for its 5-minute threshold).
 */
import { isDeadLetter } from '../stats/advisories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { STREAM_NAME } from '../agents/schema';
import { startLiveSource, type LiveSink } from '../timeline/live-source';
import { readDeadLetterHistory, type DeadLetterHistory } from '../stats/dead-letters';
import { ADVISORY_STREAM } from '../../server/simulator/setup';
import {
  clientOf,
  DOWN_MS,
  N,
  range,
  SETTLE_MS,
  sleep,
  startFaultBench,
  until,
  type FaultBench,
} from './harness.test-util';

describe('a server killed and restarted during a live read or a refresh', () => {
  let bench: FaultBench;
  beforeAll(async () => {
    bench = await startFaultBench(N);
  }, 120_000);
  afterAll(async () => {
    await bench?.close();
  });

  it(
    'timeline follow: every sequence once, no consumer left after stop',
    { timeout: 90_000 },
    async () => {
      const nc = await clientOf(bench.server);
      const conn = { nc, js: jetstream(nc), jsm: await jetstreamManager(nc) };
      const seqs: number[] = [];
      let anomalies = 0;
      const sink: LiveSink = {
        push: (b) => void seqs.push(...b.map((m) => m.seq)),
        setAnomalies: (n) => (anomalies = n),
        setBackfillTarget: () => {},
        setError: () => {},
      };
      const src = startLiveSource(async () => conn, sink, {
        stream: STREAM_NAME,
        windowMs: 3_600_000_000,
        filters: ['agent.>'],
      });
      await until(() => seqs.length >= 1000, 30_000, 'backfill started');
      await bench.killAndRestart(DOWN_MS);
      const js = jetstream(bench.admin);
      for (let i = 1; i <= 200; i++)
        await js.publish('agent.message.r0.question', JSON.stringify({ i }), {
          msgID: `late-${i}`,
        });
      await until(() => seqs.length >= N + 200, 60_000, 'follow caught up after the restart');
      await src.stop();
      expect(anomalies).toBe(0);
      expect(seqs).toEqual(range(1, N + 200));
      await sleep(SETTLE_MS);
      expect(await bench.leftover()).toEqual([]);
      await nc.close();
    },
  );

  it(
    'stats refresh: errors while down, every dead letter after, no consumer left',
    { timeout: 120_000 },
    async () => {
      const ADVISORIES = 20_000;
      const pub = jetstream(bench.admin);
      // Within the stream's life: advisories dated before the stream existed are malformed.
      const t0 = Date.now();
      for (let i = 1; i <= ADVISORIES; i += 1000) {
        await Promise.all(
          Array.from({ length: 1000 }, (_, k) => {
            const seq = i + k;
            const a = {
              type: 'io.nats.jetstream.advisory.v1.max_deliver',
              id: `adv-${seq}`,
              stream: STREAM_NAME,
              consumer: 'agent-processor',
              stream_seq: seq,
              deliveries: 3,
              timestamp: new Date(t0 + seq).toISOString(),
            };
            return pub.publish(
              `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${STREAM_NAME}.agent-processor`,
              JSON.stringify(a),
            );
          }),
        );
      }
      const nc = await clientOf(bench.server);
      const js = jetstream(nc);
      const jsm = await jetstreamManager(nc);
      // What the stats page reads on each refresh: stream info, the consumers, the dead letters.
      const refresh = async () => {
        await jsm.streams.info(STREAM_NAME);
        for await (const c of jsm.consumers.list(STREAM_NAME)) void c;
        return readDeadLetterHistory(js, jsm, ADVISORY_STREAM, STREAM_NAME, { limit: ADVISORIES });
      };
      const seen: { last: DeadLetterHistory | null; failures: number } = {
        last: null,
        failures: 0,
      };
      let stop = false;
      const loop = (async () => {
        while (!stop) {
          try {
            seen.last = await refresh();
          } catch {
            seen.failures++;
          }
          await sleep(250);
        }
      })();
      await until(() => seen.last !== null, 30_000, 'a first refresh');
      await bench.killAndRestart(DOWN_MS);
      seen.last = null;
      await until(() => seen.last !== null, 60_000, 'a refresh after the restart');
      stop = true;
      await loop;
      const seqs = (seen.last as DeadLetterHistory | null)?.items
        .filter(isDeadLetter)
        .map((d) => d.streamSeq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(range(1, ADVISORIES));
      console.log(`stats refresh: ${seen.failures} refreshes failed while the server was down`);
      await sleep(SETTLE_MS);
      const left: string[] = [];
      for await (const c of bench.jsm.consumers.list(ADVISORY_STREAM)) left.push(c.name);
      expect(left).toEqual([]);
      expect(await bench.leftover()).toEqual([]);
      await nc.close();
    },
  );
});
