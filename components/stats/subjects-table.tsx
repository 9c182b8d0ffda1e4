'use client';

import { useMemo, useRef } from 'react';
import Link from 'next/link';
import { useVirtualizer } from '@tanstack/react-virtual';
import { parseAsStringLiteral, useQueryState } from 'nuqs';
import { Card, CardHeader } from '@/components/ui/card';
import { formatCount } from '@/lib/format';
import { messagesHref } from '@/lib/links';
import { useChosenTimeZone } from '@/components/ui/use-time-zone';
import { sortSubjects, type SubjectRow } from '@/lib/stats/subjects';
import { ShownText } from '@/components/ui/shown-text';
import { showHidden } from '@/lib/hidden-chars';

const SORTS = ['count-desc', 'count-asc', 'subject-asc', 'subject-desc'] as const;
const ROW = 32;

/** Every subject with its count, sortable (URL `sort`), virtualized; rows open the browser. */
export function SubjectsTable({ stream, rows }: { stream: string; rows: readonly SubjectRow[] }) {
  const linkTz = useChosenTimeZone();
  const [sort, setSort] = useQueryState(
    'sort',
    parseAsStringLiteral(SORTS).withDefault('count-desc'),
  );
  const sorted = useMemo(() => sortSubjects(rows, sort), [rows, sort]);
  const total = useMemo(() => rows.reduce((s, r) => s + r.count, 0), [rows]);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the one documented way
  const v = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 12,
    getItemKey: (i) => sorted[i]!.subject,
  });
  const toggle = (col: 'count' | 'subject') => {
    const next =
      col === 'count'
        ? sort === 'count-desc'
          ? 'count-asc'
          : 'count-desc'
        : sort === 'subject-asc'
          ? 'subject-desc'
          : 'subject-asc';
    void setSort(next === 'count-desc' ? null : next);
  };
  const arrow = (col: 'count' | 'subject') =>
    sort.startsWith(col) ? (sort.endsWith('asc') ? ' ▲' : ' ▼') : '';
  const ariaSort = (col: 'count' | 'subject') =>
    sort.startsWith(col) ? (sort.endsWith('asc') ? 'ascending' : 'descending') : 'none';

  return (
    <Card>
      <CardHeader title={`All subjects (${formatCount(rows.length)})`} />
      <div role="table" aria-label="Subjects" aria-rowcount={sorted.length + 1} className="text-sm">
        <div role="row" className="flex border-b border-border px-4 py-1.5 text-xs text-muted">
          <div role="columnheader" aria-sort={ariaSort('subject')} className="flex-1">
            <button onClick={() => toggle('subject')} className="hover:text-fg">
              Subject{arrow('subject')}
            </button>
          </div>
          <div role="columnheader" aria-sort={ariaSort('count')} className="w-32 text-right">
            <button onClick={() => toggle('count')} className="hover:text-fg">
              Messages{arrow('count')}
            </button>
          </div>
          <div role="columnheader" className="w-20 text-right">
            Share
          </div>
        </div>
        <div ref={scroller} className="max-h-[480px] overflow-auto">
          <div style={{ height: v.getTotalSize(), position: 'relative' }}>
            {v.getVirtualItems().map((it) => {
              const r = sorted[it.index]!;
              return (
                <div
                  role="row"
                  aria-rowindex={it.index + 2}
                  key={it.key}
                  className="absolute inset-x-0 flex items-center border-b border-border/50 px-4 hover:bg-panel-2"
                  style={{ height: ROW, transform: `translateY(${it.start}px)` }}
                >
                  <div role="cell" className="min-w-0 flex-1 truncate font-mono">
                    <Link
                      href={messagesHref({ tz: linkTz, stream, filter: r.subject })}
                      className="hover:text-accent hover:underline"
                      title={`Browse ${showHidden(r.subject)}`}
                    >
                      <ShownText text={r.subject} />
                    </Link>
                  </div>
                  <div role="cell" className="w-32 text-right font-mono tabular-nums">
                    {formatCount(r.count)}
                  </div>
                  <div role="cell" className="w-20 text-right text-xs text-muted">
                    {total ? ((r.count / total) * 100).toFixed(2) : '0'}%
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </Card>
  );
}
