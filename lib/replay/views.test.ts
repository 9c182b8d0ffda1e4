import { beforeEach, describe, expect, it, vi } from 'vitest';
import { message, resetSeq, status, task } from './fixtures.test-util';
import { densityBins } from './density';
import { diagramMetrics, lanesOf, sequenceLayout } from './sequence';
import { replayFromNdjson } from './import';
import { eventsToNdjson } from './ndjson';
import { createController } from './controller';
import { ReplayData } from './store';

beforeEach(resetSeq);

describe('sequence layout', () => {
  it('one lane per agent, arrows sender → recipient, broadcasts fan out, current and future marked', () => {
    const evs = [
      status('a1', 'online', 0),
      message('a1', 'a2', 'question', 1),
      message('a2', 'a1', 'answer', 2),
      task('t', 'created', 3),
      message('a1', null, 'announcement', 4),
      message('a2', 'a1', 'answer', 5),
    ];
    const lanes = lanesOf(evs);
    expect(lanes.map((l) => l.id).sort()).toEqual(['a1', 'a2']);
    const { rows } = sequenceLayout(evs, lanes, 4);
    expect(rows.map((r) => [r.seq, r.current, r.future, r.broadcast])).toEqual([
      [2, false, false, false],
      [3, false, false, false],
      [5, true, false, true],
      [6, false, true, false],
    ]);
    const a1 = lanes.findIndex((l) => l.id === 'a1');
    expect(rows[2]?.to).toEqual(lanes.map((_, i) => i).filter((i) => i !== a1));
    // A playhead on a non-message event marks the last message before it as current.
    expect(sequenceLayout(evs, lanes, 3).rows.find((r) => r.current)?.seq).toBe(3);
  });
});

describe('density strip', () => {
  it('is relative event rate per equal slice of events, flags compressed gaps', () => {
    const times = [0, 1, 2, 3, 1000, 2000, 3000, 4000];
    const bins = densityBins(times, [0, 0, 0, 0, 1, 0, 0, 0], 2);
    expect(bins[0]?.level).toBe(1);
    expect(bins[1]?.level).toBeLessThan(0.5);
    expect(bins.map((b) => b.gap)).toEqual([false, true]);
    expect(densityBins([], [], 10)).toEqual([]);
  });
});

describe('offline import and the controller', () => {
  it('an NDJSON export replays to the same events, and the controller steps, seeks and plays', () => {
    vi.useFakeTimers({ now: 0 });
    const evs = [
      status('a1', 'online', 0),
      message('a1', 'a2', 'question', 1),
      message('a2', 'a1', 'answer', 2),
    ];
    const { data, errors } = replayFromNdjson(eventsToNdjson(evs), 'x.ndjson');
    expect(errors).toEqual([]);
    expect(data.info).toMatchObject({ status: 'done', source: 'x.ndjson' });
    expect(data.events.toArray().map((e) => [e.seq, e.kind])).toEqual(
      evs.map((e) => [e.seq, e.kind]),
    );
    const ctl = createController(data, '1');
    ctl.seekSeq(2);
    expect(ctl.playhead.getSnapshot().index).toBe(1);
    ctl.step(-5);
    expect(ctl.playhead.getSnapshot().index).toBe(0);
    ctl.toEnd();
    expect(ctl.playhead.getSnapshot().index).toBe(2);
    ctl.setSpeed('10');
    ctl.toggle(); // at the end: starts over
    expect(ctl.playhead.getSnapshot()).toMatchObject({ index: 0, playing: true, speed: '10' });
    vi.advanceTimersByTime(250);
    expect(ctl.playhead.getSnapshot()).toMatchObject({ index: 2, playing: false });
    ctl.dispose();
    expect(new ReplayData('s').indexAtOrBefore(5)).toBe(-1);
    vi.useRealTimers();
  });
});

describe('sequence diagram metrics', () => {
  it('spreads lifelines over the width, never narrower than a readable minimum', () => {
    const m = diagramMetrics(6, 1400);
    expect(m.laneW).toBe(Math.floor(1396 / 6));
    expect(m.width).toBeLessThanOrEqual(1400);
    expect(m.x(5) + m.laneW / 2).toBe(m.width);
    const narrow = diagramMetrics(12, 800);
    expect(narrow.laneW).toBe(120);
    expect(narrow.width).toBe(1440); // scrolls rather than crowds
  });
  it('labels are at least 12 px, larger at presentation size, and sit above their arrow', () => {
    const m = diagramMetrics(4, 1000);
    const big = diagramMetrics(4, 1000, true);
    expect(m.labelPx).toBeGreaterThanOrEqual(12);
    expect(m.lanePx).toBeGreaterThanOrEqual(12);
    expect(big.labelPx).toBeGreaterThan(m.labelPx);
    expect(big.rowH).toBeGreaterThan(m.rowH);
    for (const d of [m, big]) {
      // The label's box (baseline arrowY - 5, ascent ~labelPx) stays inside its row, clear of the arrow.
      expect(d.arrowY - 5 - d.labelPx).toBeGreaterThan(-d.rowH / 2);
      expect(d.arrowY).toBeLessThan(d.rowH / 2);
    }
  });
});
