import { describe, expect, it } from 'vitest';
import { STATUS_COLORS, TASK_COLORS } from '@/lib/agents/colors';
import { ev } from './fixtures.test-util';
import type { TimelineEvent } from './event';
import { AGG_H, LAYOUT, laneTop } from './layout';
import { TimelineModel } from './model';
import { BAR_H, type PrepareInput } from './frame';
import { prepareFrame } from './prepare';
import { AGGREGATE_ABOVE, aggregatedNotice } from './prepare-ring';

// 1,000 px wide canvas: 190 px of labels, an 810 px plot showing 0..81 s (100 ms per pixel).
const X0 = LAYOUT.labelW;
const WIDTH = X0 + 810;
const xAt = (t: number) => X0 + t / 100;
const theme = {
  fg: '#000',
  muted: '#777',
  border: '#ccc',
  panel: '#fff',
  panel2: '#eee',
  accent: '#06f',
  bad: '#f00',
};
const ALL = ['message', 'status', 'task'];

function model(events: TimelineEvent[]) {
  const m = new TimelineModel(1000);
  m.ingest(events);
  return m;
}

const ann = { agentId: 'a', agentName: 'Ann', agentRole: 'tech_lead' } as const;
const bo = { agentId: 'b', agentName: 'Bo', agentRole: 'qa_tester' } as const;

function frame(
  m: TimelineModel,
  o: Partial<PrepareInput> & { kinds?: string[]; task?: string | null } = {},
) {
  const { kinds = ALL, task = null, ...rest } = o;
  return prepareFrame({
    width: WIDTH,
    height: 300,
    model: m,
    view: { endMs: 81_000, spanMs: 81_000 },
    nowMs: 81_000,
    viewSeq: m.lastSeq,
    lanes: m.lanes(),
    filters: { kinds: new Set(kinds), task },
    gaps: [],
    theme,
    measure: (s) => s.length * 6,
    ...rest,
  });
}

/** Bar rectangles as records (the frame keeps them as lane columns). */
function solids(f: ReturnType<typeof frame>) {
  const b = f.bars!;
  const out: { x: number; y: number; w: number; color: string }[] = [];
  b.y.forEach((y, li) =>
    b.solid.runs(li, (xa, xb, code) =>
      out.push({ x: xa, y, w: xb - xa, color: b.palette[code - 1]! }),
    ),
  );
  return out;
}
function lights(f: ReturnType<typeof frame>) {
  const b = f.bars!;
  const out: { x: number; y: number; w: number }[] = [];
  b.y.forEach((y, li) => b.light.runs(li, (xa, xb) => out.push({ x: xa, y, w: xb - xa })));
  return out;
}

describe('prepareFrame', () => {
  it('prepares an empty model: no lanes, no marks, an empty histogram, the axis and "now"', () => {
    const f = frame(model([]));
    expect(f.lanes).toEqual([]);
    expect(f.status).toEqual([]);
    expect(f.bars).toMatchObject({ palette: [], y: [], badges: [] });
    expect(solids(f)).toEqual([]);
    expect(f.marks.colors).toEqual([]);
    expect(f.density.max).toBe(0);
    expect(f.density.counts).toHaveLength(811);
    expect(f.density.heights.every((h) => h === 0)).toBe(true);
    expect(f.visited).toBe(0);
    expect(f.ticks.length).toBeGreaterThan(0);
    // "Now" at the right edge: the 2 px line stays inside the canvas.
    expect(f.nowX).toBe(WIDTH - 2);
  });

  it('lays out lanes by role with alternate stripes, truncated names and hidden characters shown', () => {
    const f = frame(
      model([
        ev({ seq: 1, kind: 'status', timeMs: 1000, ...bo, what: 'idle' }),
        ev({
          seq: 2,
          kind: 'message',
          timeMs: 2000,
          agentId: 'c\u200B',
          agentName: 'A very long agent name indeed',
          agentRole: 'developer',
        }),
        ev({ seq: 3, kind: 'status', timeMs: 3000, ...ann, what: 'busy\u202E' }),
      ]),
    );
    expect(f.lanes.map((l) => [l.y, l.striped])).toEqual([
      [laneTop(0), false],
      [laneTop(1), true],
      [laneTop(2), false],
    ]);
    expect(f.lanes[0]).toMatchObject({ name: 'Ann', sub: 'Tech lead · busy⟨U+202E⟩' });
    // Lanes follow the squad's role order (qa_tester before developer).
    expect(f.lanes[1]).toMatchObject({ name: 'Bo', sub: 'QA tester · idle' });
    expect(f.lanes[2]!.name).toBe('A very long agent…');
    expect(f.lanes[2]!.sub).not.toContain('·');
  });

  it('places axis ticks on whole steps and leaves out labels that would run past an edge', () => {
    // 810 px → 7 ticks wanted → a 15 s step; labels 48 px wide (8 characters).
    const f = frame(model([]));
    expect(f.ticks.map((t) => t.x)).toEqual(
      [0, 15, 30, 45, 60, 75].map((s) => xAt(s * 1000) + 0.5),
    );
    expect(f.ticks[0]!.label).toBeNull();
    expect(f.ticks[1]!.label).toMatch(/^\d\d:\d\d:15$/);
    expect(f.ticks[5]!.label).not.toBeNull();
    // Wider labels: the last one (at 940.5 px) would now cross the right edge.
    const wide = frame(model([]), { measure: () => 130 });
    expect(wide.ticks[5]!.label).toBeNull();
    expect(wide.ticks[4]!.label).not.toBeNull();
  });

  it('bins messages and generic events per pixel column, on a log scale, edges included', () => {
    const f = frame(
      model([
        ev({ seq: 1, kind: 'message', timeMs: 20_000 }),
        ev({ seq: 2, kind: 'message', timeMs: 20_099 }),
        ev({ seq: 3, kind: 'generic', timeMs: 20_050 }),
        ev({ seq: 4, kind: 'status', timeMs: 20_000, ...ann, what: 'online' }),
        ev({ seq: 5, kind: 'task', timeMs: 20_000, ...ann, taskId: 'T', what: 'assigned' }),
        ev({ seq: 6, kind: 'message', timeMs: 30_000 }),
        ev({ seq: 7, kind: 'message', timeMs: 0 }),
        ev({ seq: 8, kind: 'message', timeMs: 81_000 }),
      ]),
    );
    // Message and generic share the lane (KIND_CODE ≤ generic); status and task do not count.
    expect(f.density.counts[200]).toBe(3);
    expect(f.density.counts[300]).toBe(1);
    expect(f.density.counts[0]).toBe(1);
    expect(f.density.counts[810]).toBe(1);
    expect(f.density.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(f.density.max).toBe(3);
    expect(f.density.heights[200]).toBe(f.density.h);
    expect(f.density.heights[300]).toBeCloseTo((Math.log1p(1) / Math.log1p(3)) * f.density.h);
    expect(f.density.heights[100]).toBe(0);
    expect(f.visited).toBe(8);
  });

  it('visits only the visible window and what the (paused) view shows', () => {
    const m = model([
      ev({ seq: 1, kind: 'message', timeMs: 10_000 }),
      ev({ seq: 2, kind: 'message', timeMs: 50_000 }),
      ev({ seq: 3, kind: 'message', timeMs: 90_000 }),
    ]);
    // Only 40..81 s in view (a 41 s span ending at 81 s).
    const zoomed = frame(m, { view: { endMs: 81_000, spanMs: 41_000 }, nowMs: 100_000 });
    expect(zoomed.visited).toBe(1);
    expect(zoomed.density.counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(zoomed.nowX).toBeNull();
    expect(frame(m, { viewSeq: 1 }).visited).toBe(1);
    // No messages in the filter: visited but not binned.
    expect(frame(m, { kinds: ['status'] }).density.max).toBe(0);
  });

  it('merges status segments per pixel column and clips them to the plot', () => {
    const changes = Array.from({ length: 20 }, (_, i) =>
      ev({
        seq: 10 + i,
        kind: 'status',
        timeMs: 40_000 + i * 5,
        ...ann,
        what: i % 2 ? 'busy' : 'idle',
      }),
    );
    const f = frame(
      model([ev({ seq: 1, kind: 'status', timeMs: 10_000, ...ann, what: 'online' }), ...changes]),
      { view: { endMs: 81_000, spanMs: 61_000 }, nowMs: 81_000 },
    );
    // 20 s .. 81 s over 810 px: 61/810 s per px; the online segment starts before the view.
    const lane = f.status![0]!;
    expect(lane.y).toBe(laneTop(0));
    expect(lane.xs[0]).toBe(X0);
    expect(lane.colors[0]).toBe(STATUS_COLORS.online);
    // Twenty changes within 0.1 s (about 1.3 px) give at most three runs after the first.
    expect(lane.colors.length).toBeLessThanOrEqual(4);
    expect(lane.xs[lane.xs.length - 1]).toBe(WIDTH);
    for (let i = 2; i < lane.xs.length; i += 2)
      expect(lane.xs[i]).toBeGreaterThanOrEqual(lane.xs[i - 1]!);
    expect(frame(model(changes), { kinds: ['message', 'task'] }).status).toBeNull();
  });

  it('draws an attempt as a light assigned part and a solid part coloured by outcome', () => {
    const events = [
      ev({ seq: 1, kind: 'task', timeMs: 10_000, ...ann, taskId: 'T1', what: 'assigned' }),
      ev({ seq: 2, kind: 'task', timeMs: 12_000, ...ann, taskId: 'T1', what: 'started' }),
      ev({ seq: 3, kind: 'task', timeMs: 40_000, ...ann, taskId: 'T1', what: 'completed' }),
    ];
    const f = frame(model(events));
    const y = laneTop(0) + 11;
    expect(lights(f)).toEqual([{ x: xAt(10_000), y, w: 20 }]);
    expect(solids(f)).toEqual([{ x: xAt(12_000), y, w: 280, color: TASK_COLORS.completed }]);
    // Paused before the completion: running, up to the frozen "now".
    const paused = frame(model(events), { viewSeq: 2, nowMs: 60_000 });
    expect(solids(paused)).toEqual([{ x: xAt(12_000), y, w: 480, color: TASK_COLORS.started }]);
    // The task filter and the kind filter.
    expect(solids(frame(model(events), { task: 'T2' }))).toEqual([]);
    expect(frame(model(events), { kinds: ['message'] }).bars).toBeNull();
  });

  it('aggregates bars too dense to tell apart into one rectangle per run of columns', () => {
    // 200 short attempts on one lane within 2 s: 20 px of columns.
    const events: TimelineEvent[] = [];
    for (let i = 0; i < 200; i++) {
      events.push(
        ev({
          seq: 1 + 2 * i,
          kind: 'task',
          timeMs: 30_000 + i * 10,
          ...ann,
          taskId: `T${i}`,
          what: 'started',
        }),
      );
      events.push(
        ev({
          seq: 2 + 2 * i,
          kind: 'task',
          timeMs: 30_000 + i * 10 + 5,
          ...ann,
          taskId: `T${i}`,
          what: 'completed',
        }),
      );
    }
    const f = frame(model(events));
    expect(solids(f)).toEqual([
      { x: xAt(30_000), y: laneTop(0) + 11, w: 22, color: TASK_COLORS.completed },
    ]);
    // 400 task events in ~21 columns: too dense for marks, drawn as density instead.
    expect(f.marks.colors).toEqual([]);
    expect(f.taskDensity!.colors.length).toBeLessThanOrEqual(21);
    expect(f.aggregated).toBe(400);
  });

  it('puts a retry badge on attempts wide enough to hold it, clipped to the plot', () => {
    const f = frame(
      model([
        ev({
          seq: 1,
          kind: 'task',
          timeMs: 1_000,
          ...ann,
          taskId: 'T1',
          what: 'started',
          retries: 2,
        }),
        ev({
          seq: 2,
          kind: 'task',
          timeMs: 5_000,
          ...ann,
          taskId: 'T1',
          what: 'failed',
          retries: 2,
        }),
        ev({
          seq: 3,
          kind: 'task',
          timeMs: 50_000,
          ...ann,
          taskId: 'T2',
          what: 'started',
          retries: 1,
        }),
        ev({
          seq: 4,
          kind: 'task',
          timeMs: 50_500,
          ...ann,
          taskId: 'T2',
          what: 'failed',
          retries: 1,
        }),
      ]),
      { view: { endMs: 83_000, spanMs: 81_000 } },
    );
    // T1 starts before the view: its badge sits at the plot's left edge. T2 is 5 px: no badge.
    expect(f.bars!.badges).toEqual([{ x: X0 + 2, y: laneTop(0) + 11 + BAR_H / 2, text: '↻2' }]);
  });

  it('marks task events on their assignee’s lane, newest per column, honouring the task filter', () => {
    const m = model([
      ev({ seq: 1, kind: 'status', timeMs: 0, ...bo, what: 'idle' }),
      ev({ seq: 2, kind: 'task', timeMs: 10_000, ...ann, taskId: 'T1', what: 'assigned' }),
      ev({ seq: 3, kind: 'task', timeMs: 10_020, ...ann, taskId: 'T1', what: 'started' }),
      ev({ seq: 4, kind: 'task', timeMs: 10_000, ...bo, taskId: 'T2', what: 'failed' }),
      ev({ seq: 5, kind: 'task', timeMs: 11_000, taskId: 'T3', what: 'assigned' }),
    ]);
    const f = frame(m);
    const y = (i: number) => laneTop(i) + LAYOUT.laneH - 7;
    expect(Array.from(f.marks.xy)).toEqual([xAt(10_000), y(0), xAt(10_000), y(1)]);
    expect(f.marks.colors).toEqual([TASK_COLORS.started, TASK_COLORS.failed]);
    expect(frame(m, { task: 'T2' }).marks.colors).toEqual([TASK_COLORS.failed]);
    expect(frame(m, { kinds: ['message', 'status'] }).marks.colors).toEqual([]);
  });

  it('places reconnect gaps at least 3 px wide, open ones up to "now", and skips those out of view', () => {
    const f = frame(model([]), {
      gaps: [
        { fromMs: 10_000, toMs: 10_100, reconnect: 1 },
        { fromMs: 70_000, toMs: null, reconnect: 3 },
        { fromMs: -50_000, toMs: -40_000, reconnect: 0 },
      ],
    });
    expect(f.gaps).toEqual([
      { xa: xAt(10_000), xb: xAt(10_000) + 3 },
      { xa: xAt(70_000), xb: xAt(81_000) },
    ]);
  });

  describe('aggregation of task events too dense to mark', () => {
    // `perCol` task events in each of `cols` pixel columns (100 ms each) of Ann's lane, from
    // 20 s; the last column's first event fails, the rest complete.
    function dense(perCol: number, cols = 10) {
      const events: TimelineEvent[] = [
        ev({ seq: 1, kind: 'status', timeMs: 0, ...bo, what: 'idle' }),
      ];
      let seq = 2;
      for (let c = 0; c < cols; c++)
        for (let k = 0; k < perCol; k++)
          events.push(
            ev({
              seq: seq++,
              kind: 'task',
              timeMs: 20_000 + c * 100 + k,
              ...ann,
              taskId: `T${c}-${k}`,
              what: c === cols - 1 && k === 0 ? 'failed' : 'completed',
            }),
          );
      return model(events);
    }

    it('draws single marks up to AGGREGATE_ABOVE events per occupied lane column', () => {
      const f = frame(dense(AGGREGATE_ABOVE));
      expect(f.aggregated).toBeNull();
      expect(f.taskDensity).toBeNull();
      expect(f.marks.colors).toHaveLength(10);
    });

    it('aggregates above it: a column per lane and pixel, the worst event’s colour, the events in view', () => {
      const m = dense(AGGREGATE_ABOVE + 1);
      const f = frame(m);
      expect(f.marks.colors).toEqual([]);
      // Every event in view is counted (the status event too), not only the task events.
      expect(f.aggregated).toBe(f.visited);
      expect(f.aggregated).toBe(1 + 10 * (AGGREGATE_ABOVE + 1));
      const t = f.taskDensity!;
      expect(Array.from(t.counts)).toEqual(Array(10).fill(AGGREGATE_ABOVE + 1));
      expect(t.max).toBe(AGGREGATE_ABOVE + 1);
      // Grouped by colour, the worst last: the column holding the failure is red although a
      // completion is newer in it.
      expect(t.colors.slice(0, 9)).toEqual(Array(9).fill(TASK_COLORS.completed));
      expect(t.colors[9]).toBe(TASK_COLORS.failed);
      expect(t.x[9]).toBe(xAt(20_900));
      // At the bottom of Ann's lane, AGG_H high at the busiest column.
      expect(t.y[0]! + t.h[0]!).toBe(laneTop(0) + LAYOUT.laneH - 1);
      expect(t.h[0]).toBeCloseTo(AGG_H);
    });

    it('returns to single marks when zoomed in until they fit', () => {
      const m = dense(8);
      expect(frame(m).aggregated).not.toBeNull();
      // 8 events 1 ms apart per column: at 1 ms a pixel they stand apart.
      const f = frame(m, { view: { endMs: 20_800, spanMs: 810 } });
      expect(f.aggregated).toBeNull();
      expect(f.marks.colors.length).toBeGreaterThan(0);
    });

    it('counts distinct times, not events: a batch stamped with one time stays marks at any zoom', () => {
      const events: TimelineEvent[] = [];
      for (let c = 0; c < 10; c++)
        for (let k = 0; k < 20; k++)
          events.push(
            ev({
              seq: 1 + c * 20 + k,
              kind: 'task',
              timeMs: 20_000 + c * 100,
              ...ann,
              what: 'progress',
            }),
          );
      const f = frame(model(events));
      expect(f.aggregated).toBeNull();
      expect(f.marks.colors).toHaveLength(10);
    });

    it('follows the filters: no task events shown, nothing aggregated', () => {
      const m = dense(10);
      expect(frame(m, { kinds: ['message', 'status'] }).aggregated).toBeNull();
      // One task: one event per column.
      expect(frame(m, { task: 'T3-4' }).aggregated).toBeNull();
    });

    it('says so with the events in view to two significant figures', () => {
      expect(aggregatedNotice(48_213)).toBe(
        'Aggregated: 48,000 events in view · zoom in for single marks',
      );
      expect(aggregatedNotice(7)).toMatch(/^Aggregated: 7 events/);
      expect(aggregatedNotice(99_960)).toMatch(/^Aggregated: 100,000 events/);
    });
  });
});
