import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  hasBidiControl,
  hasHidden,
  markOf,
  showBidiControls,
  showHidden,
  splitHidden,
} from './hidden-chars';

const BIDI = [
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
];
const INVISIBLE = [
  0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x0000, 0x0009, 0x000a, 0x001b, 0x007f, 0x0085,
  0x2028, 0x2029, 0x3164, 0xe0041,
];

describe('showHidden', () => {
  it('marks the probe subject so it cannot pass for another one', () => {
    const s = 'agent.message.\u202Eevil\u200B\u2066.question';
    expect(showHidden(s)).toBe('agent.message.⟨U+202E⟩evil⟨U+200B⟩⟨U+2066⟩.question');
  });

  it('marks the right-to-left override that makes "gnp.exe" read "exe.png"', () => {
    expect(showHidden('\u202Egnp.exe')).toBe('⟨U+202E⟩gnp.exe');
  });

  it.each([...BIDI, ...INVISIBLE])('marks U+%s', (cp) => {
    const c = String.fromCodePoint(cp);
    expect(showHidden(`a${c}b`)).toBe(`a${markOf(cp)}b`);
    expect(hasHidden(c)).toBe(true);
  });

  it('marks a lone surrogate', () => {
    expect(showHidden('a\uD800b')).toBe('a⟨U+D800⟩b');
  });

  it('leaves ordinary text, right-to-left letters and emoji alone (same string back)', () => {
    for (const s of [
      'agent.message.coder.question',
      'שלום עולם',
      'مرحبا',
      'naïve 日本語 👩‍💻'.replace('\u200D', ''),
      '',
    ]) {
      expect(showHidden(s)).toBe(s);
      expect(hasHidden(s)).toBe(false);
    }
  });

  it('pads short code points to four hex digits', () => {
    expect(markOf(0x9)).toBe('⟨U+0009⟩');
    expect(markOf(0xe0041)).toBe('⟨U+E0041⟩');
  });
});

describe('showBidiControls', () => {
  it('marks bidi controls only, keeping newlines and zero-width joiners of free text', () => {
    expect(showBidiControls('line 1\n\u202Egnp.exe 👩\u200D💻')).toBe(
      'line 1\n⟨U+202E⟩gnp.exe 👩\u200D💻',
    );
    expect(hasBidiControl('a\u2067b')).toBe(true);
    expect(hasBidiControl('a\u200Bb')).toBe(false);
  });
});

describe('splitHidden', () => {
  it('cuts text and marks in order', () => {
    expect(splitHidden('a\u202Eb\u200B')).toEqual([
      { text: 'a' },
      { cp: 0x202e, mark: '⟨U+202E⟩' },
      { text: 'b' },
      { cp: 0x200b, mark: '⟨U+200B⟩' },
    ]);
    expect(splitHidden('')).toEqual([{ text: '' }]);
    expect(splitHidden('x\u200By', 'bidi')).toEqual([{ text: 'x\u200By' }]);
  });
});

describe('properties', () => {
  // Strings built from ordinary text and every kind of hidden character.
  const hostile = fc
    .array(
      fc.oneof(
        fc.string(),
        fc.constantFrom(...[...BIDI, ...INVISIBLE].map((c) => String.fromCodePoint(c))),
        fc.string({ unit: 'binary' }),
      ),
      { maxLength: 12 },
    )
    .map((p) => p.join(''));

  it('the result has no hidden character left', () => {
    fc.assert(
      fc.property(
        hostile,
        (s) => !hasHidden(showHidden(s)) && !hasBidiControl(showBidiControls(s)),
      ),
    );
  });

  it('nothing is lost: removing the marks of the hidden characters gives back the visible text', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const visible = [...s].filter((c) => !hasHidden(c)).join('');
        const parts = splitHidden(s);
        return (
          parts.map((p) => ('text' in p ? p.text : '')).join('') === visible &&
          parts.filter((p) => 'cp' in p).length === [...s].length - [...visible].length
        );
      }),
    );
  });

  it('the parts join to showHidden, and the marks decode to the original string', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const parts = splitHidden(s);
        const decoded = parts
          .map((p) => ('text' in p ? p.text : String.fromCodePoint(p.cp)))
          .join('');
        return (
          parts.map((p) => ('text' in p ? p.text : p.mark)).join('') === showHidden(s) &&
          decoded === s
        );
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(fc.property(hostile, (s) => showHidden(showHidden(s)) === showHidden(s)));
  });
});
