/**
 * Column widths of the message grid in whole pixels, from the table's measured width: one
 * template (a CSS variable) for the header and every row, computed once per resize. It
 * replaced container queries + `minmax(…, fr)` tracks; measured, those cost a scrolling frame
 * no more than px tracks (the cells' text is what costs), but the wide layout now switches
 * only where it fits (the old 64rem breakpoint overflowed by 16 px just above it). Pure.
 */

/** A column: fixed width (px), or a flexible one with a minimum and a share of the rest. */
type Col = { px: number } | { min: number; fr: number };

/** Rows at least this wide (the wide columns' minimum, so it always fits) get full times and roomy columns. */
export const WIDE_PX = 1040;
/** Gap between columns and the row's horizontal padding (Tailwind gap-2 / px-2), px. */
export const COL_GAP = 8;
export const ROW_PAD_X = 8;

// seq, time, subject, type, sender → recipient, content, size
const NARROW: Col[] = [{ px: 64 }, { px: 104 }, { min: 112, fr: 1.2 }, { px: 88 }, { min: 112, fr: 1 }, { min: 96, fr: 1.6 }, { px: 64 }];
const WIDE: Col[] = [{ px: 88 }, { px: 168 }, { min: 160, fr: 1.3 }, { px: 136 }, { min: 160, fr: 1 }, { min: 192, fr: 2 }, { px: 72 }];

export type ColumnLayout = {
  wide: boolean;
  /** Column widths in px, in order. */
  widths: number[];
  /** Width of a row (columns + gaps + padding); more than the table when it scrolls sideways. */
  rowWidth: number;
  /** The `grid-template-columns` value. */
  template: string;
};

/**
 * Widths for a table whose rows are `width` px wide: fixed columns keep their size, flexible
 * ones share what is left by their `fr` (as CSS `minmax(min, Nfr)` does) and never go below
 * their minimum; below the sum of the minimums the row is wider than the table (it scrolls).
 */
export function columnLayout(width: number): ColumnLayout {
  const w = Number.isFinite(width) && width > 0 ? width : 0;
  const wide = w >= WIDE_PX;
  const cols = wide ? WIDE : NARROW;
  const chrome = COL_GAP * (cols.length - 1) + ROW_PAD_X * 2;
  const fixed = cols.reduce((s, c) => s + ('px' in c ? c.px : 0), 0);
  // CSS "find the size of an fr": a flexible column whose share would fall below its
  // minimum is frozen at the minimum and the rest is shared again.
  const frozen = new Set<number>();
  let frSize = 0;
  for (;;) {
    let free = w - chrome - fixed;
    let frs = 0;
    cols.forEach((c, i) => {
      if ('px' in c) return;
      if (frozen.has(i)) free -= c.min;
      else frs += c.fr;
    });
    frSize = frs > 0 ? Math.max(0, free) / frs : 0;
    const under = cols.flatMap((c, i) => (!('px' in c) && !frozen.has(i) && c.fr * frSize < c.min ? [i] : []));
    if (under.length === 0) break;
    for (const i of under) frozen.add(i);
  }
  // Whole pixels, rounded down, so rounding never makes the row wider than the table.
  const widths = cols.map((c, i) => ('px' in c ? c.px : frozen.has(i) ? c.min : Math.max(c.min, Math.floor(c.fr * frSize))));
  const rowWidth = widths.reduce((s, x) => s + x, 0) + chrome;
  return { wide, widths, rowWidth, template: widths.map((x) => `${x}px`).join(' ') };
}
