'use client';

import { memo } from 'react';
import { roleColor } from '@/lib/agents/colors';
import { roleLabel } from '@/lib/agents/schema';
import type { Row } from '@/lib/browse/rows';
import { formatBytes, formatTime } from '@/lib/format';

export const ROW_H = 32;

/**
 * Classes shared by the header and the rows. The column template is one CSS variable set on
 * the table from its measured width (`lib/browse/columns.ts`): fixed px tracks, no container
 * query or `fr` track for the browser to resolve on every row it mounts while scrolling.
 */
export const GRID_ROW = 'grid grid-cols-(--msg-cols) items-center gap-2 px-2 text-xs';
// Plain strings (no cn()/twMerge per render): a fast scroll mounts dozens of rows a frame.
const ROW = `${GRID_ROW} absolute left-0 w-full cursor-pointer border-b border-border`;
const ROW_PLAIN = `${ROW} hover:bg-panel-2`;
const ROW_SELECTED = `${ROW} bg-accent/15 hover:bg-accent/20`;
const MONO_MUTED = 'font-mono tabular-nums text-muted';

const role = (r: string) => (r === 'broadcast' ? 'broadcast' : r.includes('_') || /^[a-z]+$/.test(r) ? roleLabel(r) : r);

/** One table row; re-renders only when its row, position, selection or time format changes. */
export const MessageRow = memo(function MessageRow({
  row,
  index,
  top,
  selected,
  wide,
  onOpen,
}: {
  row: Row;
  index: number;
  top: number;
  selected: boolean;
  /** Wide table: the time column shows month-day too (else the time of day only). */
  wide: boolean;
  onOpen: (seq: number) => void;
}) {
  const time = formatTime(row.timeMs);
  const generic = row.kind === 'generic';
  const broadcast = row.to === 'broadcast';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-seq={row.seq}
      onClick={() => onOpen(row.seq)}
      className={selected ? ROW_SELECTED : ROW_PLAIN}
      // Fixed size + strict containment: a row's layout and paint never reach its siblings or the
      // page, so a frame that swaps every visible row (fast scrolling) lays out only the new rows.
      style={{ height: ROW_H, transform: `translateY(${top}px)`, contain: 'strict' }}
    >
      <div role="gridcell" className={MONO_MUTED}>{row.seq}</div>
      <div role="gridcell" className="truncate font-mono tabular-nums" title={time}>{time.slice(wide ? 5 : 11)}</div>
      <div role="gridcell" className="truncate font-mono" title={row.subject}>{row.subject}</div>
      <div role="gridcell" className={generic ? 'truncate text-muted' : 'truncate'}>{generic ? 'generic' : row.type}</div>
      <div role="gridcell" className="truncate">
        {row.from ? <span style={{ color: roleColor(row.from) }}>{role(row.from)}</span> : null}
        {row.to ? <span className="text-muted"> → </span> : null}
        {row.to ? <span style={broadcast ? undefined : { color: roleColor(row.to) }} className={broadcast ? 'italic text-muted' : undefined}>{role(row.to)}</span> : null}
      </div>
      <div role="gridcell" className="truncate text-muted" title={row.preview}>{row.preview}</div>
      <div role="gridcell" className={`text-right ${MONO_MUTED}`}>{formatBytes(row.size)}</div>
    </div>
  );
});
