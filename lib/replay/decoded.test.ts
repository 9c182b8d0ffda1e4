import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventColumns } from './columns';
import { decodeRawBatch } from './decoded';
import { eventHeaders, rawBatchEvents, type ReplayEvent } from './event';
import { ReplayEvents, type StoredEvent } from './events';
import { compileBreakpoint } from './breakpoints';
import { scopeMatcher } from './scope';
import { ReplayData } from './store';
import { stored, storedMessage, toEvent, type Stored } from './stored.test-util';
import { RawPacker, type RawBatch } from '@/lib/stream/pack';
import { eventsToNdjson } from './ndjson';

/** Header pairs as nats.js hands them (keys / values), for the packer. */
const natsHeaders = (pairs: [string, string][]) => ({
  keys: () => [...new Set(pairs.map(([k]) => k))],
  values: (k: string) => pairs.filter(([n]) => n === k).map(([, v]) => v),
});

type Raw = {
  seq: number;
  subject: string;
  timeMs: number;
  data: Uint8Array;
  hdr: [string, string][];
};

/** Packs messages as the reader worker does (header block, then payload, in one buffer). */
function pack(msgs: Raw[]): RawBatch {
  const p = new RawPacker(4);
  for (const m of msgs)
    p.add({
      seq: m.seq,
      subject: m.subject,
      info: { timestampNanos: BigInt(Math.round(m.timeMs * 1000)) * 1000n + 7n },
      data: m.data,
      headers: m.hdr.length ? natsHeaders(m.hdr) : undefined,
    });
  return p.take();
}

/** Contract events, noise, non-JSON text, binary bytes, some with headers. */
const raw = fc
  .array(
    fc.tuple(
      fc.oneof(
        stored.map((s) => ({ s, bytes: null as Uint8Array | null })),
        fc
          .constantFrom(
            new Uint8Array([0xff, 0xfe, 0x00, 0x7b]),
            new TextEncoder().encode('{"broken'),
            new TextEncoder().encode('plain text ü ✓'),
            new Uint8Array(0),
          )
          .map((bytes) => ({ s: null as Stored | null, bytes })),
      ),
      fc.boolean(),
    ),
    { maxLength: 120 },
  )
  .map((xs) =>
    xs.map(([{ s, bytes }, withHdr], i): Raw => {
      const seq = i * 2 + 1;
      const m = s
        ? storedMessage(s, seq)
        : { seq, subject: 'agent.message.x.answer', timeMs: 1.7e12 + seq + 0.5, data: bytes };
      const hdr: [string, string][] = withHdr
        ? [
            ['Nats-Msg-Id', `m-${seq}`],
            ['X-Trace', 'a b'],
            ['X-Trace', 'c'],
          ]
        : [];
      return { seq, subject: m.subject, timeMs: m.timeMs, data: m.data as Uint8Array, hdr };
    }),
  );

/** Comparable form of an event: its bytes as numbers, its headers parsed. */
const comparable = (e: ReplayEvent) => ({
  ...e,
  headers: eventHeaders(e),
  data: [...e.data],
});

describe('EventColumns.appendBatch', () => {
  it('appending a batch equals appending its events one by one', () => {
    fc.assert(
      fc.property(
        fc.array(stored, { maxLength: 300 }),
        fc.array(fc.nat({ max: 40 }), { maxLength: 20 }),
        (ms, cuts) => {
          const evs = ms.map((m, i) => toEvent(m, i * 3 + 1));
          const one = new EventColumns(4);
          for (const e of evs) one.append(e);
          const batched = new EventColumns(2);
          let at = 0;
          for (const c of [...cuts, evs.length]) {
            const b = new EventColumns(1);
            for (const e of evs.slice(at, at + c)) b.append(e);
            batched.appendBatch(b.toBatch());
            at = Math.min(evs.length, at + c);
          }
          expect(batched.length).toBe(evs.length);
          expect(batched.dictionarySize).toBe(one.dictionarySize);
          for (let i = 0; i < evs.length; i++) {
            expect(batched.meta(i)).toEqual(one.meta(i));
            const m = batched.meta(i);
            const w = one.meta(i);
            if (m.kind === 'task' && w.kind === 'task') {
              expect(Object.is(m.retries, w.retries)).toBe(true);
              expect(Object.is(m.progress, w.progress)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('decoded batches and payloads kept as bytes', () => {
  it('full(i), peek, toArray and eachFull equal the eagerly decoded events', async () => {
    await fc.assert(
      fc.asyncProperty(raw, async (msgs) => {
        const b = pack(msgs);
        const at = rawBatchEvents(pack(msgs));
        const want = msgs.map((_, i) => comparable(at(i)));
        const list = new ReplayEvents();
        const d = decodeRawBatch(b, { task: null, agent: null });
        expect(d.read).toBe(msgs.length);
        expect(d.lastSeq).toBe(msgs[msgs.length - 1]?.seq ?? 0);
        list.pushDecoded(d.cols, d.payloads);
        expect(list.length).toBe(msgs.length);
        expect(list.toArray().map(comparable)).toEqual(want);
        for (let i = 0; i < msgs.length; i++) {
          expect(comparable(list.peek(i) as ReplayEvent)).toEqual(want[i]);
          expect(comparable(list.full(i) as ReplayEvent)).toEqual(want[i]);
          // Asked again: the decoded one kept (rows on screen are asked for every render).
          expect(list.full(i)).toBe(list.full(i));
        }
        const each: unknown[] = [];
        await list.eachFull(0, msgs.length - 1, (_, e) => each.push(comparable(e)));
        expect(each).toEqual(want);
        expect(eventsToNdjson(list.toArray())).toBe(eventsToNdjson(msgs.map((_, i) => at(i))));
      }),
      { numRuns: 100 },
    );
  });

  it('applies the scope and the time end where it decodes, as the page did', () => {
    fc.assert(
      fc.property(
        raw,
        fc.constantFrom('a1', 'a2', 'qa'),
        fc.nat({ max: 300 }),
        (msgs, agent, cut) => {
          const b = pack(msgs);
          const at = rawBatchEvents(pack(msgs));
          const match = scopeMatcher({ task: null, agent }) as (e: ReplayEvent) => boolean;
          const endMs = msgs.length ? Math.floor(msgs[0]!.timeMs) + cut : undefined;
          const want: ReplayEvent[] = [];
          let read = 0;
          for (let i = 0; i < msgs.length; i++) {
            if (endMs !== undefined && Math.floor(msgs[i]!.timeMs) > endMs) break;
            read++;
            const e = at(i);
            if (match(e)) want.push(e);
          }
          const d = decodeRawBatch(b, { task: null, agent, endMs });
          expect(d.read).toBe(read);
          expect(d.pastEnd).toBe(read < msgs.length);
          const data = new ReplayData('s');
          data.appendDecoded(d);
          expect(data.info.read).toBe(read);
          expect(data.events.toArray().map(comparable)).toEqual(want.map(comparable));
          // The kept messages' bytes only (a scope that keeps few of many holds no whole batch).
          if (want.length < msgs.length)
            expect(d.payloads.bytes.length).toBe(
              want.reduce((n, e) => n + e.hdrLen + e.data.length, 0),
            );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('stored(i) (metadata and bytes, no payload decode) matches breakpoints as the decoded event does', () => {
    const exprs = [
      'header:Nats-Msg-Id=m-5',
      'header:X-Trace=c',
      'status:busy',
      'a1',
      'subject:agent.task.>',
    ];
    const matchers = exprs.map((x) => compileBreakpoint(x) as (e: StoredEvent) => boolean);
    fc.assert(
      fc.property(raw, (msgs) => {
        const at = rawBatchEvents(pack(msgs));
        const d = decodeRawBatch(pack(msgs), { task: null, agent: null });
        const list = new ReplayEvents();
        list.pushDecoded(d.cols, d.payloads);
        for (let i = 0; i < msgs.length; i++) {
          const e = at(i);
          const st = list.stored(i) as StoredEvent;
          expect(eventHeaders(st)).toEqual(eventHeaders(e));
          expect([...st.data]).toEqual([...e.data]);
          for (const m of matchers) expect(m(st)).toBe(m(e));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a 1 MiB payload survives as bytes and past the budget is dropped like any other', () => {
    const big = new Uint8Array(1 << 20).fill(0x61);
    const msgs: Raw[] = [
      { seq: 1, subject: 'agent.message.x.answer', timeMs: 1.7e12, data: big, hdr: [] },
      { seq: 2, subject: 'other', timeMs: 1.7e12 + 1, data: new Uint8Array([1, 2]), hdr: [] },
    ];
    const list = new ReplayEvents(undefined, 1 << 19);
    const d = decodeRawBatch(pack(msgs), { task: null, agent: null });
    list.pushDecoded(d.cols, d.payloads);
    expect(list.peek(0)).toBeNull();
    expect(list.evicted).toBe(true);
    expect([...(list.peek(1) as ReplayEvent).data]).toEqual([1, 2]);
    const small = new ReplayEvents();
    small.pushDecoded(d.cols, d.payloads);
    const e = small.full(0) as ReplayEvent;
    expect(e.data.length).toBe(1 << 20);
    expect(e.data.every((x) => x === 0x61)).toBe(true);
  });
});
