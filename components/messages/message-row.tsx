'use client';

import { memo, useState } from 'react';
import { roleColor } from '@/lib/agents/colors';
import { agentColorKey, agentLabel, isShortened, memo1, type Row } from '@/lib/browse/rows';
import { formatBytes } from '@/lib/format';
import { formatTime, type TimeZone } from '@/lib/time-zone';
import { showHidden } from '@/lib/hidden-chars';

/** Row height in px (the rows' `h-8`). */
export const ROW_H = 32;

/**
 * Classes shared by the header and the rows. The column template is one CSS variable set on
 * the table from its measured width (`lib/browse/columns.ts`): fixed px tracks, no container
 * query or `fr` track for the browser to resolve on every row it mounts while scrolling.
 */
export const GRID_ROW =
  'grid grid-cols-(--msg-cols) items-center gap-2 px-2 text-xs whitespace-nowrap';
// Plain strings (no cn()/twMerge per render): a fast scroll mounts dozens of rows a frame.
// Rows are flex lines of fixed-width cells (--msg-c0…6, the same px widths as the header's grid
// template, same gap and padding, so the columns line up): measured on mounting a screen of
// rows, the grid's track sizing cost ~11% more style + layout than fixed flex items. Height
// and strict containment are classes: a row sets no inline style (the table places the block
// of rows, not each row).
// `whitespace-nowrap` (inherited by every cell): a cell never wraps to a second line, whatever
// its width (a wrapped size overflowed the 32 px row).
const ROW =
  'flex items-center gap-2 px-2 text-xs w-full h-8 [contain:strict] cursor-pointer border-b border-border whitespace-nowrap';
const ROW_PLAIN = `${ROW} hover:bg-panel-2`;
const ROW_SELECTED = `${ROW} bg-accent/15 hover:bg-accent/20`;
const MONO_MUTED = 'font-mono tabular-nums text-muted';
const C_SEQ = `w-(--msg-c0) shrink-0 ${MONO_MUTED}`;
const C_TIME = 'w-(--msg-c1) shrink-0 truncate font-mono tabular-nums';
const C_CREATED = 'w-(--msg-c7) shrink-0 truncate font-mono tabular-nums';
// A sender / recipient is a link-like target: a click searches for it (the row's own click opens).
const ID = 'hover:underline';
// Each cell is a block of its own (its own bidi paragraph); the route's two spans are isolated
// so that right-to-left letters in a sender cannot move the arrow or the recipient.
const C_SUBJECT = 'w-(--msg-c2) shrink-0 truncate font-mono';
const C_TYPE = 'w-(--msg-c3) shrink-0 truncate';
const C_TYPE_GENERIC = 'w-(--msg-c3) shrink-0 truncate text-muted';
const C_ROUTE = 'w-(--msg-c4) shrink-0 truncate';
// Dropped (display: none via --msg-d5, set on the table) when the table is too narrow for it.
const C_PREVIEW = 'w-(--msg-c5) shrink-0 truncate text-muted [display:var(--msg-d5)]';
const C_SIZE = `w-(--msg-c6) shrink-0 text-right ${MONO_MUTED}`;
// The arrow before the recipient, muted whatever the recipient's colour.
const ARROW = "before:text-muted before:not-italic before:content-['_→_']";
const ISOLATE = '[unicode-bidi:isolate]';
const TO = `${ISOLATE} ${ARROW}`;
const TO_BROADCAST = `${ISOLATE} italic text-muted ${ARROW}`;

/**
 * A fast scroll renders ~30 new rows a frame: the strings a row hands to the DOM are shared
 * (the rows' own strings are interned, lib/browse/rows.ts; sender/recipient labels come from
 * agentLabel's cache) instead of made again per render, so there is less garbage and Blink
 * converts each distinct string once, not once per row.
 */
const size = memo1(formatBytes);
/**
 * User text with its hidden characters as visible ⟨U+XXXX⟩ marks (lib/hidden-chars.ts): the
 * same string back when there is none, so the common row allocates nothing.
 */
const shown = memo1(showHidden);
/** The sender/recipient colour as a shared style object, by colour key (a role, or an id's hash). */
const colorStyle = memo1((key: string) => ({ color: roleColor(key) }));
/** The searches a sender / recipient cell runs when clicked, shared like the labels. */
const fromTerm = memo1((v: string) => searchTerm('from', v));
const toTerm = memo1((v: string) => searchTerm('to', v));
/**
 * The route cell's tooltip (only for the row under the pointer): the whole route, with full ids
 * where they are shortened (a narrow column cuts even short names).
 */
function routeTitle(r: Row): string | undefined {
  const from = isShortened(r.from) ? r.from : agentLabel(r.from);
  const to = !r.to ? '' : isShortened(r.to) ? r.to : agentLabel(r.to);
  if (!from && !to) return undefined;
  return shown(to ? `${from} → ${to}` : from);
}

/** The search for one id (`from:planner`), quoted when it holds a space. */
export function searchTerm(field: 'from' | 'to' | 'task' | 'agent', v: string): string {
  return /[\s"]/.test(v) ? `${field}:"${v.replace(/"/g, '')}"` : `${field}:${v}`;
}

/**
 * One table row. The element is a slot of the table's pool (message-table.tsx): while the view
 * scrolls, the same element shows one row after another, so everything a row shows comes from
 * its props, nothing is left on the element from the row it showed before. Re-renders only
 * when its row, index, selection or time format changes.
 */
export const MessageRow = memo(function MessageRow({
  row,
  index,
  selected,
  wide,
  tz,
  created,
  onOpen,
  onSearch,
}: {
  row: Row;
  index: number;
  selected: boolean;
  /** Wide table: the time column shows month-day too (else the time of day only). */
  wide: boolean;
  tz: TimeZone;
  /** Show the created_at cell (the table's created_at column). */
  created: boolean;
  onOpen: (seq: number) => void;
  onSearch?: (q: string) => void;
}) {
  // Tooltips (full time, subject, content) only on the row under the pointer, not on every row
  // rendered (three attributes fewer per row on each fast-scroll frame). Keyed by sequence: when
  // the slot shows another row under a still pointer (wheel scrolling), the old row's tooltips
  // go with it and the next pointer move sets the new row's.
  const [titled, setTitled] = useState<number | null>(null);
  const hover = () => setTitled(row.seq);
  const tip = titled === row.seq;
  const time = formatTime(row.timeMs, tz);
  const createdAt = created ? (row.createdMs === null ? '—' : formatTime(row.createdMs, tz)) : '';
  const generic = row.kind === 'generic';
  const broadcast = row.to === 'broadcast';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-seq={row.seq}
      onClick={(e) => {
        // One handler per row (no element per id): a click on a sender or recipient searches for it.
        const q = onSearch
          ? (e.target as HTMLElement).closest<HTMLElement>('[data-search]')?.dataset.search
          : undefined;
        if (q && onSearch) onSearch(q);
        else onOpen(row.seq);
      }}
      onPointerEnter={hover}
      onPointerMove={tip ? undefined : hover}
      // Fixed size (h-8 = ROW_H) + strict containment (in ROW): a row's layout and paint never
      // reach its siblings or the page, so a fast-scroll frame lays out only the rows it changed.
      className={selected ? ROW_SELECTED : ROW_PLAIN}
    >
      <div role="gridcell" className={C_SEQ}>
        {row.seq}
      </div>
      <div role="gridcell" className={C_TIME} title={tip ? time : undefined}>
        {time.slice(wide ? 5 : 11)}
      </div>
      {created ? (
        <div role="gridcell" className={C_CREATED} title={tip ? createdAt : undefined}>
          {createdAt.length > 11 ? createdAt.slice(wide ? 5 : 11) : createdAt}
        </div>
      ) : null}
      <div role="gridcell" className={C_SUBJECT} title={tip ? shown(row.subject) : undefined}>
        {shown(row.subject)}
      </div>
      <div role="gridcell" className={generic ? C_TYPE_GENERIC : C_TYPE}>
        {generic ? 'generic' : shown(row.type)}
      </div>
      <div role="gridcell" className={C_ROUTE} title={tip ? routeTitle(row) : undefined}>
        {/* Both spans always (empty when there is no sender / recipient): the slot's element keeps
            its shape from row to row, so scrolling changes text, not nodes. The arrow is
            generated content: one DOM node fewer per row (screen readers still read it). */}
        <span
          className={row.from ? `${ISOLATE} ${ID}` : ISOLATE}
          data-search={row.from ? fromTerm(row.from) : undefined}
          style={row.from ? colorStyle(agentColorKey(row.from)) : undefined}
        >
          {row.from ? shown(agentLabel(row.from)) : ''}
        </span>
        <span
          style={row.to && !broadcast ? colorStyle(agentColorKey(row.to)) : undefined}
          data-search={row.to ? toTerm(row.to) : undefined}
          className={!row.to ? undefined : broadcast ? TO_BROADCAST : `${TO} ${ID}`}
        >
          {row.to ? shown(agentLabel(row.to)) : ''}
        </span>
      </div>
      <div role="gridcell" className={C_PREVIEW} title={tip ? shown(row.preview) : undefined}>
        {shown(row.preview)}
      </div>
      <div role="gridcell" className={C_SIZE}>
        {size(row.size)}
      </div>
    </div>
  );
});
