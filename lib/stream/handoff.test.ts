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
 * stops at endSeq, limit or the end. Counts its calls.
 */
function fakeReader(msgs: Msg[]): RawRangeReader & { calls: number } {
  const r = (async (o) => {
    r.calls++;
    const from =
      o.start.kind === 'seq' ? o.start.seq : o.start.kind === 'first' ? 1 : Number.MAX_VALUE;
    const match = msgs.filter(
      (m) => m.seq >= from && (!o.filter || subjectMatches(o.filter, m.subject)),
    );
    const res: ReadResult = { count: 0, lastSeq: 0, reason: 'end' };
    const packer = new RawPacker(4);
    const flush = (i: number) => {
      if (packer.size()) o.onBatch(packer.take(), match.length - i - 1);
    };
    for (let i = 0; i < match.length; i++) {
      const m = match[i] as Msg;
      if (o.signal?.aborted) return { ...res, reason: 'aborted' };
      if (o.endSeq !== undefined && m.seq > o.endSeq) {
        flush(i - 1);
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
        o.endSeq !== undefined && m.seq >= o.endSeq
          ? 'endSeq'
          : o.limit !== undefined && res.count >= o.limit
            ? 'limit'
            : i === match.length - 1
              ? 'end'
              : null;
      if (stop || packer.size() >= (o.batchSize ?? 1000)) flush(i);
      if (stop) return { ...res, reason: stop };
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

  it('an abort during the tab part stops the read without the worker', async () => {
    const msgs = stream(400);
    const ac = new AbortController();
    const far = fakeReader(msgs);
    const read = handoffReader(fakeReader(msgs), () => far, 50);
    const r = await read({
      start: { kind: 'first' },
      batchSize: 7,
      signal: ac.signal,
      onBatch: () => ac.abort(),
    });
    expect(r.reason).toBe('aborted');
    expect(far.calls).toBe(0);
  });
});
