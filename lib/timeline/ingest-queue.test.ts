import { describe, expect, it } from 'vitest';
import { toTimelineEvent } from './event';
import { IngestQueue } from './ingest-queue';

const enc = new TextEncoder();
const raw = (seq: number) => ({
  seq,
  timeMs: seq,
  subject: `agent.status.a${seq % 3}.online`,
  data: enc.encode(JSON.stringify({ agent_id: `a${seq % 3}`, status: 'online' })),
});
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('IngestQueue', () => {
  it('releases everything in arrival order, decoding raw messages and taking decoded events', () => {
    const q = new IngestQueue();
    q.push(range(1, 3).map(raw));
    q.push([]);
    q.push(structuredClone(range(4, 2).map((s) => toTimelineEvent(raw(s)))));
    expect(q.backlog).toBe(5);
    expect(q.lowestWaiting()).toBe(1);
    const out = q.drain(Infinity, () => 0);
    expect(out.map((e) => [e.seq, e.kind, e.agentId])).toEqual(
      range(1, 5).map((s) => [s, 'status', `a${s % 3}`]),
    );
    expect(q.backlog).toBe(0);
    expect(q.lowestWaiting()).toBe(Infinity);
  });

  it('stops at the deadline mid-batch and continues where it stopped', () => {
    const q = new IngestQueue();
    q.push(range(1, 600).map(raw));
    q.push(range(601, 10).map(raw));
    let t = 0;
    // The clock passes the deadline after the first slice.
    const first = q.drain(1, () => ++t);
    expect(first.map((e) => e.seq)).toEqual(range(1, 256));
    expect(q.backlog).toBe(610 - 256);
    expect(q.lowestWaiting()).toBe(257);
    const rest = q.drain(Infinity, () => 0);
    expect(rest.map((e) => e.seq)).toEqual(range(257, 354));
    expect(q.backlog).toBe(0);
  });
});
