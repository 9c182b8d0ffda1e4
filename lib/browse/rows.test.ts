import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clip, intern, INTERN_MAX, PREVIEW_CHARS } from './rows';

/** The preview as it was first written (a rope of cons strings, same text). */
const ropeClip = (s: string) => (s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS - 1)}…` : s).replace(/\s+/g, ' ');

describe('clip', () => {
  it('gives the same text as slice + replace (whitespace collapsed, at most PREVIEW_CHARS)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\t', 'é', '→', 'x'), maxLength: 400 });
    fc.assert(fc.property(text, (s) => clip(s) === ropeClip(s)));
    expect(clip('  hello \n\t world  ')).toBe(' hello world ');
    expect(clip('')).toBe('');
    expect(clip('y'.repeat(1000))).toHaveLength(PREVIEW_CHARS);
    expect(clip('y'.repeat(1000)).endsWith('…')).toBe(true);
  });
});

describe('intern', () => {
  it('returns an equal string and stays bounded', () => {
    expect(intern('agents.messages.planner')).toBe('agents.messages.planner');
    for (let i = 0; i < INTERN_MAX * 2 + 10; i++) expect(intern(`s${i}`)).toBe(`s${i}`);
    expect(intern('after the reset')).toBe('after the reset');
  });
});
