import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EventMeta, PayloadKey } from './columns';
import { EventColumns } from './columns';
import type { ReplayEvent } from './event';
import { stored, toEvent, type Stored } from './stored.test-util';
import { ReplayEvents } from './events';
import { fold } from './projection';
import { ProjectionCursor, ProjectionIndex } from './snapshots';

const PAYLOAD: PayloadKey[] = ['time', 'headers', 'hdrLen', 'data', 'id', 'content'];

/** The event without its payload part: what meta(i) must give back. */
function strip(e: ReplayEvent): EventMeta {
  const o: Record<string, unknown> = { ...e };
  for (const k of PAYLOAD) delete o[k];
  return o as EventMeta;
}

const plain = (s: ReturnType<typeof fold>) => ({
  seq: s.seq,
  applied: s.applied,
  agents: [...s.agents].sort(),
  tasks: [...s.tasks].sort(),
  byType: [...s.byType].sort(),
});

const events = (ms: Stored[]) => ms.map((m, i) => toEvent(m, i * 3 + 1));

describe('EventColumns', () => {
  it('meta(i) equals the decoded event without its payload, for any event sequence', () => {
    fc.assert(
      fc.property(fc.array(stored, { maxLength: 300 }), (ms) => {
        const evs = events(ms);
        const cols = new EventColumns(4); // grows by doubling many times
        for (const e of evs) cols.append(e);
        expect(cols.length).toBe(evs.length);
        evs.forEach((e, i) => {
          expect(cols.meta(i)).toEqual(strip(e));
          expect(Object.is(cols.seq(i), e.seq)).toBe(true);
          expect(cols.kind(i)).toBe(e.kind);
          if (e.kind === 'task') {
            const m = cols.meta(i) as Extract<EventMeta, { kind: 'task' }>;
            // -0 and 0 are both kept as given (a Map key would merge them).
            expect(Object.is(m.retries, e.retries)).toBe(true);
            expect(Object.is(m.progress, e.progress)).toBe(true);
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('the fold over the columns equals the fold over the decoded events, at every snapshot seek', () => {
    fc.assert(
      fc.property(
        fc.array(stored, { minLength: 1, maxLength: 400 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        (ms, points) => {
          const evs = events(ms);
          const cols = new ReplayEvents(undefined, 2048); // a small payload budget
          cols.push(evs);
          expect(plain(fold(cols))).toEqual(plain(fold(evs)));
          // Few snapshots: the spacing doubles while the seeks stay exact.
          const index = new ProjectionIndex(cols, 8, 4);
          const cursor = new ProjectionCursor(index, cols);
          for (const p of points) {
            const n = p % (evs.length + 1);
            const want = plain(fold(evs.slice(0, n)));
            expect(plain(index.stateAt(n))).toEqual(want);
            expect(plain(cursor.moveTo(n))).toEqual(want);
          }
          expect(index.snapshotCount).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('finds events by sequence', () => {
    const cols = new EventColumns();
    for (const seq of [3, 7, 8, 20])
      cols.append({ ...strip(toEvent({ kind: 'noise', text: '' }, seq)) });
    expect([0, 3, 5, 7, 8, 19, 20, 99].map((s) => cols.indexAtOrBefore(s))).toEqual([
      -1, 0, 0, 1, 2, 2, 3, 3,
    ]);
    expect(cols.seqAt(3)).toBe(20);
    expect(cols.seqAt(4)).toBeUndefined();
  });
});

describe('ReplayEvents payloads', () => {
  const sample = () =>
    events(
      Array.from({ length: 100 }, (_, i) => ({
        kind: 'noise' as const,
        text: `payload ${i} `.repeat(10),
      })),
    );

  it('keeps every payload while the range fits the budget', () => {
    const evs = sample();
    const list = new ReplayEvents();
    list.push(evs.slice(0, 40));
    list.push(evs.slice(40));
    expect(list.allHeld).toBe(true);
    evs.forEach((e, i) => expect(list.full(i)).toBe(e));
    expect(list.toArray()).toEqual(evs);
  });

  it('past the budget drops the least recently used payloads, never the metadata', () => {
    const evs = sample();
    const list = new ReplayEvents(undefined, 20 * 400);
    list.push(evs.slice(0, 10));
    list.full(0); // used: kept over the later ones
    list.push(evs.slice(10, 30));
    expect(list.allHeld).toBe(false);
    expect(list.payloadBytes).toBeLessThanOrEqual(20 * 400);
    expect(list.peek(0)).toBe(evs[0]);
    expect(list.peek(1)).toBeNull();
    expect(list.peek(29)).toBe(evs[29]);
    list.push(evs.slice(30));
    expect(list.peek(0)).toBeNull();
    expect(list.peek(99)).toBe(evs[99]);
    evs.forEach((e, i) => expect(list.meta(i)).toEqual(strip(e)));
    // No source: said so, never a wrong payload.
    expect(list.full(1)).toBeNull();
    expect(list.payloadState(1)).toBe('failed');
  });

  it('reads missing payloads in one read per window of nearby events, then re-renders', async () => {
    const evs = sample();
    let notified = 0;
    const list = new ReplayEvents(undefined, 10 * 400);
    list.subscribe(() => notified++);
    const reads: [number, number][] = [];
    list.setSource(async (from, to, onBatch) => {
      reads.push([from, to]);
      // What a real read gives: fresh buffers, in stream order.
      onBatch(evs.filter((e) => e.seq >= from && e.seq <= to));
    });
    list.push(evs);
    for (const i of [2, 3, 5, 9]) expect(list.full(i)).toBeNull();
    expect(list.payloadState(3)).toBe('loading');
    await new Promise((r) => setTimeout(r, 5));
    // One read: the rows asked for, a few before and the next ones (playing forward).
    expect(reads).toEqual([[evs[0]?.seq, evs[99]?.seq]]);
    expect(notified).toBe(1);
    expect(list.getSnapshot()).toBe(1);
    // The budget holds only a few: the rows asked for are kept over the ones read ahead.
    for (const i of [2, 3, 5, 9]) expect(list.peek(i)?.seq).toBe(evs[i]?.seq);
    for (const i of [2, 3, 5, 9]) {
      const got = list.full(i) as ReplayEvent;
      expect(got.seq).toBe(evs[i]?.seq);
      expect([...got.data]).toEqual([...(evs[i] as ReplayEvent).data]);
      // Copied out of the read's buffer.
      expect(got.data.buffer).not.toBe((evs[i] as ReplayEvent).data.buffer);
    }
  });

  it('wholeEvents gives every payload: kept ones as they are, dropped ones read again', async () => {
    const evs = sample();
    const held = new ReplayEvents();
    held.push(evs);
    expect(await held.wholeEvents()).toEqual(evs);
    const list = new ReplayEvents(undefined, 5 * 400);
    list.push(evs);
    expect(list.allHeld).toBe(false);
    // toArray has empty stand-ins for what was dropped; wholeEvents never does.
    expect(list.toArray().filter((e) => e.data.length === 0).length).toBeGreaterThan(0);
    await expect(list.wholeEvents()).rejects.toThrow(/no longer in memory/);
    let reads = 0;
    list.setSource(async (from, to, onBatch) => {
      reads++;
      onBatch(evs.filter((e) => e.seq >= from && e.seq <= to));
    });
    const whole = await list.wholeEvents();
    expect(reads).toBe(1);
    expect(whole.map((e) => e.seq)).toEqual(evs.map((e) => e.seq));
    whole.forEach((e, i) => expect([...e.data]).toEqual([...(evs[i] as ReplayEvent).data]));
  });

  it('eachFull reads the range again when payloads were dropped, and says when one is gone', async () => {
    const evs = sample();
    const list = new ReplayEvents(undefined, 5 * 400);
    list.push(evs);
    await expect(list.eachFull(0, 99, () => {})).rejects.toThrow(/no longer in memory/);
    list.setSource(async (from, to, onBatch) =>
      onBatch(evs.filter((e) => e.seq >= from && e.seq <= to && e.seq !== evs[50]?.seq)),
    );
    const seen: number[] = [];
    await expect(list.eachFull(0, 49, (i, e) => seen.push(i, e.seq))).resolves.toBeUndefined();
    expect(seen.filter((_, k) => k % 2 === 1)).toEqual(evs.slice(0, 50).map((e) => e.seq));
    await expect(list.eachFull(0, 99, () => {})).rejects.toThrow(/no longer in the stream/);
  });
});
