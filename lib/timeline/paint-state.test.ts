import { describe, expect, it } from 'vitest';
import {
  DATA_REDRAW_MS,
  msToNextPixel,
  paintStateKey,
  shouldRedraw,
  type PaintState,
} from './paint-state';

const state = (o: Partial<PaintState> = {}): PaintState => ({
  width: 1000,
  dpr: 1,
  spanMs: 300_000,
  endMs: null,
  pausedAtMs: null,
  pausedSeq: null,
  kinds: ['message', 'status', 'task'],
  task: null,
  tz: 'local',
  agents: [],
  theme: {
    fg: '#000',
    muted: '#555',
    border: '#ddd',
    panel: '#fff',
    panel2: '#eee',
    accent: '#44f',
    bad: '#f00',
  },
  gaps: [],
  ...o,
});

describe('paintStateKey', () => {
  it('is equal for equal states and changes with anything drawn', () => {
    expect(paintStateKey(state())).toBe(paintStateKey(state()));
    const base = paintStateKey(state());
    for (const o of [
      { width: 999 },
      { dpr: 2 },
      { spanMs: 60_000 },
      { endMs: 5 },
      { pausedAtMs: 1, pausedSeq: 9 },
      { kinds: ['status'] },
      { task: 't1' },
      { tz: 'utc' as const },
      { agents: ['a1'] },
      { theme: { ...state().theme, fg: '#111' } },
      { gaps: [{ fromMs: 1, toMs: null, reconnect: 1 }] },
    ])
      expect(paintStateKey(state(o))).not.toBe(base);
    // A gap closing changes the drawing too.
    expect(paintStateKey(state({ gaps: [{ fromMs: 1, toMs: 2, reconnect: 1 }] }))).not.toBe(
      paintStateKey(state({ gaps: [{ fromMs: 1, toMs: null, reconnect: 1 }] })),
    );
  });
});

describe('shouldRedraw', () => {
  const o = {
    key: 'd2|v',
    lastKey: 'd1|v',
    viewKey: 'v',
    lastViewKey: 'v',
    now: 1000,
    lastDrawAt: 990,
  };
  it('never redraws an unchanged frame', () => {
    expect(shouldRedraw({ ...o, lastKey: o.key, now: 10_000 })).toBe(false);
  });
  it('redraws a view change at once', () => {
    expect(shouldRedraw({ ...o, viewKey: 'w' })).toBe(true);
  });
  it('redraws new data alone at most every DATA_REDRAW_MS', () => {
    expect(shouldRedraw(o)).toBe(false);
    expect(shouldRedraw({ ...o, now: o.lastDrawAt + DATA_REDRAW_MS })).toBe(true);
    expect(shouldRedraw({ ...o, now: 1000, lastDrawAt: 900, minMs: 200 })).toBe(false);
  });
});

describe('msToNextPixel', () => {
  it('is the time until the axis crosses the next pixel boundary', () => {
    expect(msToNextPixel(1000, 250)).toBe(250);
    expect(msToNextPixel(1100, 250)).toBe(150);
    expect(msToNextPixel(1249.5, 250)).toBeCloseTo(0.5);
    expect(msToNextPixel(5, 0)).toBe(Infinity);
  });
});
