'use client';

import {
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  type CSSProperties,
  type Ref,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Row } from '@/lib/browse/rows';
import type { TimeZone } from '@/lib/time-zone';
import { GRID_ROW, MessageRow, ROW_H } from './message-row';
import { useColumnLayout } from './use-column-layout';
import { ColumnResizer } from './column-resizer';

/** Height of the sticky header row inside the scroller. */
const HEADER_H = 32;

/** Display index → row for ascending `rows` shown in `order`. */
export function rowAt(rows: Row[], order: 'asc' | 'desc', i: number): Row | undefined {
  return order === 'asc' ? rows[i] : rows[rows.length - 1 - i];
}

/** Display index of `seq` (binary search on the ascending rows), or -1. */
export function indexOfSeq(rows: Row[], order: 'asc' | 'desc', seq: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = (rows[mid] as Row).seq;
    if (s === seq) return order === 'asc' ? mid : rows.length - 1 - mid;
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Rows the view must move down (negative: up) after the rows changed from `before` to
 * `after`, so that the row at the top of the view (scrollTop `top`) stays there. 0 when that
 * row is gone (a different list) or did not move.
 */
export function viewShift(before: Row[], after: Row[], order: 'asc' | 'desc', top: number): number {
  const i = Math.min(before.length - 1, Math.max(0, Math.floor(top / ROW_H)));
  const row = rowAt(before, order, i);
  const j = row ? indexOfSeq(after, order, row.seq) : -1;
  return j < 0 ? 0 : j - i;
}

/** What the page can ask the table (not on the scrolling path: read on demand). */
export type MessageTableHandle = {
  /** Sequence of the row at the top of the view, or null when there are no rows. */
  topSeq(): number | null;
  /** Scrolls to the first row (the newest, newest first). */
  scrollToStart(): void;
};

/**
 * The virtualized message grid. Reports how far the visible range is from either loaded end
 * (the page store reads more); when rows are added or dropped above, the scroll position is
 * shifted so the view holds still.
 *
 * Rows are identified by sequence (data-seq, selection, the open message, the row viewShift
 * holds still), but their DOM elements are a pool reused by position: the rendered rows are one
 * block placed with one transform, and each element is keyed by its place in that block (slot
 * 0 is the first rendered row). Scrolling by whole screens a frame (a fast scroll) used to
 * unmount ~29 rows and mount ~29 new ones every frame (~500 elements and text nodes created,
 * styled and then collected: the garbage behind the major GCs in the longest tasks); now the
 * same elements get the new rows' text and attributes. Scrolling by a few rows rewrites every
 * slot's text (all rows move up a slot), which is the same layout work for the rows on screen,
 * without creating anything. DOM order stays the visual order, so screen readers read the rows
 * in order, and when rows are added or dropped above, the shift moves the block's first index
 * by as many rows: each element keeps showing the same row.
 */
export function MessageTable({
  rows,
  order,
  selected,
  scrollTo,
  onOpen,
  onEdges,
  onSearch,
  footer,
  label,
  tz = 'local',
  showCreated = false,
  pinStart = false,
  ref,
}: {
  rows: Row[];
  order: 'asc' | 'desc';
  selected: number | null;
  /** Sequence to bring into view when it changes. */
  scrollTo: number | null;
  onOpen: (seq: number) => void;
  /** Rows between the visible range and the first / last loaded row, on every range change. */
  onEdges: (rowsAbove: number, rowsBelow: number) => void;
  /** A sender or recipient clicked in a row: the search for it (`from:…`, `to:…`). */
  onSearch?: (q: string) => void;
  footer?: React.ReactNode;
  label: string;
  tz?: TimeZone;
  /** Show the payload's created_at as a column after the stream time. */
  showCreated?: boolean;
  /**
   * A live view: while scrolled to the very top, rows added above show there (the view stays
   * at the top) instead of the view holding the old top row still.
   */
  pinStart?: boolean;
  ref?: Ref<MessageTableHandle>;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const { cols, setWidth } = useColumnLayout(parent, showCreated);
  // Rebuilt when the rows change (a page landed), not while scrolling.
  useImperativeHandle(
    ref,
    () => ({
      topSeq: () => {
        const el = parent.current;
        if (!el || rows.length === 0) return null;
        // The first row whose top edge is at or below the top of the view (a row cut off at the
        // top is not "the top row").
        const i = Math.min(rows.length - 1, Math.ceil(Math.max(0, el.scrollTop) / ROW_H));
        return rowAt(rows, order, i)?.seq ?? null;
      },
      scrollToStart: () => {
        const el = parent.current;
        if (el) el.scrollTop = 0;
      },
    }),
    [rows, order],
  );
  // The header's grid template and each column's width for the rows' fixed flex cells.
  const colVars = useMemo(
    // A column the layout drops (the content preview on a narrow table) is `display: none` through
    // --msg-d5: one variable on the table, nothing more per row.
    () =>
      ({
        minWidth: cols.rowWidth,
        '--msg-cols': cols.template,
        '--msg-d5': cols.shown[5] ? 'block' : 'none',
        ...Object.fromEntries(cols.widths.map((w, i) => [`--msg-c${i}`, `${w}px`])),
      }) as CSSProperties,
    [cols],
  );
  // The virtualizer keeps its own mutable state; React Compiler skips this component by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_H,
    // Few rows beyond the viewport: each one is DOM to build and lay out on every fast-scroll frame.
    overscan: 2,
    // The sticky header sits inside the scroller above the rows.
    scrollMargin: HEADER_H,
    scrollPaddingStart: HEADER_H,
    // The default key (the index) on purpose: rows have a fixed size, nothing is measured, and a
    // key function that changed with the rows made the virtualizer recompute every loaded row's
    // position (20,000) on each page added; now only when the count changes.
    // No flushSync per scroll event: React renders the new rows in its own task instead of
    // inside the scroll event, so a fast-scroll frame is not one long synchronous render.
    useFlushSync: false,
  });

  // Rows added or dropped above the viewport: shift the scroll so the same rows stay on screen.
  // The shift is worked out during render and given to the virtualizer before it computes its
  // range, so this render already shows the same rows (in the same slots) at their new index;
  // correcting only after the commit rendered a screen of other rows first and remounted the
  // visible ones, on every page dropped while scrolling. The position before
  // the change is the scroller's own scrollTop, read here before this render's rows reach the
  // DOM (so the browser has not clamped it to a shorter grid yet): the virtualizer's last
  // reading can be a scroll event behind, and anchoring on it undid that scroll whenever a page
  // landed between a scroll and its event (the view jumped back a frame's worth of rows).
  const prevRows = useRef<Row[]>(rows);
  const pendingTop = useRef<number | null>(null);
  if (prevRows.current !== rows) {
    const before = prevRows.current;
    prevRows.current = rows;
    const top = parent.current ? parent.current.scrollTop : v.scrollOffset;
    const pinned = pinStart && top !== null && top < ROW_H / 2;
    const shift =
      before.length === 0 || rows.length === 0 || top === null || pinned
        ? 0
        : viewShift(before, rows, order, top);
    if (shift !== 0 && top !== null) {
      v.scrollOffset = top + shift * ROW_H;
      pendingTop.current = v.scrollOffset;
    }
  }
  useLayoutEffect(() => {
    const top = pendingTop.current;
    pendingTop.current = null;
    const el = parent.current;
    if (top === null || !el) return;
    el.scrollTop = top;
    // Let the virtualizer read the new offset now (its scroll listener runs synchronously):
    // it already rendered for it, so this confirms the range instead of painting a stale one.
    el.dispatchEvent(new Event('scroll'));
  }, [rows, order]);

  // Brings the target into view when it changes or first appears among the rows, once per
  // target (not on every page load, nor when a scrolled-away window drops and reads it again).
  // "First appears" is not "the first rows arrived": after a failed read is retried, the page on
  // the other side of the target can land first (seen: a seek to 20 made during an outage
  // showed rows 1–19, then 20 onwards arrived with the view left at row 1).
  const scrolledFor = useRef<number | null>(null);
  const targetIdx = scrollTo === null ? -1 : indexOfSeq(rows, order, scrollTo);
  const empty = rows.length === 0;
  useEffect(() => {
    if (empty) scrolledFor.current = null;
    if (scrollTo === null || targetIdx < 0 || scrolledFor.current === scrollTo) return;
    scrolledFor.current = scrollTo;
    v.scrollToIndex(targetIdx, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollTo, targetIdx >= 0, empty]);

  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    const el = parent.current;
    if (rows.length === 0 || !el) return;
    // From the scroll position itself, not the virtualizer's range: right after rows are added
    // above (and the scroll shifted to hold the view) that range is one scroll event behind and
    // would report the top as reached again, reading page after page while the view sits still.
    const top = Math.max(0, el.scrollTop);
    const above = Math.floor(top / ROW_H);
    const below = rows.length - Math.ceil((top + el.clientHeight - HEADER_H) / ROW_H);
    onEdges(above, Math.max(0, below));
  }, [first, last, rows, onEdges]);

  return (
    <div
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      className="flex min-h-0 min-w-0 flex-1 flex-col overflow-hidden rounded-lg border border-border bg-panel"
    >
      {/* One scroller both ways: the header sticks to the top and scrolls sideways with the rows. */}
      <div ref={parent} className="min-h-0 flex-1 overflow-auto" data-testid="message-scroller">
        {/* Below the columns' minimum the rows are wider than the table and it scrolls sideways. */}
        <div style={colVars}>
          <div
            role="row"
            aria-rowindex={1}
            className={`${GRID_ROW} sticky top-0 z-10 border-b border-border bg-panel-2 font-medium text-muted`}
            style={{ height: HEADER_H }}
          >
            <div role="columnheader">Seq</div>
            <div role="columnheader" className="truncate">
              Stream time{tz === 'utc' ? ' (UTC)' : ''}
            </div>
            {showCreated ? (
              <div role="columnheader" className="truncate">
                created_at{tz === 'utc' ? ' (UTC)' : ''}
              </div>
            ) : null}
            {/* Named explicitly: the name would otherwise take in the handle's label. */}
            <div role="columnheader" aria-label="Subject" className="relative">
              Subject
              <ColumnResizer
                colKey="subject"
                label="Subject"
                width={cols.widths[2] ?? 0}
                onResize={setWidth}
              />
            </div>
            <div role="columnheader">Type</div>
            <div role="columnheader" aria-label="Sender → recipient" className="relative">
              <span className="block truncate" title="Sender → recipient">
                Sender → recipient
              </span>
              <ColumnResizer
                colKey="route"
                label="Sender → recipient"
                width={cols.widths[4] ?? 0}
                onResize={setWidth}
              />
            </div>
            <div role="columnheader" className="[display:var(--msg-d5)]">
              Content
            </div>
            <div role="columnheader" className="text-right">
              Size
            </div>
          </div>
          <div
            role="rowgroup"
            style={{ height: v.getTotalSize(), position: 'relative', contain: 'strict' }}
          >
            {/* The rendered rows are one block moved to the first one's place (one transform per
                frame, not one per row); keyed by slot (position in the block), not by sequence:
                see above. */}
            <div style={{ transform: `translateY(${(items[0]?.start ?? HEADER_H) - HEADER_H}px)` }}>
              {items.map((it, slot) => {
                const row = rowAt(rows, order, it.index);
                return row ? (
                  <MessageRow
                    key={slot}
                    row={row}
                    index={it.index}
                    selected={row.seq === selected}
                    wide={cols.wide}
                    tz={tz}
                    created={showCreated}
                    onOpen={onOpen}
                    onSearch={onSearch}
                  />
                ) : null;
              })}
            </div>
          </div>
        </div>
        {footer}
      </div>
    </div>
  );
}
