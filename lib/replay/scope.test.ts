import { describe, expect, it } from 'vitest';
import { message, status, task } from './fixtures.test-util';
import { mayExceed, parseSpec, scopeMatcher, shouldWriteAt } from './scope';

describe('replay spec', () => {
  it('reads sequences and ISO times, and explains bad input', () => {
    const ok = parseSpec({
      from: '10',
      to: '2026-01-01T12:00:00Z',
      at: '15',
      task: ' t1 ',
      filter: 'agent.>',
    });
    expect(ok.errors).toEqual([]);
    expect(ok.spec).toMatchObject({
      from: { kind: 'seq', seq: 10 },
      to: { kind: 'time', iso: '2026-01-01T12:00:00.000Z' },
      at: 15,
      task: 't1',
      filter: 'agent.>',
    });
    const bad = parseSpec({ from: 'yesterday', to: '5', at: 'x', filter: 'a..b' });
    expect(bad.errors).toHaveLength(3);
    expect(bad.errors[0]).toContain(
      '"from=yesterday" is neither a sequence number nor an ISO time',
    );
    // Without a zone a time is UTC, whatever the browser's zone (the test runs in New York too).
    expect(parseSpec({ from: '2026-01-01T12:00:00', to: '2026-01-01 13:30' }).spec).toMatchObject({
      from: { kind: 'time', iso: '2026-01-01T12:00:00.000Z' },
      to: { kind: 'time', iso: '2026-01-01T13:30:00.000Z' },
    });
    expect(parseSpec({ from: '9', to: '3' }).errors).toEqual(['"from" is after "to": swap them.']);
  });

  it('knows before reading which ranges may be long (the reader worker is started at once)', () => {
    const long = (p: Parameters<typeof parseSpec>[0]) => mayExceed(parseSpec(p).spec, 5000);
    expect(long({ from: '1', to: '5000' })).toBe(false);
    expect(long({ from: '1', to: '5001' })).toBe(true);
    expect(long({ from: '1' })).toBe(true);
    expect(long({ at: '900' })).toBe(true);
    expect(long({ from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:01:00Z' })).toBe(true);
    expect(long({ task: 'SQD-1' })).toBe(false);
    expect(long({ from: '1', to: '100000', task: 'SQD-1' })).toBe(false);
  });

  it('matches a task scope and an agent scope client-side', () => {
    const evs = [
      message('a1', 'a2', 'question', 1, 't1'),
      message('a3', null, 'announcement', 2),
      status('a1', 'busy', 3, null, 't1'),
      status('a2', 'idle', 4),
      task('t1', 'assigned', 5, { assignee: 'a2' }),
      task('t2', 'created', 6),
    ];
    const byTask = scopeMatcher({ task: 't1', agent: null });
    expect(evs.filter((e) => byTask?.(e)).map((e) => e.seq)).toEqual([
      evs[0]!.seq,
      evs[2]!.seq,
      evs[4]!.seq,
    ]);
    const byAgent = scopeMatcher({ task: null, agent: 'a2' });
    expect(evs.filter((e) => byAgent?.(e)).map((e) => e.seq)).toEqual([
      evs[0]!.seq,
      evs[1]!.seq,
      evs[3]!.seq,
      evs[4]!.seq,
    ]);
    expect(scopeMatcher({ task: null, agent: null })).toBeNull();
  });

  it('writes the resting playhead to ?at= unless a navigation changed it meanwhile', () => {
    expect(shouldWriteAt(200, 120, 120, null)).toBe(true); // came to rest; the URL unchanged
    expect(shouldWriteAt(120, 120, 120, null)).toBe(false); // already there
    expect(shouldWriteAt(200, 500, 120, 180)).toBe(false); // a link or Back set 500 meanwhile
    // Seen on a slow CI machine: 768 written, then Home before React had the URL's 768, so the
    // rest armed with 767. The URL holding our own write is not a navigation: write 100.
    expect(shouldWriteAt(100, 768, 767, 768)).toBe(true);
  });
});
