import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileSearch, parseSearch } from '@/lib/browse/search';
import { toReplayEvent, type ReplayEvent } from './event';
import {
  BreakpointIndex,
  breakpointError,
  compileBreakpoint,
  eventAsMessage,
  formatBreakParam,
  parseBreakParam,
} from './breakpoints';
import { createController } from './controller';
import { message, resetSeq, status, task } from './fixtures.test-util';
import { ReplayData } from './store';

beforeEach(() => {
  resetSeq();
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => vi.useRealTimers());

/** An index that scans from the start (the view calls start() in an effect). */
class Started extends BreakpointIndex {
  constructor(...a: ConstructorParameters<typeof BreakpointIndex>) {
    super(...a);
    this.start();
  }
}

/** A host that scans only when told (slices run on flush()). */
const manualHost = () => {
  const queue: (() => void)[] = [];
  return {
    schedule: (fn: () => void) => queue.push(fn),
    cancel: () => {},
    now: () => 0,
    flush: () => {
      while (queue.length) queue.shift()!();
    },
  };
};

/** qa reports an error at 2 s and 6 s; task SQD-2 fails at 4 s. */
function replay(): ReplayData {
  const d = new ReplayData('s');
  d.append(
    [
      message('pm', 'qa', 'question', 0),
      status('qa', 'busy', 1),
      status('qa', 'error', 2),
      task('SQD-1', 'completed', 3),
      task('SQD-2', 'failed', 4),
      message('qa', null, 'error', 5),
      status('qa', 'error', 6),
      message('pm', 'qa', 'answer', 7),
    ],
    8,
  );
  d.finish({ status: 'done' });
  return d;
}

describe('break= URL values', () => {
  it('round-trips enabled and disabled breakpoints, dropping blanks', () => {
    const bps = parseBreakParam(['event:failed', '~status:error', ' ', '~']);
    expect(bps).toEqual([
      { expr: 'event:failed', enabled: true },
      { expr: 'status:error', enabled: false },
    ]);
    expect(formatBreakParam(bps)).toEqual(['event:failed', '~status:error']);
    expect(formatBreakParam([])).toBeNull();
  });
  it('refuses the same expressions search refuses, pointing at the token', () => {
    expect(breakpointError('event:')).toMatchObject({ start: 0, end: 6 });
    expect(breakpointError('from:qa header:=x')).toMatchObject({ start: 8, end: 17 });
    expect(breakpointError('')?.message).toMatch(/Type an expression/);
    expect(compileBreakpoint('status:')).toBeNull();
    expect(breakpointError('status:error')).toBeNull();
  });
});

describe('BreakpointIndex', () => {
  it('finds the hits of each breakpoint and the stops of the enabled ones', () => {
    const h = manualHost();
    const ix = new Started(
      replay(),
      parseBreakParam(['status:error', 'event:failed', '~type:error', 'event:']),
      h,
    );
    expect(ix.scanned).toBe(0);
    h.flush();
    expect(ix.hits).toEqual([[2, 6], [4], [2, 5, 6], []]);
    expect(ix.errors[3]?.message).toMatch(/needs a value/);
    expect(ix.stops).toEqual([2, 4, 6]);
    expect([ix.next(-1), ix.next(2), ix.next(6)]).toEqual([2, 4, -1]);
    expect([ix.previous(4), ix.previous(2)]).toEqual([2, -1]);
    expect(ix.at(2)).toEqual([0]);
    expect(ix.at(5)).toEqual([]); // only a disabled breakpoint matches it
    expect(ix.stopIn(3, 5)).toBe(4);
    expect(ix.stopIn(7, 7)).toBe(-1);
  });
  it('extends the hits as the load appends, in slices', () => {
    const d = new ReplayData('s');
    const h = manualHost();
    const ix = new Started(d, parseBreakParam(['event:failed']), h);
    d.append([task('a', 'failed', 0), task('b', 'started', 1)], 2);
    h.flush();
    d.append([task('c', 'failed', 2)], 1);
    h.flush();
    expect(ix.stops).toEqual([0, 2]);
    expect(ix.done).toBe(true);
  });
  it('matches a batch as it is appended while caught up: the hits never trail the load', () => {
    const d = new ReplayData('s');
    const h = manualHost();
    const ix = new Started(d, parseBreakParam(['event:failed']), h);
    d.append([task('a', 'failed', 0), task('b', 'started', 1)], 2);
    d.append([task('c', 'failed', 2)], 1);
    // No slice ran: the batches were matched in append.
    expect(ix.stops).toEqual([0, 2]);
    expect(ix.scanned).toBe(3);
    expect(ix.done).toBe(true);
  });
  it('payloads past the budget: a breakpoint added later reads the range again', async () => {
    const d = new ReplayData('s');
    d.events.budget = 0; // keeps no payload at all
    const all = [
      task('a', 'failed', 0),
      message('pm', 'qa', 'question', 1),
      task('b', 'started', 2),
      task('c', 'failed', 3),
    ];
    const reads: number[][] = [];
    d.events.setSource(async (from, to, onBatch) => {
      reads.push([from, to]);
      onBatch(all.filter((e) => e.seq >= from && e.seq <= to));
    });
    d.append(all, 4);
    d.finish({ status: 'done' });
    const h = manualHost();
    const ix = new Started(d, parseBreakParam(['event:failed', 'hello']), h);
    h.flush();
    await vi.runAllTimersAsync();
    h.flush();
    expect(reads).toEqual([[all[0]?.seq, all[3]?.seq]]);
    expect(ix.hits[0]).toEqual([0, 3]);
    expect(ix.hits[1]).toEqual([1]); // free text: needs the content
    expect(ix.stops).toEqual([0, 1, 3]);
    expect(ix.done).toBe(true);
    expect(ix.error).toBeNull();
  });
});

describe('playing with breakpoints', () => {
  for (const speed of ['1', '100', 'instant'] as const)
    it(`stops on each hit at speed ${speed}; continue runs to the next, previous goes back`, () => {
      const d = replay();
      const ctl = createController(d, speed);
      const ix = new Started(d, parseBreakParam(['status:error', 'event:failed']));
      ctl.setBreakpoints(ix);
      const seen: number[] = [];
      for (let k = 0; k < 4; k++) {
        ctl.continueToHit();
        vi.advanceTimersByTime(60_000);
        expect(ctl.clock.playing).toBe(false);
        seen.push(ctl.playhead.getSnapshot().index);
      }
      expect(seen).toEqual([2, 4, 6, 7]); // the last continue runs to the end
      ctl.previousHit();
      expect(ctl.playhead.getSnapshot().index).toBe(6);
      ctl.previousHit();
      expect(ctl.playhead.getSnapshot().index).toBe(4);
      ix.dispose();
      ctl.dispose();
    });
  it('does not play past events the scan has not looked at yet', () => {
    const d = replay();
    const h = manualHost();
    const ctl = createController(d, 'instant');
    const ix = new Started(d, parseBreakParam(['event:failed']), h);
    ctl.setBreakpoints(ix);
    ctl.continueToHit();
    vi.advanceTimersByTime(1000);
    expect(ctl.playhead.getSnapshot().index).toBe(-1); // waiting for the scan
    h.flush();
    vi.advanceTimersByTime(1000);
    expect(ctl.playhead.getSnapshot().index).toBe(4);
    ctl.dispose();
  });
  it('plays through with no enabled breakpoint', () => {
    const d = replay();
    const ctl = createController(d, 'instant');
    ctl.setBreakpoints(new Started(d, parseBreakParam(['~event:failed'])));
    ctl.continueToHit();
    vi.advanceTimersByTime(5000);
    expect(ctl.playhead.getSnapshot().index).toBe(7);
    ctl.dispose();
  });
});

/** Arbitrary stored messages on the convention's subjects (and off it), with headers. */
const word = fc.constantFrom(
  'failed',
  'error',
  'busy',
  'completed',
  'question',
  'qa1',
  'pm',
  'SQD-1',
  'Failed',
  'x y',
);
const arbMessage = fc
  .record({
    kind: fc.constantFrom('message', 'status', 'task', 'other'),
    a: word,
    b: word,
    c: word,
    json: fc.boolean(),
    hdr: fc.option(word, { nil: undefined }),
  })
  .map(({ kind, a, b, c, json, hdr }) => {
    const body =
      kind === 'message'
        ? {
            sender_id: a,
            recipient_id: c === 'pm' ? null : c,
            message_type: b,
            content: `${a} ${b}`,
            task_execution_id: c,
            metadata: { sender_role: a },
          }
        : kind === 'status'
          ? { agent_id: a, status: b, reason: c }
          : kind === 'task'
            ? { task_id: a, event: b, title: c, assignee_id: c }
            : { whatever: a };
    const subject =
      kind === 'other'
        ? `other.${a.replace(/\W/g, '')}`
        : `agent.${kind}.${a.replace(/\W/g, '')}.${b.replace(/\W/g, '')}`;
    return {
      seq: 1,
      subject,
      timeMs: 0,
      time: '1970-01-01T00:00:00Z',
      headers: hdr ? ([['X-Tag', hdr]] as [string, string][]) : [],
      data: new TextEncoder().encode(json ? JSON.stringify(body) : `${a} ${b}`),
    };
  });
const arbExpr = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'type:',
        'from:',
        'to:',
        'task:',
        'agent:',
        'status:',
        'event:',
        'header:X-Tag=',
        '',
      ),
      word,
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => parts.map(([f, w]) => (w.includes(' ') ? `${f}"${w}"` : `${f}${w}`)).join(' '));

describe('one language: breakpoints and search agree', () => {
  it('on every event, a breakpoint matches exactly what the search matches', () => {
    fc.assert(
      fc.property(arbMessage, arbExpr, (m, expr) => {
        const e: ReplayEvent = toReplayEvent(m);
        const search = compileSearch(parseSearch(expr))({ ...m, size: m.data.length });
        const bp = compileBreakpoint(expr);
        expect(bp).not.toBeNull();
        expect(bp!(e)).toBe(search);
        expect(eventAsMessage(e).headers).toEqual(m.headers);
      }),
      { numRuns: 2000 },
    );
  });
});
