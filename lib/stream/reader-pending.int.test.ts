/**
 * nats-server 2.9 over-counts a wildcard-filtered consumer's pending near the end of a stream
 * of many subjects (the simulator's traffic: 73 "pending" after the last `agent.task.>`
 * message of a 5,000-message stream). A read that waited for the delivery with pending 0 never
 * ended (/messages stayed on "Reading…" for such filters). These reads must end, with exactly
 * the matching sequences.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { ensureStream } from '../../server/simulator/setup';
import { backfill } from '../../server/simulator/backfill';
import { subjectMatches } from '../nats/subjects';
import { nextStoredSeq, readRange } from './reader';

const STREAM = 'agent-messages';
const N = 5000;

describe('filtered reads end although the server over-counts pending', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  const subjects: string[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    js = jetstream(nc);
    await ensureStream(await jetstreamManager(nc), { name: STREAM });
    await backfill(nc, { count: N, seed: 11, spanMs: 86_400_000 });
    await js.publish('agent.message.audit.tail', '{}');
    // Every stored subject by sequence (an unfiltered read: its pending count is exact).
    await readRange(js, STREAM, {
      start: { kind: 'first' },
      batchSize: 5000,
      onBatch: (b) => subjects.push(...b.map((m) => m.subject)),
    });
    expect(subjects).toHaveLength(N + 1);
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  const expected = (filter: string, from: number, to = subjects.length) => {
    const out: number[] = [];
    for (let s = from; s <= to; s++)
      if (subjectMatches(filter, subjects[s - 1] as string)) out.push(s);
    return out;
  };

  for (const filter of ['agent.task.>', 'agent.task.*.progress', 'agent.status.>']) {
    it(`reads ${filter} to the end of the stream and stops`, async () => {
      const from = N - 500;
      const got: number[] = [];
      let pending = -1;
      const r = await readRange(js, STREAM, {
        start: { kind: 'seq', seq: from },
        filter,
        batchSize: 256,
        onBatch: (b, p) => {
          got.push(...b.map((m) => m.seq));
          pending = p;
        },
      });
      const want = expected(filter, from);
      expect(want.length).toBeGreaterThan(20);
      expect(got).toEqual(want);
      expect(r.reason).toBe('end');
      expect(pending).toBeGreaterThanOrEqual(0);
    }, 15_000);

    it(`reads ${filter} in a window ending after its last match and stops`, async () => {
      const want = expected(filter, N - 800, N + 1);
      const got: number[] = [];
      const r = await readRange(js, STREAM, {
        start: { kind: 'seq', seq: N - 800 },
        filter,
        endSeq: N + 1,
        batchSize: 1000,
        onBatch: (b) => got.push(...b.map((m) => m.seq)),
      });
      expect(got).toEqual(want);
      expect(['end', 'endSeq']).toContain(r.reason);
    }, 15_000);
  }

  it('nextStoredSeq finds the next match, or null after the last one', async () => {
    const tasks = expected('agent.task.>', 1);
    const lastTask = tasks[tasks.length - 1] as number;
    expect(await nextStoredSeq(js, STREAM, lastTask, 'agent.task.>')).toBe(lastTask);
    expect(await nextStoredSeq(js, STREAM, lastTask + 1, 'agent.task.>')).toBeNull();
    expect(await nextStoredSeq(js, STREAM, N + 1, undefined)).toBe(N + 1);
    expect(await nextStoredSeq(js, STREAM, N + 2, undefined)).toBeNull();
  });
});
