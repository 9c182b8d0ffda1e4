import { hasBidiControl, hasHidden, hiddenName, splitHidden } from '@/lib/hidden-chars';

const MARK = 'rounded-sm bg-warn/20 px-px text-[0.85em] text-warn not-italic';

/**
 * User text (a subject, id, role, header) isolated from the text around it (`<bdi>`: its
 * right-to-left letters cannot reorder a neighbour) with every hidden character shown as a
 * styled `⟨U+XXXX⟩` mark (lib/hidden-chars.ts). `only="bidi"` marks bidi controls only, for
 * free text whose newlines and joiners are meant to render.
 */
export function ShownText({ text, only = 'all' }: { text: string; only?: 'all' | 'bidi' }) {
  if (!(only === 'bidi' ? hasBidiControl(text) : hasHidden(text))) return <bdi>{text}</bdi>;
  return (
    <bdi>
      {splitHidden(text, only).map((p, i) =>
        'text' in p ? (
          p.text
        ) : (
          <span
            key={i}
            className={MARK}
            data-hidden-char={p.mark}
            title={`${p.mark} ${hiddenName(p.cp)} (invisible in the original)`}
          >
            {p.mark}
          </span>
        ),
      )}
    </bdi>
  );
}
