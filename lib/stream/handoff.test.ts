import { describe, expect, it } from 'vitest';
import { subjectMatches } from '@/lib/nats/subjects';
import { handoffReader } from './handoff';
import { RawPacker } from './pack';
import type { RawRangeReader } from './remote-reader';
import type { ReadResult } from './range';

type Msg = { seq: number; subject: string };

/** A stream of `n` messages, every third on agent.task.t1.*, the rest on agent.message.*. */
function stream(n: number, holes: number[] = []): Msg[] {
  const out: Msg[] = [];
  for (let seq = 1; seq <= n; seq++) {
    if (holes.includes(seq)) continue;
    out.push({ seq, subject: seq % 3 === 0 ? 'agent.task.t1.progress' : 'agent.message.qa.note' });
  }
  return out;
}

/**
 * A RawRangeReader over an in-memory stream with the server's contract: from `start`, the
 * filter's messages in order, batches of batchSize, pending = matches left in the stream,
 * stops at endSeq (or onStart's lower cut), limit or the end. Counts its calls, logs its
 * start, batches and end (`log`), and yields a task between batches (`events`) so that two
 * reads interleave as reads on two connections do; `fail` throws before the batch that would
 * start at that index.
 */
function fakeReader(
  msgs: Msg[],
  o2: { name?: string; log?: string[]; fail?: number } = {},
): RawRangeReader & { calls: number } {
  const note = (s: string) => o2.log?.push(`${o2.name ?? 'reader'} ${s}`);
  const r = (async (o) => {
    r.calls++;
    const from =
      o.start.kind === 'seq' ? o.start.seq : o.start.kind === 'first' ? 1 : Number.MAX_VALUE;
    const match = msgs.filter(
      (m) => m.seq >= from && (!o.filter || subjectMatches(o.filter, m.subject)),
    );
    const res: ReadResult = { count: 0, lastSeq: 0, reason: 'end' };
    if (match.length === 0) return res;
    note('start');
    const cut = o.onStart?.({ pending: match.length, position: from - 1 });
    const endSeq =
      typeof cut === 'number' && (o.endSeq === undefined || cut < o.endSeq) ? cut : o.endSeq;
    const packer = new RawPacker(4);
    const flush = async (i: number) => {
      if (!packer.size()) return;
      if (o2.fail !== undefined && i >= o2.fail) throw new Error(`${o2.name ?? 'reader'} failed`);
      const b = packer.take();
      note(`batch ${b.seq[0]}-${b.seq[b.seq.length - 1]}`);
      o.onBatch(b, match.length - i - 1);
      await new Promise((res) => setTimeout(res, 0));
    };
    for (let i = 0; i < match.length; i++) {
      const m = match[i] as Msg;
      if (o.signal?.aborted) {
        note('aborted');
        return { ...res, reason: 'aborted' };
      }
      if (endSeq !== undefined && m.seq > endSeq) {
        await flush(i - 1);
        note('end');
        return { ...res, reason: 'endSeq' };
      }
      packer.add({
        ...m,
        info: { timestampNanos: m.seq * 1e6 },
        data: new Uint8Array([m.seq % 256]),
      });
      res.count++;
      res.lastSeq = m.seq;
      const stop =
        endSeq !== undefined && m.seq >= endSeq
          ? 'endSeq'
          : o.limit !== undefined && res.count >= o.limit
            ? 'limit'
            : i === match.length - 1
              ? 'end'
              : null;
      if (stop || packer.size() >= (o.batchSize ?? 1000)) await flush(i);
      if (stop) {
        note('end');
        return { ...res, reason: stop };
      }
    }
    return res;
  }) as RawRangeReader & { calls: number };
  r.calls = 0;
  return r;
}

async function readAll(
  msgs: Msg[],
  at: number,
  o: { filter?: string; endSeq?: number; limit?: number; startSeq?: number } = {},
) {
  const near = fakeReader(msgs);
  const far = fakeReader(msgs);
  let opened = 0;
  const read = handoffReader(
    near,
    () => {
      opened++;
      return far;
    },
    at,
  );
  const seqs: number[] = [];
  const r = await read({
    start: o.startSeq ? { kind: 'seq', seq: o.startSeq } : { kind: 'first' },
    filter: o.filter,
    endSeq: o.endSeq,
    limit: o.limit,
    batchSize: 7,
    onBatch: (b) => seqs.push(...b.seq),
  });
  return { r, seqs, opened, farCalls: far.calls };
}

/** A handoff over two logging fake readers (`near`, `far`; `fail` as fakeReader's). */
function loggedHandoff(msgs: Msg[], at: number, fail: { near?: number; far?: number } = {}) {
  const log: string[] = [];
  const read = handoffReader(
    fakeReader(msgs, { name: 'near', log, fail: fail.near }),
    () => fakeReader(msgs, { name: 'far', log, fail: fail.far }),
    at,
  );
  return { read, log };
}

const expected = (
  msgs: Msg[],
  o: { filter?: string; endSeq?: number; limit?: number; startSeq?: number } = {},
) =>
  msgs
    .filter(
      (m) =>
        m.seq >= (o.startSeq ?? 1) &&
        (o.endSeq === undefined || m.seq <= o.endSeq) &&
        (!o.filter || subjectMatches(o.filter, m.subject)),
    )
    .map((m) => m.seq)
    .slice(0, o.limit);

describe('handoffReader', () => {
  it('reads a range shorter than the handoff point on the tab alone, worker never started', async () => {
    const msgs = stream(30);
    const { r, seqs, opened } = await readAll(msgs, 50);
    expect(seqs).toEqual(expected(msgs));
    expect(r).toMatchObject({ count: 30, lastSeq: 30, reason: 'end' });
    expect(opened).toBe(0);
  });

  it('a range of exactly the handoff point does not start the worker', async () => {
    const msgs = stream(50);
    const { r, seqs, opened } = await readAll(msgs, 50);
    expect(seqs).toEqual(expected(msgs));
    expect(r.count).toBe(50);
    expect(opened).toBe(0);
  });

  it('hands a longer range to the worker from the next sequence: each message once, in order', async () => {
    const msgs = stream(200, [51, 52, 120]);
    const { r, seqs, opened, farCalls } = await readAll(msgs, 50);
    expect(seqs).toEqual(expected(msgs));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(r).toMatchObject({ count: 197, lastSeq: 200, reason: 'end' });
    expect(opened).toBe(1);
    expect(farCalls).toBe(1);
  });

  it('starts the worker while the tab still reads (first batch shows more than the handoff left)', async () => {
    const msgs = stream(200);
    const near = fakeReader(msgs);
    let openedAfter = -1;
    let batches = 0;
    const read = handoffReader(
      near,
      () => {
        openedAfter = batches;
        return fakeReader(msgs);
      },
      50,
    );
    await read({ start: { kind: 'first' }, batchSize: 7, onBatch: () => void batches++ });
    expect(openedAfter).toBe(0);
  });

  it('keeps a scope filter across the handoff', async () => {
    const msgs = stream(400);
    const filter = 'agent.task.t1.>';
    const { r, seqs, opened } = await readAll(msgs, 50, { filter });
    expect(seqs).toEqual(expected(msgs, { filter }));
    expect(seqs.length).toBe(133);
    expect(r.count).toBe(133);
    expect(opened).toBe(1);
  });

  it('keeps endSeq, limit and the start across the handoff', async () => {
    const msgs = stream(400);
    for (const o of [
      { endSeq: 170 },
      { endSeq: 50 },
      { limit: 120 },
      { limit: 30 },
      { startSeq: 90, endSeq: 300, filter: 'agent.task.t1.>' },
    ]) {
      const { r, seqs } = await readAll(msgs, 50, o);
      expect(seqs, JSON.stringify(o)).toEqual(expected(msgs, o));
      expect(r.count).toBe(seqs.length);
    }
  });

  it('an endSeq within the tab part ends there without the worker', async () => {
    const msgs = stream(400);
    const { seqs, farCalls } = await readAll(msgs, 50, { endSeq: 40 });
    expect(seqs).toEqual(expected(msgs, { endSeq: 40 }));
    expect(farCalls).toBe(0);
  });

  it('an abort during a limited tab part stops the read without the worker', async () => {
    const msgs = stream(400);
    const ac = new AbortController();
    const far = fakeReader(msgs);
    const read = handoffReader(fakeReader(msgs), () => far, 50);
    const r = await read({
      start: { kind: 'first' },
      limit: 300,
      batchSize: 7,
      signal: ac.signal,
      onBatch: () => ac.abort(),
    });
    expect(r.reason).toBe('aborted');
    expect(far.calls).toBe(0);
  });

  it('splits a long range when the tab read starts: the worker reads beside it, its batches held until the tab part is in', async () => {
    const msgs = stream(300, [20, 75]);
    const { read, log } = loggedHandoff(msgs, 50);
    const seqs: number[] = [];
    // Batches handed on within one task (the held ones must each get their own).
    let inTask = false;
    let sameTask = 0;
    const r = await read({
      start: { kind: 'seq', seq: 11 },
      batchSize: 7,
      onBatch: (b) => {
        seqs.push(...b.seq);
        if (inTask) sameTask++;
        inTask = true;
        setTimeout(() => (inTask = false), 0);
      },
    });
    expect(seqs).toEqual(expected(msgs, { startSeq: 11 }));
    expect(sameTask).toBe(0);
    expect(r).toMatchObject({ count: 288, lastSeq: 300, reason: 'end' });
    // The worker started before the tab's first batch, from the sequence after the tab's 50.
    expect(log.indexOf('far start')).toBeLessThan(log.indexOf('near batch 11-17'));
    expect(log).toContain('far batch 61-67');
    // Both read at once: the worker had batches before the tab's part ended.
    expect(log.indexOf('far batch 61-67')).toBeLessThan(log.indexOf('near end'));
    // The tab's part (seq 11–60, less the hole at 20) ends at the split; the worker's starts at 61.
    expect(log).toContain('near batch 54-60');
  });

  it('a split keeps a filter and endSeq: each message once, in order', async () => {
    const msgs = stream(1000, [300, 301]);
    for (const o of [
      { filter: 'agent.task.t1.>' },
      { filter: 'agent.message.>', endSeq: 700 },
      { startSeq: 40, endSeq: 95 },
      { startSeq: 40, endSeq: 89 },
      { startSeq: 40, endSeq: 90 },
    ]) {
      const { r, seqs } = await readAll(msgs, 50, o);
      expect(seqs, JSON.stringify(o)).toEqual(expected(msgs, o));
      expect(r.count).toBe(seqs.length);
    }
  });

  it('the worker failing ends the tab part too and rejects with its error', async () => {
    const msgs = stream(2000);
    const { read, log } = loggedHandoff(msgs, 500, { far: 0 });
    await expect(
      read({ start: { kind: 'first' }, batchSize: 7, onBatch: () => {} }),
    ).rejects.toThrow('far failed');
    expect(log).toContain('near aborted');
  });

  it('the tab part failing ends the worker part and rejects with the tab error', async () => {
    const msgs = stream(2000);
    const { read, log } = loggedHandoff(msgs, 500, { near: 20 });
    const got: number[] = [];
    await expect(
      read({ start: { kind: 'first' }, batchSize: 7, onBatch: (b) => got.push(...b.seq) }),
    ).rejects.toThrow('near failed');
    expect(log).toContain('far aborted');
    // Nothing of the worker's part was handed on: the tab part never completed.
    expect(Math.max(...got)).toBeLessThanOrEqual(500);
  });

  for (const [when, after] of [
    ['during the tab part', 7],
    ['after the tab part', 101],
  ] as const) {
    it(`an abort ${when} stops both parts: what was handed on is the range's start, in order`, async () => {
      const msgs = stream(400);
      const ac = new AbortController();
      const { read, log } = loggedHandoff(msgs, 50);
      const got: number[] = [];
      const r = await read({
        start: { kind: 'first' },
        batchSize: 7,
        signal: ac.signal,
        onBatch: (b) => {
          got.push(...b.seq);
          if (got.length >= after) ac.abort();
        },
      });
      expect(r.reason).toBe('aborted');
      expect(log).toContain('far aborted');
      expect(got.length).toBeGreaterThanOrEqual(after);
      expect(got).toEqual(expected(msgs).slice(0, got.length));
      // Aborted in the tab's first batch: none of the worker's (held) batches was handed on.
      if (after < 50) expect(got).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });
  }
});
