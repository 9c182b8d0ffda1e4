import { describe, expect, it, vi } from 'vitest';
import type { ConnectSpec } from '@/lib/nats/connection';
import { preferServer } from '@/lib/nats/connection';
import { PostingSink, type FromTimelineWorker, type ToPainterFromReader } from './worker-protocol';

const enc = new TextEncoder();
const raw = (seq: number, subject: string, body: object) => ({
  seq,
  timeMs: seq * 10,
  subject,
  data: enc.encode(JSON.stringify(body)),
});

describe('PostingSink', () => {
  it('posts each decoded batch to the painter (without message payloads), then to the page', () => {
    const order: string[] = [];
    const toPainter: ToPainterFromReader[] = [];
    const sink = new PostingSink(
      (m) => order.push(`page ${m.type}`),
      (m) => {
        order.push('painter');
        toPainter.push(m);
      },
    );
    sink.push([
      raw(3, 'agent.status.a1.idle', { agent_id: 'a1', status: 'idle' }),
      raw(4, 'agent.message.qa_tester.question', { sender_id: 's' }),
    ]);
    expect(order).toEqual(['painter', 'page events']);
    expect(toPainter[0]!.events.map((e) => [e.seq, e.kind, e.agentId, e.raw])).toEqual([
      [3, 'status', 'a1', null],
      [4, 'message', null, null],
    ]);
  });

  it('posts each batch decoded, and the counters the page shows', () => {
    const posted: FromTimelineWorker[] = [];
    const sink = new PostingSink((m) => posted.push(m));
    sink.push([]);
    expect(posted).toEqual([]);
    sink.push([
      raw(7, 'agent.status.a1.busy', { agent_id: 'a1', status: 'busy' }),
      raw(9, 'agent.message.qa_tester.question', { sender_id: 's' }),
    ]);
    expect(posted).toHaveLength(1);
    const m = posted[0]!;
    if (m.type !== 'events') throw new Error('expected events');
    expect(m.events.map((e) => [e.seq, e.kind, e.agentId, e.what])).toEqual([
      [7, 'status', 'a1', 'busy'],
      [9, 'message', null, null],
    ]);
    // A message keeps a copy of its bytes (for the log's description), not the socket's view.
    expect(m.events[1]!.raw).toBeInstanceOf(Uint8Array);
    sink.setAnomalies(2);
    sink.setBackfillTarget(12);
    sink.setError('boom');
    expect(posted.slice(1)).toEqual([
      { type: 'anomalies', count: 2 },
      { type: 'backfill', seq: 12 },
      { type: 'error', message: 'boom' },
    ]);
  });
});

describe('PostingSink with a painter', () => {
  it("gathers the page's batches for `ms`, or until `max` events, and posts the painter's at once", () => {
    vi.useFakeTimers();
    try {
      const page: FromTimelineWorker[] = [];
      const painter: ToPainterFromReader[] = [];
      const sink = new PostingSink(
        (m) => page.push(m),
        (m) => painter.push(m),
        { ms: 100, max: 4 },
      );
      const st = (seq: number) =>
        raw(seq, `agent.status.a1.busy`, { agent_id: 'a1', status: 'busy' });
      sink.push([st(1)]);
      sink.push([st(2), st(3)]);
      expect(painter).toHaveLength(2);
      expect(page).toHaveLength(0);
      vi.advanceTimersByTime(100);
      expect(page.map((m) => (m.type === 'events' ? m.events.map((e) => e.seq) : m.type))).toEqual([
        [1, 2, 3],
      ]);
      // A full batch goes at once (a backfill burst), in order, and cancels its timer.
      sink.push([st(4), st(5), st(6), st(7)]);
      expect(page).toHaveLength(2);
      vi.advanceTimersByTime(200);
      expect(page).toHaveLength(2);
      sink.setAnomalies(1);
      expect(page[2]).toEqual({ type: 'anomalies', count: 1 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('preferServer', () => {
  const spec: ConnectSpec = {
    servers: ['ws://a:1', 'ws://b:2', 'ws://c:3'],
    auth: { kind: 'none' },
    name: 'x',
  };
  it("puts the tab's server first", () => {
    expect(preferServer(spec, 'b:2')).toEqual({
      spec: { ...spec, servers: ['ws://b:2', 'ws://a:1', 'ws://c:3'] },
      preferFirst: true,
    });
  });
  it('leaves the list alone when the server is unknown', () => {
    expect(preferServer(spec, null)).toEqual({ spec, preferFirst: false });
    expect(preferServer(spec, 'z:9')).toEqual({ spec, preferFirst: false });
  });
});
