import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { filterFit, filtersOverlap, narrowing, subjectMatches } from './subjects';

const AGENT = ['agent.message.>', 'agent.status.>', 'agent.task.>'];

describe('narrowing', () => {
  it('keeps a filter that narrows, and drops none and ">"', () => {
    expect(narrowing('agent.task.>')).toBe('agent.task.>');
    expect(narrowing('>')).toBeUndefined();
    expect(narrowing('')).toBeUndefined();
    expect(narrowing(null)).toBeUndefined();
    expect(narrowing(undefined)).toBeUndefined();
  });
});

describe('filterFit: how a read filter fits the stream subjects', () => {
  it('no filter, ">" or a stream without subjects (mirror/sourced) fits all', () => {
    expect(filterFit(AGENT)).toBe('all');
    expect(filterFit(AGENT, '>')).toBe('all');
    expect(filterFit(AGENT, '')).toBe('all');
    expect(filterFit([], 'x.y')).toBe('all');
    expect(filterFit(undefined, 'x.y')).toBe('all');
  });
  it('a filter within one stream subject is a subset (a consumer may use it)', () => {
    for (const f of [
      'agent.message.>',
      'agent.status.*.idle',
      'agent.task.t1.completed',
      'agent.message.*.*',
    ])
      expect(filterFit(AGENT, f), f).toBe('subset');
    expect(filterFit(['a.*'], 'a.b')).toBe('subset');
    expect(filterFit(['a.>'], 'a.*.c')).toBe('subset');
  });
  it('a filter spanning several stream subjects (or wider than any) is partial', () => {
    for (const f of ['agent.*.*.*', 'agent.*.audit.*', 'agent.>', '*.status.>'])
      expect(filterFit(AGENT, f), f).toBe('partial');
    expect(filterFit(['a.>', 'b.>'], '*.x')).toBe('partial');
    expect(filterFit(['a.*'], 'a.>')).toBe('partial');
  });
  it('a filter overlapping no stream subject is disjoint', () => {
    for (const f of [
      'nothing.here',
      'agent',
      'agent.message',
      'agent.nothing.>',
      'x.*.*.*',
      '*',
      'agent.*',
    ])
      expect(filterFit(AGENT, f), f).toBe('disjoint');
    expect(filterFit(['a.>', 'b.>'], 'c.x')).toBe('disjoint');
    expect(filterFit(['a.*'], 'a.b.c')).toBe('disjoint');
  });
});

describe('filtersOverlap', () => {
  it('examples', () => {
    expect(filtersOverlap('a.*', '*.b')).toBe(true);
    expect(filtersOverlap('a.>', 'a')).toBe(false);
    expect(filtersOverlap('a', 'a.>')).toBe(false);
    expect(filtersOverlap('a.>', '*.b.c')).toBe(true);
    expect(filtersOverlap('>', 'x')).toBe(true);
    expect(filtersOverlap('a.b', 'a.c')).toBe(false);
    expect(filtersOverlap('a.*', 'a.*.c')).toBe(false);
    expect(filtersOverlap('agent.status.>', 'agent.*.*.*')).toBe(true);
  });

  // Brute force: some subject over {a, b, z} of at most 4 tokens is matched by both. Filters
  // have at most 4 tokens over {a, b, *, >}, so a witness, when one exists, is among them
  // (z stands for "any other token").
  const token = fc.constantFrom('a', 'b', '*');
  const filter = fc
    .tuple(fc.array(token, { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([ts, tail]) => (tail ? [...ts.slice(0, -1), '>'] : ts).join('.'));
  const witnesses: string[] = [];
  const grow = (prefix: string[]) => {
    if (prefix.length > 0) witnesses.push(prefix.join('.'));
    if (prefix.length < 4) for (const t of ['a', 'b', 'z']) grow([...prefix, t]);
  };
  grow([]);

  it('agrees with a brute-force search for a subject both match', () => {
    fc.assert(
      fc.property(filter, filter, (x, y) => {
        const want = witnesses.some((s) => subjectMatches(x, s) && subjectMatches(y, s));
        expect(filtersOverlap(x, y)).toBe(want);
        expect(filtersOverlap(y, x)).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it('filterFit is disjoint exactly when no stream subject overlaps, subset only when one covers it', () => {
    fc.assert(
      fc.property(fc.array(filter, { minLength: 1, maxLength: 3 }), filter, (subjects, f) => {
        const fit = filterFit(subjects, f);
        const matched = witnesses.filter((s) => subjectMatches(f, s));
        const stored = matched.filter((s) => subjects.some((x) => subjectMatches(x, s)));
        if (f === '>') return;
        if (fit === 'disjoint') expect(stored).toEqual([]);
        else expect(stored.length).toBeGreaterThan(0);
        // subset: every subject the filter matches is within a single stream subject
        if (fit === 'subset')
          expect(subjects.some((x) => matched.every((s) => subjectMatches(x, s)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
