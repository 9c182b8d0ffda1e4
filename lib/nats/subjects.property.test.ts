import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { filterCovers, isLiteralSubject, subjectMatches, validateSubjectFilter } from './subjects';

// Literal tokens: no dots, no white space, not a wildcard. Small alphabet so matches happen.
const literalToken = fc.stringMatching(/^[a-c0-9_\-$]{1,3}$/);
const filterToken = fc.oneof(
  { weight: 4, arbitrary: literalToken },
  { weight: 1, arbitrary: fc.constant('*') },
);
const subjectArb = fc.array(literalToken, { minLength: 1, maxLength: 5 });
const filterArb = fc
  .tuple(fc.array(filterToken, { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([ts, tail]) => (tail ? [...ts.slice(0, -1), '>'] : ts));

/** Reference semantics, straight from the NATS docs, token by token. */
function refMatch(filter: string[], subject: string[]): boolean {
  for (let i = 0; i < filter.length; i++) {
    if (filter[i] === '>') return subject.length > i;
    if (i >= subject.length) return false;
    if (filter[i] !== '*' && filter[i] !== subject[i]) return false;
  }
  return filter.length === subject.length;
}

describe('subject filters (property-based)', () => {
  it('every filter built from valid tokens validates; every subject is literal', () => {
    fc.assert(
      fc.property(filterArb, subjectArb, (f, s) => {
        expect(validateSubjectFilter(f.join('.'))).toEqual({ ok: true });
        expect(isLiteralSubject(s.join('.'))).toBe(true);
      }),
    );
  });

  it('subjectMatches agrees with the reference matcher', () => {
    fc.assert(
      fc.property(
        filterArb,
        subjectArb,
        (f, s) => subjectMatches(f.join('.'), s.join('.')) === refMatch(f, s),
      ),
    );
  });

  it('a filter matches the subject it was made from by replacing tokens with wildcards', () => {
    fc.assert(
      fc.property(
        subjectArb,
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.nat(5),
        (s, stars, cut) => {
          const f = s.map((t, i) => (stars[i] ? '*' : t));
          if (cut > 0 && cut <= f.length) f.splice(cut - 1, f.length, '>');
          expect(subjectMatches(f.join('.'), s.join('.'))).toBe(true);
        },
      ),
    );
  });

  it('filterCovers is sound: when outer covers inner, outer matches every subject inner matches', () => {
    fc.assert(
      fc.property(
        filterArb,
        filterArb,
        fc.array(subjectArb, { minLength: 20, maxLength: 20 }),
        (o, n, subjects) => {
          const outer = o.join('.');
          const inner = n.join('.');
          if (!filterCovers(outer, inner)) return;
          for (const s of subjects)
            if (subjectMatches(inner, s.join('.')))
              expect(subjectMatches(outer, s.join('.'))).toBe(true);
        },
      ),
    );
  });

  it('filterCovers is reflexive and ">" covers everything', () => {
    fc.assert(
      fc.property(filterArb, (f) => {
        expect(filterCovers(f.join('.'), f.join('.'))).toBe(true);
        expect(filterCovers('>', f.join('.'))).toBe(true);
      }),
    );
  });

  it('never throws, and rejects with a reason: empty tokens, white space, misplaced ">", partial wildcards', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (x) => {
        const r = validateSubjectFilter(x);
        if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
        const tokens = x.split('.');
        const bad =
          x === '' ||
          /\s/.test(x) ||
          tokens.some((t) => t === '') ||
          tokens.slice(0, -1).includes('>') ||
          tokens.some((t) => t !== '*' && t !== '>' && /[*>]/.test(t));
        expect(r.ok).toBe(!bad);
      }),
    );
  });

  it('inserting white space, a double dot or a leading ">" into a valid filter makes it invalid', () => {
    fc.assert(
      fc.property(
        filterArb,
        fc.constantFrom(' ', '\t', '\n', '..', '>.'),
        fc.nat(),
        (f, junk, at) => {
          const text = f.join('.');
          const i = junk === '>.' ? 0 : at % (text.length + 1);
          const broken = text.slice(0, i) + junk + text.slice(i);
          expect(validateSubjectFilter(broken).ok).toBe(false);
        },
      ),
    );
  });
});

describe('bad filters from the issue', () => {
  it.each([
    ['agent..x', /Empty token after "agent"/],
    ['>.a', /must be the last token/],
    ['agent. x', /white space/],
    ['', /empty/],
    ['agent.*x', /must stand alone/],
    ['a'.repeat(4097), /longer than 4,096/],
  ])('%j → %s', (f, re) => {
    const r = validateSubjectFilter(f);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });
});
