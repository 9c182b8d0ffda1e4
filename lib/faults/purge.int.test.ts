/**
 * Issue #17 item 3: a purge (or a delete) while a replay loads. The load used to end quietly with the part
 * it had read ("36,250 events" of a 150,000 range); now it says how many of the range's
 * messages it read, whether the purge left the stream empty (the read just runs out) or new
 * messages came after it (the consumer jumps past the purged sequences).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { jetstream } from '@nats-io/jetstream';
import { STREAM_NAME } from '../agents/schema';
import { loadReplay } from '../replay/loader';
import { parseSpec } from '../replay/scope';
import { ReplayData } from '../replay/store';
import { clientOf, sleep, startFaultBench, type FaultBench } from './harness.test-util';

const N = 30_000;

describe('a purge during a replay load', () => {
  let bench: FaultBench | null = null;
  afterEach(async () => {
    await bench?.close();
    bench = null;
  });

  const loadAndPurge = async (
    b: FaultBench,
    to: number | null,
    after: (d: ReplayData) => Promise<void>,
  ) => {
    const nc = await clientOf(b.server);
    const { spec } = parseSpec({ from: '1', to: to === null ? null : String(to) });
    const data = new ReplayData(STREAM_NAME);
    let purged: Promise<void> | null = null;
    const unsub = data.subscribe(() => {
      if (data.info.read >= 2000) purged ??= after(data);
    });
    await loadReplay(jetstream(nc), STREAM_NAME, spec, data, { batchSize: 200 });
    unsub();
    await purged;
    await nc.close();
    return data;
  };

  it(
    'says how many of the range were read when the purge empties the stream',
    { timeout: 90_000 },
    async () => {
      bench = await startFaultBench(N);
      const b = bench;
      const data = await loadAndPurge(
        b,
        N,
        async () => void (await b.jsm.streams.purge(STREAM_NAME)),
      );
      expect(data.info.status).toBe('done');
      const seqs = data.events.toArray().map((e) => e.seq);
      // What was read is the range's head, each once, in order: nothing altered.
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(data.info.read).toBeLessThan(N);
      expect(data.info.read + data.info.vanished).toBe(N);
      await sleep(10_000);
      expect(await b.leftover()).toEqual([]);
    },
  );

  for (const to of [N, null]) {
    it(
      `says so when new messages come after the purge (${to === null ? 'to the end' : 'to ' + String(to)})`,
      { timeout: 90_000 },
      async () => {
        bench = await startFaultBench(N);
        const b = bench;
        const data = await loadAndPurge(b, to, async () => {
          await b.jsm.streams.purge(STREAM_NAME);
          const js = jetstream(b.admin);
          for (let i = 0; i < 50; i++)
            await js.publish('agent.message.r0.question', JSON.stringify({ i }));
        });
        expect(data.info.status).toBe('done');
        const seqs = data.events.toArray().map((e) => e.seq);
        const head = seqs.filter((s) => s <= N);
        expect(head).toEqual(Array.from({ length: head.length }, (_, i) => i + 1));
        // Read to the end: the new messages it caught (it ends when caught up), each once, in order.
        const tail = seqs.slice(head.length);
        if (to === null)
          expect(tail).toEqual(Array.from({ length: tail.length }, (_, i) => N + 1 + i));
        if (to === null) expect(tail.length).toBeGreaterThan(0);
        expect(head.length).toBeLessThan(N);
        expect(head.length + data.info.vanished).toBe(N);
      },
    );
  }

  it(
    'a stream deleted during the load ends it with an error, the part read intact',
    { timeout: 90_000 },
    async () => {
      bench = await startFaultBench(N);
      const b = bench;
      const data = await loadAndPurge(
        b,
        N,
        async () => void (await b.jsm.streams.delete(STREAM_NAME)),
      );
      expect(data.info.status).toBe('error');
      expect(data.info.error).toMatch(/does not exist/);
      const seqs = data.events.toArray().map((e) => e.seq);
      expect(seqs.length).toBeGreaterThan(0);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    },
  );
});
