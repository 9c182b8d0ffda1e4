import { describe, expect, it, vi } from 'vitest';
import { JetStreamApiError } from '@nats-io/jetstream';
import type { StreamMessage } from '@/lib/stream/reader';
import { remoteReader, type WorkerPort } from './remote-reader';
import { RawPacker, packBatch } from './pack';
import type { FromWorker, ToWorker } from './wire';
import { testJsMsg } from '@/lib/nats/internals.test-util';

function fakeWorker() {
  const sent: ToWorker[] = [];
  const w: WorkerPort & { sent: ToWorker[]; emit(m: FromWorker): void; terminated: boolean } = {
    sent,
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage: (m) => void sent.push(m),
    terminate() {
      this.terminated = true;
    },
    emit(m) {
      this.onmessage?.({ data: m } as MessageEvent<FromWorker>);
    },
  };
  return w;
}
const spec = { servers: ['ws://a:1', 'ws://b:2'], auth: { kind: 'none' as const }, name: 'x' };
const sm = (seq: number): StreamMessage => ({
  seq,
  subject: 's',
  timeMs: seq,
  time: 't',
  headers: [],
  data: new Uint8Array([seq]),
  size: 1,
});

describe('remoteReader', () => {
  it('opens, reads in batches in order, resolves with the result', async () => {
    const w = fakeWorker();
    const r = remoteReader(w, spec, 'st', true);
    expect(w.sent[0]).toEqual({ type: 'open', spec, stream: 'st', preferFirst: true });
    const got: number[] = [];
    const p = r.read({
      start: { kind: 'first' },
      endSeq: 3,
      onBatch: (b) => got.push(...b.map((m) => m.seq)),
    });
    expect(w.sent[1]).toEqual({
      type: 'read',
      id: 1,
      req: { start: { kind: 'first' }, endSeq: 3 },
    });
    w.emit({ type: 'batch', id: 1, batch: packBatch([sm(1), sm(2)]), pending: 1 });
    w.emit({ type: 'batch', id: 1, batch: packBatch([sm(3)]), pending: 0 });
    w.emit({ type: 'result', id: 1, result: { count: 3, lastSeq: 3, reason: 'endSeq' } });
    await expect(p).resolves.toEqual({ count: 3, lastSeq: 3, reason: 'endSeq' });
    expect(got).toEqual([1, 2, 3]);
  });

  it('reads raw batches: asks for readRaw, hands each RawBatch over as it came, resolves with the result', async () => {
    const w = fakeWorker();
    const r = remoteReader(w, spec, 'st');
    const got: [number[], number][] = [];
    const p = r.readRaw({
      start: { kind: 'seq', seq: 5 },
      batchSize: 10,
      onBatch: (b, pending) => got.push([[...b.seq], pending]),
    });
    expect(w.sent[1]).toEqual({
      type: 'readRaw',
      id: 1,
      req: { start: { kind: 'seq', seq: 5 }, batchSize: 10 },
    });
    const packer = new RawPacker();
    packer.add(testJsMsg({ seq: 5, subject: 's', nanos: 1e18, data: new Uint8Array([1]) }));
    w.emit({ type: 'batch', id: 1, batch: packBatch([sm(99)]), pending: 0 }); // not a raw read's message: ignored
    w.emit({ type: 'rawBatch', id: 1, batch: packer.take(), pending: 3 });
    w.emit({ type: 'result', id: 1, result: { count: 1, lastSeq: 5, reason: 'end' } });
    await expect(p).resolves.toEqual({ count: 1, lastSeq: 5, reason: 'end' });
    expect(got).toEqual([[[5], 3]]);
  });

  it('scans in the worker: sends the query as data, delivers matches and progress, resolves with the scan result', async () => {
    const w = fakeWorker();
    const r = remoteReader(w, spec, 'st');
    const got: number[] = [];
    const progress: number[] = [];
    const p = r.scan({
      q: 'type:question needle',
      from: 1,
      first: 1,
      direction: 'forward',
      onMatches: (ms) => got.push(...ms.map((m) => m.seq)),
      onProgress: (x) => progress.push(x.scanned),
    });
    expect(w.sent[1]).toEqual({
      type: 'scan',
      id: 1,
      req: { q: 'type:question needle', from: 1, first: 1, direction: 'forward' },
    });
    w.emit({ type: 'matches', id: 1, batch: packBatch([sm(4), sm(9)]) });
    w.emit({
      type: 'progress',
      id: 1,
      progress: { scanned: 10, total: 20, matches: 2, atSeq: 10 },
    });
    w.emit({ type: 'batch', id: 1, batch: packBatch([sm(99)]), pending: 0 }); // not a scan message: ignored
    w.emit({
      type: 'scanned',
      id: 1,
      result: { scanned: 20, matches: 2, reason: 'end', lastSeq: 20 },
    });
    await expect(p).resolves.toEqual({ scanned: 20, matches: 2, reason: 'end', lastSeq: 20 });
    expect(got).toEqual([4, 9]);
    expect(progress).toEqual([10]);
  });

  it('a scan aborted before it starts resolves as aborted without asking the worker', async () => {
    const w = fakeWorker();
    const r = remoteReader(w, spec, 'st');
    const ac = new AbortController();
    ac.abort();
    await expect(
      r.scan({
        q: 'x',
        from: 1,
        first: 1,
        direction: 'backward',
        signal: ac.signal,
        onMatches: () => {},
      }),
    ).resolves.toMatchObject({ reason: 'aborted' });
    expect(w.sent).toHaveLength(1);
  });

  it('passes an abort on to the worker and rejects with the worker’s error', async () => {
    const w = fakeWorker();
    const r = remoteReader(w, spec, 'st');
    const ac = new AbortController();
    const p = r.read({ start: { kind: 'first' }, signal: ac.signal, onBatch: () => {} });
    ac.abort();
    expect(w.sent).toContainEqual({ type: 'abort', id: 1 });
    w.emit({
      type: 'error',
      id: 1,
      error: {
        name: 'StreamNotFoundError',
        message: 'stream not found',
        api: { code: 404, err_code: 10059, description: 'stream not found' },
      },
    });
    const e: unknown = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JetStreamApiError);
    expect(e).toMatchObject({
      name: 'StreamNotFoundError',
      message: 'stream not found',
      code: 10059,
      status: 404,
    });
  });

  it('fails pending and later reads when the worker dies, and ends it', async () => {
    const w = fakeWorker();
    const r = remoteReader(w, spec, 'st');
    const p = r.read({ start: { kind: 'first' }, onBatch: () => {} });
    w.onerror?.({ message: 'boom', preventDefault: () => {} } as ErrorEvent);
    await expect(p).rejects.toThrow(/background reader stopped: boom/);
    await expect(r.read({ start: { kind: 'first' }, onBatch: () => {} })).rejects.toThrow(/boom/);
    expect(w.terminated).toBe(true);
  });

  it('close asks the worker to clean up, then ends it (or after a grace period)', () => {
    vi.useFakeTimers();
    try {
      const w = fakeWorker();
      remoteReader(w, spec, 'st').close();
      expect(w.sent.at(-1)).toEqual({ type: 'close' });
      expect(w.terminated).toBe(false);
      w.emit({ type: 'closed' });
      expect(w.terminated).toBe(true);
      const w2 = fakeWorker();
      remoteReader(w2, spec, 'st').close();
      vi.advanceTimersByTime(10_000);
      expect(w2.terminated).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
