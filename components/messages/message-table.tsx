'use client';

import { useEffect, useLayoutEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Row } from '@/lib/browse/rows';
import { cn } from '@/components/ui/cn';
import { COLUMNS, MIN_TABLE_WIDTH, MessageRow, ROW_H } from './message-row';

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
 * The virtualized message grid, keyed by sequence. Loads more when the visible range nears
 * either end; when rows are added above, the scroll position is shifted so the view holds still.
 */
export function MessageTable({
  rows,
  order,
  selected,
  scrollTo,
  onOpen,
  onNearTop,
  onNearBottom,
  footer,
  label,
}: {
  rows: Row[];
  order: 'asc' | 'desc';
  selected: number | null;
  /** Sequence to bring into view when it changes. */
  scrollTo: number | null;
  onOpen: (seq: number) => void;
  onNearTop: () => void;
  onNearBottom: () => void;
  footer?: React.ReactNode;
  label: string;
}) {
  const parent = useRef<HTMLDivElement>(null);
  // The virtualizer keeps its own mutable state; React Compiler skips this component by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_H,
    // Few rows beyond the viewport: each one is DOM to build and lay out on every fast-scroll frame.
    overscan: 4,
    // The sticky header sits inside the scroller above the rows.
    scrollMargin: HEADER_H,
    scrollPaddingStart: HEADER_H,
    getItemKey: (i) => rowAt(rows, order, i)?.seq ?? i,
  });

  // Rows added above the viewport: shift the scroll so the same rows stay on screen.
  const prevTop = useRef<number | null>(null);
  useLayoutEffect(() => {
    const top = rowAt(rows, order, 0)?.seq ?? null;
    const before = prevTop.current;
    prevTop.current = top;
    if (before === null || top === null || top === before || !parent.current) return;
    const idx = indexOfSeq(rows, order, before);
    if (idx > 0) parent.current.scrollTop += idx * ROW_H;
  }, [rows, order]);

  useEffect(() => {
    if (scrollTo === null) return;
    const idx = indexOfSeq(rows, order, scrollTo);
    if (idx >= 0) v.scrollToIndex(idx, { align: 'auto' });
    // Only when the target changes or first appears, not on every page load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollTo, rows.length > 0]);

  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (rows.length === 0) return;
    if (first < 40) onNearTop();
    if (last > rows.length - 40) onNearBottom();
  }, [first, last, rows.length, onNearTop, onNearBottom]);

  return (
    <div role="grid" aria-label={label} aria-rowcount={rows.length + 1} className="@container flex min-h-0 min-w-0 flex-1 flex-col overflow-hidden rounded-lg border border-border bg-panel">
      {/* One scroller both ways: the header sticks to the top and scrolls sideways with the rows. */}
      <div ref={parent} className="min-h-0 flex-1 overflow-auto" data-testid="message-scroller">
        <div className={MIN_TABLE_WIDTH}>
          <div
            role="row"
            aria-rowindex={1}
            className={cn('sticky top-0 z-10 grid items-center gap-2 border-b border-border bg-panel-2 px-2 text-xs font-medium text-muted', COLUMNS)}
            style={{ height: HEADER_H }}
          >
            <div role="columnheader">Seq</div>
            <div role="columnheader">Stream time</div>
            <div role="columnheader">Subject</div>
            <div role="columnheader">Type</div>
            <div role="columnheader" className="truncate">Sender → recipient</div>
            <div role="columnheader">Content</div>
            <div role="columnheader" className="text-right">Size</div>
          </div>
          <div role="rowgroup" style={{ height: v.getTotalSize(), position: 'relative', contain: 'strict' }}>
            {items.map((it) => {
              const row = rowAt(rows, order, it.index);
              return row ? <MessageRow key={row.seq} row={row} index={it.index} top={it.start - HEADER_H} selected={row.seq === selected} onOpen={onOpen} /> : null;
            })}
          </div>
        </div>
        {footer}
      </div>
    </div>
  );
}
