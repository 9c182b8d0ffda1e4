'use client';

import { memo } from 'react';
import { roleColor } from '@/lib/agents/colors';
import { roleLabel } from '@/lib/agents/schema';
import type { Row } from '@/lib/browse/rows';
import { formatBytes, formatTime } from '@/lib/format';
import { cn } from '@/components/ui/cn';

/**
 * Column template shared by the header and the rows, by the table's own width (container
 * query on the grid): wide tables get full times and roomy columns; narrow ones (detail open
 * on a 1280 px screen, a projector) get time of day only and tighter columns, and the content
 * column shrinks with an ellipsis. Below MIN_TABLE_WIDTH the table scrolls sideways.
 */
export const COLUMNS =
  'grid-cols-[4rem_6.5rem_minmax(7rem,1.2fr)_5.5rem_minmax(7rem,1fr)_minmax(6rem,1.6fr)_4rem] @5xl:grid-cols-[5.5rem_10.5rem_minmax(10rem,1.3fr)_8.5rem_minmax(10rem,1fr)_minmax(12rem,2fr)_4.5rem]';
/** Narrowest table before it scrolls horizontally (sum of the narrow template's minimums + gaps). */
export const MIN_TABLE_WIDTH = 'min-w-[44rem]';
export const ROW_H = 32;

const role = (r: string) => (r === 'broadcast' ? 'broadcast' : r.includes('_') || /^[a-z]+$/.test(r) ? roleLabel(r) : r);

/** One table row; re-renders only when its row or its selected flag changes. */
export const MessageRow = memo(function MessageRow({
  row,
  index,
  top,
  selected,
  onOpen,
}: {
  row: Row;
  index: number;
  top: number;
  selected: boolean;
  onOpen: (seq: number) => void;
}) {
  const time = formatTime(row.timeMs);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-seq={row.seq}
      onClick={() => onOpen(row.seq)}
      className={cn(
        'absolute left-0 grid w-full cursor-pointer items-center gap-2 border-b border-border px-2 text-xs hover:bg-panel-2',
        COLUMNS,
        selected && 'bg-accent/15 hover:bg-accent/20',
      )}
      // Fixed size + strict containment: a row's layout and paint never reach its siblings or the
      // page, so a frame that swaps every visible row (fast scrolling) lays out only the new rows.
      style={{ height: ROW_H, transform: `translateY(${top}px)`, contain: 'strict' }}
    >
      <div role="gridcell" className="font-mono tabular-nums text-muted">{row.seq}</div>
      <div role="gridcell" className="truncate font-mono tabular-nums" title={time}>
        <span className="hidden @5xl:inline">{time.slice(5, 11)}</span>
        {time.slice(11)}
      </div>
      <div role="gridcell" className="truncate font-mono" title={row.subject}>{row.subject}</div>
      <div role="gridcell" className="truncate">{row.kind === 'generic' ? <span className="text-muted">generic</span> : row.type}</div>
      <div role="gridcell" className="truncate">
        {row.from ? <span style={{ color: roleColor(row.from) }}>{role(row.from)}</span> : null}
        {row.to ? <span className="text-muted"> → </span> : null}
        {row.to ? <span style={row.to === 'broadcast' ? undefined : { color: roleColor(row.to) }} className={row.to === 'broadcast' ? 'italic text-muted' : undefined}>{role(row.to)}</span> : null}
      </div>
      <div role="gridcell" className="truncate text-muted" title={row.preview}>{row.preview}</div>
      <div role="gridcell" className="text-right font-mono tabular-nums text-muted">{formatBytes(row.size)}</div>
    </div>
  );
});
