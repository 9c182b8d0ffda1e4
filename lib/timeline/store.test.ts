import { describe, expect, it, vi } from 'vitest';
import type { StreamMessage } from '@/lib/stream/reader';
import { hydrateMessage, shareStrings, toTimelineEvent } from './event';
import { TimelineStore } from './store';

const enc = new TextEncoder();
const msg = (
  seq: number,
  subject: string,
  body: object = {},
  timeMs = seq * 100,
): StreamMessage => {
  const data = enc.encode(JSON.stringify(body));
  return { seq, subject, timeMs, time: '', headers: [], data, size: data.length };
};
const status = (seq: number, agent: string, s: string) =>
  msg(seq, `agent.status.${agent}.${s}`, {
    agent_id: agent,
    agent_role: 'qa_tester',
    agent_name: 'Quinn',
    status: s,
    created_at: 'x',
  });

function manual(now = { t: 10_000 }) {
  const queue: (() => void)[] = [];
  const store = new TimelineStore({
    capacity: 100,
    schedule: (cb) => queue.push(cb),
    now: () => now.t,
    minNotifyMs: 0,
  });
  return { store, run: () => queue.splice(0).forEach((f) => f()), now };
}

describe('TimelineStore', () => {
  it('applies queued batches once per frame, in the order they came', () => {
    const { store, run } = manual();
    let notified = 0;
    store.subscribe(() => notified++);
    store.push([status(1, 'a', 'online')]);
    store.push([
      msg(2, 'agent.message.qa_tester.question'),
      msg(3, 'agent.message.qa_tester.answer'),
    ]);
    store.push([status(4, 'a', 'busy')]);
    expect(store.model.total).toBe(0);
    expect(store.completeSeq).toBe(0);
    run();
    expect(notified).toBe(1);
    expect(store.model.ring.toArray().map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(store.completeSeq).toBe(4);
    expect(store.getSnapshot()).toMatchObject({
      total: 4,
      lastSeq: 4,
      anomalies: 0,
      agentsOnline: 1,
    });
    // The read counts what it dropped; the store shows its count.
    store.setAnomalies(2);
    expect(store.getSnapshot().anomalies).toBe(2);
  });

  it('spreads a burst over frames within its budget; the hook waits for the rest', () => {
    const frames: (() => void)[] = [];
    const store = new TimelineStore({
      capacity: 10_000,
      schedule: (cb) => frames.push(cb),
      minNotifyMs: 0,
      frameBudgetMs: 0,
    });
    store.push(Array.from({ length: 600 }, (_, i) => status(i + 1, 'a', i % 2 ? 'busy' : 'idle')));
    frames.splice(0).forEach((f) => f());
    // A zero budget still decodes one slice per frame, and schedules the next.
    expect(store.model.lastSeq).toBe(256);
    expect(store.completeSeq).toBe(256);
    expect(frames).toHaveLength(1);
    while (frames.length) frames.splice(0).forEach((f) => f());
    expect(store.model.lastSeq).toBe(600);
    expect(store.completeSeq).toBe(600);
  });

  it('pauses on an event already shown: what came after it waits (pause-on)', () => {
    const { store, run } = manual();
    store.push([
      status(1, 'a', 'online'),
      status(2, 'a', 'busy'),
      status(3, 'a', 'error'),
      status(4, 'a', 'idle'),
    ]);
    run();
    store.pauseAt(2);
    store.push([status(5, 'a', 'busy')]);
    run();
    expect(store.getSnapshot()).toMatchObject({ paused: true, waiting: 3, viewSeq: 2 });
    expect(store.recent(10).map((e) => e.seq)).toEqual([2, 1]);
    store.setPaused(true); // the URL's pause that follows changes nothing
    expect(store.getSnapshot()).toMatchObject({ waiting: 3, viewSeq: 2 });
    store.setPaused(false);
    expect(store.recent(10).map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
  });

  it('pausing freezes the snapshot and counts waiting events; resuming catches up', () => {
    const { store, run } = manual();
    store.push([status(1, 'a', 'online')]);
    run();
    store.setPaused(true);
    store.push([status(2, 'a', 'busy'), status(3, 'a', 'idle')]);
    run();
    const s = store.getSnapshot();
    expect(s).toMatchObject({ paused: true, waiting: 2, total: 1, viewSeq: 1 });
    expect(store.recent(10).map((e) => e.seq)).toEqual([1]);
    store.setPaused(false);
    expect(store.getSnapshot()).toMatchObject({ paused: false, waiting: 0, total: 3, viewSeq: 3 });
    expect(store.recent(10).map((e) => e.seq)).toEqual([3, 2, 1]);
  });

  it('tells React in a task of its own when given a notify schedule', () => {
    const frames: (() => void)[] = [];
    const later: (() => void)[] = [];
    const store = new TimelineStore({
      capacity: 100,
      schedule: (cb) => frames.push(cb),
      notifySchedule: (cb) => later.push(cb),
      minNotifyMs: 0,
    });
    let notified = 0;
    store.subscribe(() => notified++);
    store.push([status(1, 'a', 'online')]);
    frames.splice(0).forEach((f) => f());
    // The frame applied the batch but React has not heard yet...
    expect(store.model.total).toBe(1);
    expect(notified).toBe(0);
    store.push([status(2, 'a', 'busy')]);
    frames.splice(0).forEach((f) => f());
    // ...and two frames before the notify task runs make one notification, with both.
    expect(later).toHaveLength(1);
    later.splice(0).forEach((f) => f());
    expect(notified).toBe(1);
    expect(store.getSnapshot()).toMatchObject({ total: 2, lastSeq: 2 });
  });

  it('takes events the reader worker decoded, like raw messages', () => {
    const { store, run } = manual();
    // What arrives from the worker: a structured clone of decoded events.
    const events = structuredClone(
      [status(1, 'a', 'online'), status(2, 'a', 'busy')].map(toTimelineEvent),
    );
    store.push(events);
    store.push([status(3, 'a', 'idle')]);
    run();
    expect(store.model.ring.toArray().map((e) => [e.seq, e.what])).toEqual([
      [1, 'online'],
      [2, 'busy'],
      [3, 'idle'],
    ]);
    expect(store.getSnapshot()).toMatchObject({ total: 3, anomalies: 0, agentsOnline: 1 });
    const copy = structuredClone(toTimelineEvent(status(4, 'a', 'idle')));
    expect(shareStrings(copy)).toMatchObject({ agentId: 'a', what: 'idle', agentName: 'Quinn' });
  });

  it('keeps the lanes array until an agent or its status changes', () => {
    const { store, run } = manual();
    store.push([status(1, 'a', 'online')]);
    run();
    const lanes = store.model.lanes();
    expect(store.model.lanes()).toBe(lanes);
    store.push([status(2, 'a', 'online')]);
    run();
    expect(store.model.lanes()).toBe(lanes);
    store.push([status(3, 'a', 'busy')]);
    run();
    const next = store.model.lanes();
    expect(next).not.toBe(lanes);
    expect(next.map((a) => [a.id, a.status])).toEqual([['a', 'busy']]);
    store.push([status(4, 'b', 'idle')]);
    run();
    expect(store.model.lanes().map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('applies data every ingest interval when set; a burst still continues frame by frame', () => {
    vi.useFakeTimers();
    try {
      const frames: (() => void)[] = [];
      const store = new TimelineStore({
        capacity: 10_000,
        schedule: (cb) => frames.push(cb),
        minNotifyMs: 0,
        frameBudgetMs: 0,
      });
      store.setIngestInterval(100);
      store.push([status(1, 'a', 'online'), status(2, 'a', 'busy')]);
      expect(frames).toHaveLength(0);
      vi.advanceTimersByTime(99);
      expect(store.model.total).toBe(0);
      vi.advanceTimersByTime(1);
      expect(store.model.lastSeq).toBe(2);
      // More than one slice: the rest goes on at the next frame, not the next interval.
      store.push(
        Array.from({ length: 600 }, (_, i) => status(i + 3, 'a', i % 2 ? 'busy' : 'idle')),
      );
      vi.advanceTimersByTime(100);
      expect(store.model.lastSeq).toBe(258);
      expect(frames).toHaveLength(1);
      while (frames.length) frames.splice(0).forEach((f) => f());
      expect(store.model.lastSeq).toBe(602);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the header object until pause, catching up, error or the roster change', () => {
    const { store, run } = manual();
    const h0 = store.getHeader();
    store.push([status(1, 'a', 'online')]);
    run();
    const h1 = store.getHeader();
    expect(h1).not.toBe(h0); // a new agent
    // Counts and statuses change the snapshot only.
    const s1 = store.getSnapshot();
    store.push([status(2, 'a', 'busy'), msg(3, 'agent.message.qa_tester.question')]);
    run();
    expect(store.getSnapshot()).not.toBe(s1);
    expect(store.getHeader()).toBe(h1);
    store.setPaused(true);
    expect(store.getHeader()).toMatchObject({ paused: true });
    const h2 = store.getHeader();
    store.setError('boom');
    expect(store.getHeader()).not.toBe(h2);
    expect(store.getHeader().error).toBe('boom');
  });

  it('marks a gap between a disconnect and the reconnect', () => {
    const { store, now } = manual();
    store.noteConnection('connected', 0);
    now.t = 20_000;
    store.noteConnection('reconnecting', 0);
    now.t = 25_000;
    store.noteConnection('connected', 1);
    expect(store.gaps).toEqual([{ fromMs: 20_000, toMs: 25_000, reconnect: 0 }]);
  });
});

describe('toTimelineEvent', () => {
  it('reads status, task and message payloads, and tolerates junk', () => {
    expect(toTimelineEvent(status(1, 'a1', 'busy'))).toMatchObject({
      kind: 'status',
      agentId: 'a1',
      what: 'busy',
      agentName: 'Quinn',
    });
    expect(
      toTimelineEvent(
        msg(2, 'agent.task.t1.failed', {
          task_id: 't1',
          event: 'failed',
          title: 'X',
          assignee_id: 'a1',
          assignee_role: 'qa_tester',
          retries: 2,
        }),
      ),
    ).toMatchObject({
      kind: 'task',
      taskId: 't1',
      what: 'failed',
      agentId: 'a1',
      retries: 2,
      detail: 'X',
    });
    // Message payloads are not decoded on the way in, only when described.
    const m3 = toTimelineEvent(
      msg(3, 'agent.message.tech_lead.question', {
        sender_id: 's',
        content: 'hi',
        message_type: 'question',
        metadata: { sender_role: 'tech_lead', sender_name: 'Tia' },
      }),
    );
    expect(m3).toMatchObject({ kind: 'message', agentId: null, what: null });
    expect(hydrateMessage(m3)).toMatchObject({
      kind: 'message',
      agentId: 's',
      agentRole: 'tech_lead',
      agentName: 'Tia',
      what: 'question',
      raw: null,
    });
    // Without its bytes (no longer among the newest), a message is described from its subject.
    const m4 = toTimelineEvent(msg(4, 'agent.message.qa_tester.answer', { sender_id: 'q' }));
    m4.raw = null;
    expect(hydrateMessage(m4)).toMatchObject({
      agentId: null,
      agentRole: 'qa_tester',
      what: 'answer',
    });
    const junk = {
      seq: 4,
      timeMs: 0,
      subject: 'agent.status.zz.online',
      data: enc.encode('not json'),
    };
    // Not a JSON object: off-contract (lib/agents/contract.ts), as in browse and replay.
    expect(toTimelineEvent(junk)).toMatchObject({ kind: 'generic' });
    // A JSON object without the fields: they come from the subject.
    expect(toTimelineEvent({ ...junk, data: enc.encode('{}') })).toMatchObject({
      kind: 'status',
      agentId: 'zz',
      what: 'online',
    });
    expect(
      toTimelineEvent({ seq: 5, timeMs: 0, subject: 'other.thing', data: new Uint8Array([0, 1]) })
        .kind,
    ).toBe('generic');
  });
});
