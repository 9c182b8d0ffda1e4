import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { subjectMatches } from '@/lib/nats/subjects';
import { coveringFilter, subjectFilter } from './read-filter';
import { TIMELINE_FILTERS } from './live-source';

/** Subject tokens, and filters over them (literal tokens, `*`, an optional trailing `>`). */
const tok = fc.constantFrom('a', 'b', 'c');
const filterArb = fc
  .tuple(fc.array(fc.constantFrom('a', 'b', '*'), { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([t, gt]) => (gt ? [...t, '>'] : t).join('.'));

describe('coveringFilter', () => {
  it('covers the timeline filters with agent.>', () => {
    expect(coveringFilter(TIMELINE_FILTERS)).toBe('agent.>');
  });
  it('keeps a single filter as it is', () => {
    expect(coveringFilter(['agent.status.>'])).toBe('agent.status.>');
  });
  it('falls back to the whole stream when nothing is shared', () => {
    expect(coveringFilter(['a.>', 'b.>'])).toBeUndefined();
    expect(coveringFilter(['*.x', '*.y'])).toBeUndefined();
    expect(coveringFilter([])).toBeUndefined();
  });
  it('never ends the prefix on a filter’s last token', () => {
    expect(coveringFilter(['a.b', 'a.b.>'])).toBe('a.>');
    expect(coveringFilter(['a.b.c.>', 'a.b.d'])).toBe('a.b.>');
  });
  it('covers every subject any of the filters matches', () => {
    fc.assert(
      fc.property(
        fc.array(filterArb, { minLength: 1, maxLength: 4 }),
        fc.array(tok, { minLength: 1, maxLength: 5 }),
        (fs, s) => {
          const subject = s.join('.');
          const cover = coveringFilter(fs);
          if (fs.some((f) => subjectMatches(f, subject)))
            expect(cover === undefined || subjectMatches(cover, subject)).toBe(true);
        },
      ),
    );
  });
});

describe('subjectFilter', () => {
  it('matches exactly what the filters match', () => {
    const keep = subjectFilter([...TIMELINE_FILTERS, 'x.*.y']);
    expect(keep('agent.status.a.online')).toBe(true);
    expect(keep('agent.message.r.q')).toBe(true);
    expect(keep('agent.task.t.started')).toBe(true);
    expect(keep('agent.heartbeat.a')).toBe(false);
    expect(keep('agent.status')).toBe(false);
    expect(keep('x.1.y')).toBe(true);
    expect(keep('x.1.z')).toBe(false);
  });
  it('agrees with subjectMatches', () => {
    fc.assert(
      fc.property(
        fc.array(filterArb, { minLength: 1, maxLength: 3 }),
        fc.array(tok, { minLength: 1, maxLength: 5 }),
        (fs, s) => {
          const subject = s.join('.');
          expect(subjectFilter(fs)(subject)).toBe(fs.some((f) => subjectMatches(f, subject)));
        },
      ),
    );
  });
});
