'use client';

import Link from 'next/link';
import { useRef, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ShownText } from '@/components/ui/shown-text';
import { cn } from '@/components/ui/cn';
import { formatDuration } from '@/lib/format';
import { formatTime, offsetTag } from '@/lib/time-zone';
import { useTimeZone, useChosenTimeZone } from '@/components/ui/use-time-zone';
import { taskHref } from '@/lib/links';
import type { SortKey, TaskRow } from '@/lib/tasks/summary';

const ROW_H = 36;
const COLS =
  'grid grid-cols-[minmax(12rem,2fr)_6rem_5rem_7rem_minmax(9rem,1fr)_minmax(10rem,1.5fr)_10rem] gap-2 px-3';

const HEADERS: { key: SortKey | null; label: string }[] = [
  { key: 'title', label: 'Task' },
  { key: 'outcome', label: 'Outcome' },
  { key: 'attempts', label: 'Attempts' },
  { key: 'duration', label: 'Duration' },
  { key: 'slowest', label: 'Slowest hop' },
  { key: null, label: 'Agents' },
  { key: 'start', label: 'Started' },
];

/** The all-tasks table: sortable headers, virtualized rows keyed by task id, a selected row. */
export function TasksTable({
  rows,
  stream,
  sort,
  desc,
  onSort,
  selected,
  name,
  scrollRef,
}: {
  rows: TaskRow[];
  stream: string;
  sort: SortKey;
  desc: boolean;
  onSort: (k: SortKey) => void;
  selected: number;
  name: (id: string) => string;
  scrollRef?: RefObject<HTMLDivElement | null>;
}) {
  const linkTz = useChosenTimeZone();
  const [tz] = useTimeZone();
  const own = useRef<HTMLDivElement>(null);
  const ref = scrollRef ?? own;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the one documented way
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_H,
    overscan: 10,
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  return (
    <div
      role="table"
      aria-label="Tasks"
      aria-rowcount={rows.length + 1}
      className="rounded-lg border border-border bg-panel text-sm"
    >
      <div role="row" className={cn(COLS, 'border-b border-border py-2 text-xs text-muted')}>
        {HEADERS.map((h) => (
          <div
            role="columnheader"
            key={h.label}
            aria-sort={h.key === sort ? (desc ? 'descending' : 'ascending') : undefined}
          >
            {h.key ? (
              <button
                type="button"
                className="hover:text-fg"
                onClick={() => onSort(h.key as SortKey)}
              >
                {h.label}
                {h.key === 'start' ? ` (${offsetTag(tz)})` : ''}
                {h.key === sort ? (desc ? ' ↓' : ' ↑') : ''}
              </button>
            ) : (
              h.label
            )}
          </div>
        ))}
      </div>
      <div ref={ref} className="h-[28rem] overflow-auto" data-testid="tasks-scroll">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => {
            const r = rows[it.index] as TaskRow;
            return (
              <div
                role="row"
                aria-rowindex={it.index + 2}
                aria-selected={it.index === selected}
                key={it.key}
                className={cn(
                  COLS,
                  'absolute inset-x-0 items-center border-b border-border',
                  it.index === selected && 'bg-panel-2',
                )}
                style={{ height: ROW_H, transform: `translateY(${it.start}px)` }}
              >
                <div role="cell" className="truncate">
                  <Link
                    className="text-accent underline-offset-2 hover:underline"
                    href={taskHref({ tz: linkTz, stream, task: r.id })}
                    title={r.id}
                  >
                    <ShownText text={r.title ?? r.id} />
                  </Link>
                </div>
                <div
                  role="cell"
                  className={
                    r.outcome === 'failed'
                      ? 'text-bad'
                      : r.outcome === 'completed'
                        ? 'text-ok'
                        : 'text-muted'
                  }
                >
                  {r.outcome}
                </div>
                <div role="cell" className="font-mono tabular-nums">
                  {r.attempts}
                </div>
                <div role="cell" className="font-mono tabular-nums">
                  {formatDuration(r.durationMs)}
                </div>
                <div role="cell" className="truncate font-mono tabular-nums">
                  {r.slowestMs === null
                    ? '—'
                    : `${formatDuration(r.slowestMs)} · ${name(r.slowestWho ?? '')}`}
                </div>
                <div role="cell" className="truncate text-muted">
                  {r.agents.map(name).join(', ')}
                </div>
                <div role="cell" className="font-mono text-xs text-muted tabular-nums">
                  {formatTime(r.startMs, tz).slice(5, 19)}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Scrolls row `i` of a virtualized table into view (the table's scroller). */
export function scrollRowIntoView(el: HTMLDivElement | null, i: number): void {
  if (!el) return;
  const top = i * ROW_H;
  if (top < el.scrollTop) el.scrollTop = top;
  else if (top + ROW_H > el.scrollTop + el.clientHeight)
    el.scrollTop = top + ROW_H - el.clientHeight;
}
