/**
 * Issue #17 item 1: a nats-server killed (SIGKILL) and restarted on the same ports and store
 * dir while a search scan, a replay load or a timeline follow reads. Every sequence must
 * arrive exactly once, and 10 s after the read ended no consumer but the durable
 * agent-processor may be left on the server (nats.js's ordered consumer used to re-create one
 * by itself on the reconnect, which nothing deleted: it stayed for its 5-minute threshold).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstream } from '@nats-io/jetstream';
import { STREAM_NAME } from '../agents/schema';
import { scanStream } from '../browse/scan';
import { compileSearch, parseSearch } from '../browse/search';
import { loadReplay } from '../replay/loader';
import { parseSpec } from '../replay/scope';
import { ReplayData } from '../replay/store';
import {
  clientOf,
  DOWN_MS,
  N,
  range,
  SETTLE_MS,
  sleep,
  startFaultBench,
  type FaultBench,
} from './harness.test-util';

describe('a server killed and restarted during a bounded read', () => {
  let bench: FaultBench;
  beforeAll(async () => {
    bench = await startFaultBench(N);
  }, 120_000);
  afterAll(async () => {
    await bench?.close();
  });

  it('search scan: every match once, no consumer left', { timeout: 90_000 }, async () => {
    const nc = await clientOf(bench.server);
    const seqs: number[] = [];
    let killed: Promise<void> | null = null;
    const r = await scanStream(jetstream(nc), STREAM_NAME, {
      from: 1,
      direction: 'forward',
      first: 1,
      batchSize: 500,
      maxMatches: N,
      match: compileSearch(parseSearch('type:question')),
      onMatches: (b) => {
        for (const m of b) seqs.push(m.seq);
        killed ??= bench.killAndRestart(DOWN_MS);
      },
    });
    await killed;
    expect(r.reason).toBe('end');
    // type:question is every 4th sequence (the seeder's rotation).
    expect(seqs).toEqual(range(1, N).filter((s) => s % 4 === 0));
    await sleep(SETTLE_MS);
    expect(await bench.leftover()).toEqual([]);
    await nc.close();
  });

  it('replay load: every event once, no consumer left', { timeout: 90_000 }, async () => {
    const nc = await clientOf(bench.server);
    const { spec } = parseSpec({ from: '1', to: String(N) });
    const data = new ReplayData(STREAM_NAME);
    let killed: Promise<void> | null = null;
    const unsub = data.subscribe(() => {
      if (data.events.length > 0) killed ??= bench.killAndRestart(DOWN_MS);
    });
    await loadReplay(jetstream(nc), STREAM_NAME, spec, data, { batchSize: 500 });
    unsub();
    await killed;
    expect(data.info).toMatchObject({ status: 'done', read: N });
    expect(data.events.toArray().map((e) => e.seq)).toEqual(range(1, N));
    await sleep(SETTLE_MS);
    expect(await bench.leftover()).toEqual([]);
    await nc.close();
  });
});
