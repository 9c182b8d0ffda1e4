import { describe, expect, it } from 'vitest';
import { ev } from '@/lib/timeline/fixtures.test-util';
import { TimelineModel } from '@/lib/timeline/model';
import { describeEvent, hitTest } from './hit-test';
import { LAYOUT, laneTop } from '@/lib/timeline/layout';

// 1,000 px wide canvas: 190 px of labels, an 810 px plot showing 0..81 s (100 ms per pixel).
const WIDTH = LAYOUT.labelW + 810;
const view = { endMs: 81_000, spanMs: 81_000 };
const xAt = (t: number) => LAYOUT.labelW + t / 100;
const laneY = (i: number) => laneTop(i) + LAYOUT.laneH / 2;
const densityY = LAYOUT.axisH + LAYOUT.densityH / 2;

function fixture() {
  const m = new TimelineModel(1000);
  m.ingest([
    ev({
      seq: 1,
      kind: 'status',
      timeMs: 1000,
      agentId: 'a',
      agentName: 'Ann',
      agentRole: 'tech_lead',
      what: 'online',
    }),
    ev({
      seq: 2,
      kind: 'status',
      timeMs: 1000,
      agentId: 'b',
      agentName: 'Bo',
      agentRole: 'qa_tester',
      what: 'idle',
    }),
    ev({
      seq: 3,
      kind: 'task',
      timeMs: 10_000,
      agentId: 'a',
      taskId: 'T1',
      what: 'assigned',
      detail: 'Build login',
    }),
    ev({
      seq: 4,
      kind: 'task',
      timeMs: 12_000,
      agentId: 'a',
      taskId: 'T1',
      what: 'started',
      detail: 'Build login',
    }),
    ev({
      seq: 5,
      kind: 'message',
      timeMs: 20_000,
      agentId: 'b',
      agentName: 'Bo',
      what: 'question',
      detail: 'Ann',
    }),
    ev({
      seq: 6,
      kind: 'status',
      timeMs: 30_000,
      agentId: 'a',
      agentName: 'Ann',
      what: 'busy',
      detail: 'on T1',
    }),
    ev({
      seq: 7,
      kind: 'task',
      timeMs: 40_000,
      agentId: 'a',
      taskId: 'T1',
      what: 'completed',
      detail: 'Build login',
    }),
    ev({
      seq: 8,
      kind: 'task',
      timeMs: 50_000,
      agentId: 'b',
      taskId: 'T2',
      what: 'assigned',
      detail: 'Fix flaky test',
    }),
  ]);
  return m;
}

const all = { kinds: new Set(['message', 'status', 'task']), task: null };

function at(x: number, y: number, o: Partial<Parameters<typeof hitTest>[0]> = {}) {
  const model = o.model ?? fixture();
  return hitTest(
    {
      model,
      view,
      lanes: model.lanes(),
      filters: all,
      viewSeq: 100,
      nowMs: 81_000,
      width: WIDTH,
      ...o,
    },
    x,
    y,
  );
}

describe('hitTest', () => {
  it('misses the label column, the axis and below the last lane', () => {
    expect(at(LAYOUT.labelW - 5, laneY(0))).toBeNull();
    expect(at(xAt(20_000), 5)).toBeNull();
    expect(at(xAt(20_000), laneTop(5))).toBeNull();
  });

  it('gives the time in the chosen zone, with the zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const utc = at(xAt(20_000), densityY, { filters: { ...all, tz: 'utc' } });
      expect(utc!.lines[2]).toBe('1970-01-01 00:00:20.000 UTC');
      const local = at(xAt(20_000), densityY, { filters: { ...all, tz: 'local' } });
      expect(local!.lines[2]).toBe('1969-12-31 19:00:20.000 local (UTC−5)');
      const seg = at(xAt(35_000), laneY(1), { filters: { ...all, tz: 'utc' } });
      expect(seg!.lines[0]).toMatch(/^1970-01-01 00:00:01\.000 UTC for /);
    } finally {
      process.env.TZ = saved;
    }
  });

  it('finds the nearest message on the density lane within a few pixels', () => {
    expect(at(xAt(20_000) + 3, densityY)).toMatchObject({ seq: 5, title: '#5 · message' });
    expect(at(xAt(20_000) + 3, densityY)!.lines[0]).toBe('question from Bo to Ann');
    expect(at(xAt(20_000) + 8, densityY)).toBeNull();
  });

  it('finds task ticks and status changes on their own lane only', () => {
    // Lanes are ordered by role: tech_lead (a) before qa_tester (b).
    expect(at(xAt(12_000) - 2, laneY(0))).toMatchObject({ seq: 4, title: '#4 · task' });
    expect(at(xAt(30_000) + 1, laneY(0))).toMatchObject({ seq: 6, title: '#6 · status' });
    expect(at(xAt(50_000), laneY(1))).toMatchObject({ seq: 8 });
    // Lane b at the time of a's tick: b's idle segment, not a's task.
    expect(at(xAt(12_000), laneY(1))).toMatchObject({ seq: 2, title: 'Bo: idle' });
  });

  it('falls back to the task bar, then the status segment covering the time', () => {
    expect(at(xAt(25_000), laneY(0))).toMatchObject({ seq: 3, title: 'Build login' });
    expect(at(xAt(25_000), laneY(0))!.lines[1]).toMatch(/^completed · /);
    expect(at(xAt(45_000), laneY(0))).toMatchObject({ seq: 6, title: 'Ann: busy' });
    expect(at(xAt(5_000), laneY(0))).toMatchObject({ seq: 1, title: 'Ann: online' });
  });

  it('honours the kind and task filters', () => {
    const statusOnly = { kinds: new Set(['status']), task: null };
    expect(at(xAt(20_000), densityY, { filters: statusOnly })).toBeNull();
    expect(at(xAt(12_000), laneY(0), { filters: statusOnly })).toMatchObject({
      title: 'Ann: online',
    });
    const otherTask = { kinds: new Set(['task']), task: 'T2' };
    expect(at(xAt(12_000), laneY(0), { filters: otherTask })).toBeNull();
  });

  it('ignores what the (paused) view does not show yet', () => {
    expect(at(xAt(30_000), laneY(0), { viewSeq: 5 })).toMatchObject({ seq: 3 });
    // Bar T1 is still running at seq 6: it reaches the frozen now.
    expect(at(xAt(60_000), laneY(0), { viewSeq: 6 })).toMatchObject({ seq: 3 });
    expect(at(xAt(60_000), laneY(0), { viewSeq: 6 })!.lines[1]).toMatch(/^running/);
  });
});

describe('describeEvent', () => {
  it('puts each kind in words, using the agent directory for names', () => {
    const names = (id: string) => (id === 'a' ? 'Ann' : null);
    expect(
      describeEvent(ev({ kind: 'status', agentId: 'a', what: 'error', detail: 'crash' }), names),
    ).toBe('Ann is error — crash');
    expect(
      describeEvent(
        ev({ kind: 'task', agentId: 'a', taskId: 'T', what: 'failed', retries: 2, detail: 'Ship' }),
        names,
      ),
    ).toBe('task failed (retry 2): Ship → Ann');
    expect(describeEvent(ev({ kind: 'message', agentId: 'zz', what: 'answer' }))).toBe(
      'answer from zz',
    );
    expect(describeEvent(ev({ kind: 'generic', subject: 'other.x' }))).toBe('other.x');
  });
});

describe('hidden characters in tooltips and the event log', () => {
  it('shows bidi controls and zero-width characters of names and subjects as marks', () => {
    const m = new TimelineModel(1000);
    m.ingest([
      ev({
        seq: 1,
        kind: 'status',
        timeMs: 1000,
        agentId: 'a\u200B',
        agentName: 'Ann\u202E',
        agentRole: 'tech_lead',
        what: 'online',
      }),
      ev({
        seq: 2,
        kind: 'message',
        timeMs: 20_000,
        agentId: 'a\u200B',
        agentName: 'Ann\u202E',
        what: 'question',
        detail: 'B\u2066o',
        subject: 'agent.message.\u202Eevil.question',
      }),
    ]);
    const hit = at(xAt(20_000), densityY, { model: m })!;
    expect(hit.lines[0]).toBe('question from Ann⟨U+202E⟩ to B⟨U+2066⟩o');
    expect(hit.lines[1]).toBe('agent.message.⟨U+202E⟩evil.question');
    expect(at(xAt(5_000), laneY(0), { model: m })!.title).toBe('Ann⟨U+202E⟩: online');
    const e = ev({
      seq: 3,
      kind: 'status',
      timeMs: 1,
      agentId: 'x\u200B',
      what: 'busy\u202E',
      detail: 'r\u2066',
    });
    expect(describeEvent(e)).toBe('x⟨U+200B⟩ is busy⟨U+202E⟩ — r⟨U+2066⟩');
  });
});

describe('an aggregated column under the pointer', () => {
  // Ann's lane: 30 task events within one 100 ms pixel column at 40 s, one of them failed, and
  // a message in the same column on the density lane.
  function dense() {
    const m = new TimelineModel(1000);
    const events = [
      ev({ seq: 1, kind: 'status', timeMs: 0, agentId: 'a', agentName: 'Ann', what: 'online' }),
    ];
    for (let k = 0; k < 30; k++)
      events.push(
        ev({
          seq: 2 + k,
          kind: 'task',
          timeMs: 40_000 + k,
          agentId: 'a',
          taskId: `T${k}`,
          what: k === 5 ? 'failed' : 'completed',
        }),
      );
    events.push(ev({ seq: 40, kind: 'message', timeMs: 40_010, agentId: 'a', what: 'question' }));
    m.ingest(events);
    return m;
  }

  it('gives the count by event and a zoom target instead of one event of many', () => {
    const m = dense();
    const h = at(xAt(40_000), laneY(0), { model: m, aggregated: true })!;
    expect(h.title).toBe('30 task events (aggregated)');
    expect(h.lines[0]).toBe('on Ann: 29 completed, 1 failed');
    expect(h.lines.at(-1)).toBe('Click to zoom in');
    expect(h.zoomAt).toBeCloseTo(40_000, -2);
    expect(h.seq).toBe(2);
  });

  it('describes one event where the frame drew marks, and lanes without events as before', () => {
    const m = dense();
    const h = at(xAt(40_000), laneY(0), { model: m })!;
    expect(h.zoomAt).toBeUndefined();
    expect(h.title).toMatch(/^#\d+ · task$/);
    // Away from the column: the status segment, as without aggregation.
    expect(at(xAt(60_000), laneY(0), { model: m, aggregated: true })!.title).toBe('Ann: online');
    // The density lane still finds the message.
    expect(at(xAt(40_000), densityY, { model: m, aggregated: true })!.seq).toBe(40);
  });
});
