/**
 * Characters that change how text looks without being seen: bidi controls (which reorder the
 * text around them, so `\u202Egnp.exe` reads "exe.png"), zero-width and other format
 * characters, C0/C1 controls, line/paragraph separators and lone surrogates. Views show each as
 * a visible `⟨U+XXXX⟩` mark wherever a subject, id, role or header is rendered, so two
 * different subjects never look the same. Display only: the stored message is never altered.
 */

/**
 * One hidden character. `\p{Cf}` covers the bidi controls (U+061C, U+200E/F, U+202A–202E,
 * U+2066–2069), zero-width U+200B–200D, U+2060–2064, U+FEFF, soft hyphen and tag characters;
 * `\p{Cc}` the C0/C1 controls (tab and newline included: none belongs in a subject or an id);
 * `\p{Cs}` lone surrogates; U+2028/2029 break lines; the Hangul fillers and U+3164/U+FFA0
 * render as blank space of a letter's width.
 */
const HIDDEN = /[\p{Cf}\p{Cc}\p{Cs}\u2028\u2029\u115F\u1160\u3164\uFFA0]/u;
const HIDDEN_G = new RegExp(HIDDEN.source, 'gu');

/** Bidi controls only: the characters that reorder surrounding text. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const BIDI_G = new RegExp(BIDI.source, 'gu');

const NAMES: Record<number, string> = {
  0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0x00ad: 'SOFT HYPHEN',
};

/** True when `s` holds a character `showHidden` would mark. */
export function hasHidden(s: string): boolean {
  return HIDDEN.test(s);
}

/** True when `s` holds a bidi control (one that can reorder the text around it). */
export function hasBidiControl(s: string): boolean {
  return BIDI.test(s);
}

/** The mark shown for code point `cp`: `⟨U+202E⟩`. */
export function markOf(cp: number): string {
  return `⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** A readable name for the mark's tooltip (the code point alone when not in the short list). */
export function hiddenName(cp: number): string {
  return (
    NAMES[cp] ??
    (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? 'control character' : 'invisible character')
  );
}

/**
 * `s` with every hidden character replaced by its `⟨U+XXXX⟩` mark. Returns `s` itself when there
 * is none (the common case allocates nothing).
 */
export function showHidden(s: string): string {
  if (!HIDDEN.test(s)) return s;
  return s.replace(HIDDEN_G, (c) => markOf(c.codePointAt(0)!));
}

/**
 * `s` with only its bidi controls marked: for free text (message content) whose other
 * characters (newlines, tabs) are meant to be laid out, but whose bidi controls must not
 * reorder what the reader sees.
 */
export function showBidiControls(s: string): string {
  if (!BIDI.test(s)) return s;
  return s.replace(BIDI_G, (c) => markOf(c.codePointAt(0)!));
}

export type HiddenPart = { text: string } | { cp: number; mark: string };

/**
 * `s` cut into plain text and hidden characters, in order, for views that style the marks
 * (so a literal "⟨U+202E⟩" typed into a subject does not look like a real mark). Joining each
 * part's `text` or `mark` gives `showHidden(s)`.
 */
export function splitHidden(s: string, only: 'all' | 'bidi' = 'all'): HiddenPart[] {
  const re = only === 'bidi' ? BIDI_G : HIDDEN_G;
  const out: HiddenPart[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index > last) out.push({ text: s.slice(last, m.index) });
    const cp = m[0].codePointAt(0)!;
    out.push({ cp, mark: markOf(cp) });
    last = m.index + m[0].length;
  }
  if (last < s.length || out.length === 0) out.push({ text: s.slice(last) });
  return out;
}
