import { describe, expect, it } from 'vitest';
import { JetStreamApiError } from '@nats-io/jetstream';
import type { Scanner } from '@/lib/browse/scan';
import type { StreamMessage } from '@/lib/stream/reader';
import fc from 'fast-check';
import { toRow } from '@/lib/browse/rows';
import { mergeAsc, ScanStore } from './scan-store';

const msg = (seq: number): StreamMessage => ({
  seq,
  subject: 'agent.message.qa_tester.question',
  timeMs: seq,
  time: new Date(seq).toISOString(),
  headers: [],
  data: new TextEncoder().encode('{"content":"x"}'),
  size: 15,
});
const req = { stream: 'st', q: 'x', from: 1, first: 1, direction: 'backward' as const };

describe('ScanStore', () => {
  it('keeps the range a search covers and hands the upper bound to the scanner', async () => {
    const store = new ScanStore();
    let to: number | undefined;
    const scanner: Scanner = async (r) => {
      to = r.to;
      return { scanned: 0, matches: 0, reason: 'end', lastSeq: 0 };
    };
    await store.run(scanner, {
      stream: 'st',
      q: 'x',
      from: 1,
      first: 1,
      to: 500,
      direction: 'forward',
      scope: 'all',
      filter: 'agent.>',
    });
    expect(to).toBe(500);
    expect(store.getSnapshot()).toMatchObject({
      range: { low: 1, high: 500, scope: 'all' },
      filter: 'agent.>',
      newer: null,
    });
    await store.run(scanner, {
      stream: 'st',
      q: 'x',
      from: 300,
      first: 1,
      to: 500,
      direction: 'backward',
      scope: 'here',
    });
    expect(store.getSnapshot().range).toEqual({ low: 1, high: 300, scope: 'here' });
  });

  it('publishes matches ascending by sequence and the end reason', async () => {
    const store = new ScanStore();
    const scanner: Scanner = async (r) => {
      r.onMatches([msg(9), msg(7)]);
      r.onProgress?.({ scanned: 10, total: 10, matches: 2, atSeq: 1 });
      r.onMatches([msg(3)]);
      return { scanned: 10, matches: 3, reason: 'end', lastSeq: 1 };
    };
    await store.run(scanner, req);
    const s = store.getSnapshot();
    expect(s.rows.map((r) => r.seq)).toEqual([3, 7, 9]);
    expect(s).toMatchObject({
      running: false,
      reason: 'end',
      error: null,
      progress: { scanned: 10 },
    });
    expect(store.messages.map((m) => m.seq)).toEqual([9, 7, 3]);
  });

  it('shows a failing scan (no connection, a missing stream) as its error, keeping what matched', async () => {
    const store = new ScanStore();
    const scanner: Scanner = async (r) => {
      r.onMatches([msg(4)]);
      throw new JetStreamApiError({ code: 404, err_code: 10059, description: 'stream not found' });
    };
    await store.run(scanner, req);
    const s = store.getSnapshot();
    expect(s.running).toBe(false);
    expect(s.error).toMatch(/Stream "st" does not exist/);
    expect(s.rows.map((r) => r.seq)).toEqual([4]);
  });

  it('a new search cancels the running one', async () => {
    const store = new ScanStore();
    let aborted = false;
    const slow: Scanner = (r) =>
      new Promise((resolve) =>
        r.signal?.addEventListener('abort', () => {
          aborted = true;
          resolve({ scanned: 0, matches: 0, reason: 'aborted', lastSeq: 0 });
        }),
      );
    const first = store.run(slow, req);
    await store.run(async () => ({ scanned: 1, matches: 0, reason: 'end', lastSeq: 1 }), {
      ...req,
      q: 'y',
    });
    await first;
    expect(aborted).toBe(true);
    expect(store.getSnapshot()).toMatchObject({ q: 'y', reason: 'end', running: false });
  });
});

describe('mergeAsc', () => {
  const rows = (seqs: number[]) => seqs.map((s) => toRow(msg(s)));
  it('appends a forward batch, prepends a backward one, and merges anything else, ascending', () => {
    expect(mergeAsc(rows([1, 2]), rows([3, 4])).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(mergeAsc(rows([5, 6]), rows([4, 2])).map((r) => r.seq)).toEqual([2, 4, 5, 6]);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 60 }),
        fc.nat(60),
        (seqs, cut) => {
          const had = seqs.slice(0, cut).sort((x, y) => x - y);
          const got = mergeAsc(rows(had), rows(seqs.slice(cut))).map((r) => r.seq);
          expect(got).toEqual([...seqs].sort((x, y) => x - y));
        },
      ),
    );
  });
});
