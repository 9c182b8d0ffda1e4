/**
 * Column widths of the message grid in whole pixels, from the table's measured width: one
 * template (a CSS variable) for the header and every row, computed once per resize. It
 * replaced container queries + `minmax(…, fr)` tracks; measured, those cost a scrolling frame
 * no more than px tracks (the cells' text is what costs), but the wide layout now switches
 * only where it fits (the old 64rem breakpoint overflowed by 16 px just above it). Pure.
 */

/**
 * A column: fixed width (px), or a flexible one with a minimum and a share of the rest, or
 * dropped (`hide`: not shown at all, no width and no gap).
 */
type Col = { px: number } | { min: number; fr: number } | { hide: true };

/** Rows at least this wide (the wide columns' minimum, so it always fits) get full times and roomy columns. */
export const WIDE_PX = 1040;
/** Gap between columns and the row's horizontal padding (Tailwind gap-2 / px-2), px. */
export const COL_GAP = 8;
export const ROW_PAD_X = 8;

// seq, time, subject, type, sender → recipient, content, size. Size is wide enough for its
// longest text, "1023.9 KiB" (10 monospace characters at text-xs, ~72 px).
const NARROW: Col[] = [
  { px: 64 },
  { px: 104 },
  { min: 112, fr: 1.2 },
  { px: 88 },
  { min: 112, fr: 1 },
  { min: 96, fr: 1.6 },
  { px: 72 },
];
const WIDE: Col[] = [
  { px: 88 },
  { px: 160 },
  { min: 160, fr: 1.3 },
  { px: 136 },
  { min: 160, fr: 1 },
  { min: 192, fr: 2 },
  { px: 80 },
];
/**
 * Below the narrow columns' minimum (the detail open on a 1024–1280 px screen): the content
 * preview is dropped (the open message's detail shows it) and the others tighten, so every
 * other column including Size stays on screen instead of the table scrolling sideways.
 */
const COMPACT: Col[] = [
  { px: 56 },
  { px: 96 },
  { min: 104, fr: 1.4 },
  { px: 80 },
  { min: 96, fr: 1 },
  { hide: true },
  { px: 72 },
];

/** Least width (px) of a row with `cols`: fixed widths + minimums + gaps + padding. */
function minWidth(cols: Col[]): number {
  const shown = cols.filter((c) => !('hide' in c));
  return (
    shown.reduce((s, c) => s + ('px' in c ? c.px : 'min' in c ? c.min : 0), 0) +
    COL_GAP * (shown.length - 1) +
    ROW_PAD_X * 2
  );
}
/** Rows narrower than this use the compact columns (no content column). */
export const COMPACT_BELOW_PX = minWidth(NARROW);
/** Below this even the compact columns do not fit: the table scrolls sideways. */
export const MIN_ROW_PX = minWidth(COMPACT);

export type ColumnLayout = {
  wide: boolean;
  /** Per column: false when the layout drops it (its cells get `display: none`). */
  shown: boolean[];
  /** Column widths in px, in order. */
  widths: number[];
  /** Width of a row (columns + gaps + padding); more than the table when it scrolls sideways. */
  rowWidth: number;
  /** The `grid-template-columns` value. */
  template: string;
};

/** Columns the user can resize (drag or arrow keys on the header's handle), by key. */
export const RESIZABLE = [
  { key: 'subject', index: 2, label: 'Subject' },
  { key: 'route', index: 4, label: 'Sender → recipient' },
] as const;
export type ResizableKey = (typeof RESIZABLE)[number]['key'];
/** Widths (px) the user chose; a column without one shares the free space as before. */
export type ColumnWidths = Partial<Record<ResizableKey, number>>;
/** Bounds of a user-chosen width, px. */
export const COL_MIN_PX = 80;
export const COL_MAX_PX = 960;

/** A chosen width kept within bounds, in whole pixels (null for anything not a number). */
export function clampColumnWidth(px: unknown): number | null {
  if (typeof px !== 'number' || !Number.isFinite(px)) return null;
  return Math.round(Math.min(COL_MAX_PX, Math.max(COL_MIN_PX, px)));
}

/** Widths as stored (localStorage JSON); anything malformed is ignored, never thrown. */
export function parseColumnWidths(json: string | null): ColumnWidths {
  if (!json) return {};
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return {};
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: ColumnWidths = {};
  for (const { key } of RESIZABLE) {
    const px = clampColumnWidth((v as Record<string, unknown>)[key]);
    if (px !== null) out[key] = px;
  }
  return out;
}

/** Display order of the columns with created_at (index 7) shown after the stream time. */
const CREATED_ORDER = [0, 1, 7, 2, 3, 4, 5, 6];

/**
 * Widths for a table whose rows are `width` px wide: fixed columns keep their size, flexible
 * ones share what is left by their `fr` (as CSS `minmax(min, Nfr)` does) and never go below
 * their minimum; below the sum of the minimums the row is wider than the table (it scrolls).
 * A column the user resized (`custom`) is fixed at that width. `created`: add the created_at
 * column.
 */
export function columnLayout(
  width: number,
  custom: ColumnWidths = {},
  opts: { created?: boolean } = {},
): ColumnLayout {
  const w = Number.isFinite(width) && width > 0 ? width : 0;
  const wide = w >= WIDE_PX;
  const layout = wide ? WIDE : w >= COMPACT_BELOW_PX ? NARROW : COMPACT;
  // The optional created_at column is index 7 (after the seven standard ones, so their
  // indexes and CSS variables stay), shown right after the stream time, as wide as it.
  const base = opts.created ? [...layout, layout[1]!] : layout;
  const cols = base.map((c, i): Col => {
    const r = RESIZABLE.find((x) => x.index === i);
    const px = r ? clampColumnWidth(custom[r.key]) : null;
    return px === null || 'hide' in c ? c : { px };
  });
  const shown = cols.map((c) => !('hide' in c));
  const chrome = COL_GAP * (shown.filter(Boolean).length - 1) + ROW_PAD_X * 2;
  const fixed = cols.reduce((s, c) => s + ('px' in c ? c.px : 0), 0);
  // CSS "find the size of an fr": a flexible column whose share would fall below its
  // minimum is frozen at the minimum and the rest is shared again.
  const frozen = new Set<number>();
  let frSize = 0;
  for (;;) {
    let free = w - chrome - fixed;
    let frs = 0;
    cols.forEach((c, i) => {
      if (!('min' in c)) return;
      if (frozen.has(i)) free -= c.min;
      else frs += c.fr;
    });
    frSize = frs > 0 ? Math.max(0, free) / frs : 0;
    const under = cols.flatMap((c, i) =>
      'min' in c && !frozen.has(i) && c.fr * frSize < c.min ? [i] : [],
    );
    if (under.length === 0) break;
    for (const i of under) frozen.add(i);
  }
  // Whole pixels, rounded down, so rounding never makes the row wider than the table.
  const widths = cols.map((c, i) =>
    'px' in c
      ? c.px
      : !('min' in c)
        ? 0
        : frozen.has(i)
          ? c.min
          : Math.max(c.min, Math.floor(c.fr * frSize)),
  );
  const rowWidth = widths.reduce((s, x) => s + x, 0) + chrome;
  // The header's grid has a track per shown column only (a display:none item takes no track).
  const order = opts.created ? CREATED_ORDER : widths.map((_, i) => i);
  const template = order.flatMap((i) => (shown[i] ? [`${widths[i]}px`] : [])).join(' ');
  return { wide, shown, widths, rowWidth, template };
}
