'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { parseAsString, useQueryStates } from 'nuqs';
import { useConnectionStatus, useNatsClient } from '@/components/nats/nats-provider';
import { BigStat } from '@/components/stats/parts';
import { isTypingTarget } from '@/components/shell/shortcuts';
import { useStreamName } from '@/components/shell/use-stream-name';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { formatCount, formatDuration } from '@/lib/format';
import { taskHref } from '@/lib/links';
import { useChosenTimeZone } from '@/components/ui/use-time-zone';
import { figures, matchRow, sortRows, type SortKey } from '@/lib/tasks/summary';
import { parseWindow } from '@/lib/timeline/viewport';
import { DurationChart, RespondersChart } from './task-charts';
import { TasksTable, scrollRowIntoView } from './tasks-table';
import { useAllTasks } from './use-all-tasks';

const SORTS: readonly SortKey[] = ['title', 'outcome', 'attempts', 'duration', 'slowest', 'start'];
const WINDOWS = ['', '1h', '6h', '24h', '7d'] as const;

/** Parses `sort` (`key` or `-key`); unknown keys fall back to start time, newest first. */
function parseSort(v: string | null): { key: SortKey; desc: boolean; error: string | null } {
  if (!v) return { key: 'start', desc: true, error: null };
  const desc = v.startsWith('-');
  const k = (desc ? v.slice(1) : v) as SortKey;
  return SORTS.includes(k)
    ? { key: k, desc, error: null }
    : {
        key: 'start',
        desc: true,
        error: `"sort=${v}" is not a column: use one of ${SORTS.join(', ')} (prefix - for descending).`,
      };
}

/** /tasks: every task in the stream (or a window) with figures, charts and a sortable table. */
export function TasksView() {
  const linkTz = useChosenTimeZone();
  const [stream] = useStreamName();
  const client = useNatsClient();
  const status = useConnectionStatus();
  const router = useRouter();
  const [p, setP] = useQueryStates(
    { q: parseAsString, sort: parseAsString, window: parseAsString },
    { history: 'replace' },
  );
  const sort = parseSort(p.sort);
  const windowMs = p.window ? parseWindow(p.window) : null;
  const windowError =
    p.window && windowMs === null
      ? `"window=${p.window}" is not a span like 1h, 24h or 7d (at most 7 days).`
      : null;
  const store = useAllTasks(client, status.state === 'connected', stream, windowMs);
  const version = store?.getSnapshot() ?? 0;
  const name = (id: string) => store?.enricher.name(id) ?? id;
  const rows = useMemo(() => {
    if (!store) return [];
    const en = store.enricher;
    return sortRows(
      store.rows.filter((r) => matchRow(r, p.q ?? '', (id) => en.name(id))),
      sort.key,
      sort.desc,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for the store's rows
  }, [store, version, p.q, sort.key, sort.desc]);
  const figs = useMemo(() => figures(store?.rows ?? []), [store, store?.phase]); // eslint-disable-line react-hooks/exhaustive-deps -- rows are set once, at the phase change
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for the enrichment
  const responders = useMemo(() => store?.enricher.responders() ?? [], [store, version]);
  const [selected, setSelected] = useState(0);
  const filterRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  // '/': the filter; j/k: the selected row; Enter: open it (listed in the ? help).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        filterRef.current?.focus();
      } else if (e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        setSelected((s) => {
          const n = Math.max(0, Math.min(rows.length - 1, s + (e.key === 'j' ? 1 : -1)));
          scrollRowIntoView(scrollRef.current, n);
          return n;
        });
      } else if (e.key === 'Enter' && rows[selected]) {
        e.preventDefault();
        router.push(taskHref({ tz: linkTz, stream, task: (rows[selected] as { id: string }).id }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selected, router, stream, linkTz]);

  const onSort = (k: SortKey) => void setP({ sort: k === sort.key && sort.desc ? k : `-${k}` });
  const scanning = store?.phase === 'scan';
  const pct = store?.total ? Math.round((store.scanned / store.total) * 100) : 0;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold">Tasks</h1>
          <p className="text-sm text-muted" data-testid="tasks-summary">
            Stream <span className="font-mono">{stream}</span> ·{' '}
            {store && store.phase !== 'tasks'
              ? `${formatCount(store.rows.length)} tasks`
              : 'reading task events…'}
            {p.q ? ` · ${formatCount(rows.length)} match` : ''}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1.5 text-sm">
            <span className="text-muted">Filter</span>
            <input
              ref={filterRef}
              value={p.q ?? ''}
              onChange={(e) => void setP({ q: e.target.value || null })}
              placeholder="title, id, agent:…, outcome:failed"
              className="h-8 w-64 rounded-md border border-border bg-panel px-2 text-sm"
            />
          </label>
          <label className="flex items-center gap-1.5 text-sm">
            <span className="text-muted">Window</span>
            <select
              value={windowMs ? (p.window ?? '') : ''}
              onChange={(e) => void setP({ window: e.target.value || null })}
              className="h-8 rounded-md border border-border bg-panel px-2 text-sm"
            >
              {WINDOWS.map((w) => (
                <option key={w} value={w}>
                  {w ? `last ${w}` : 'whole stream'}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {sort.error ? (
        <Notice tone="error" title="Unknown sort column">
          {sort.error}
        </Notice>
      ) : null}
      {windowError ? (
        <Notice tone="error" title="The window is not valid">
          {windowError} The whole stream is shown.
        </Notice>
      ) : null}
      {status.state !== 'connected' && !store ? (
        <Notice>Waiting for the NATS connection…</Notice>
      ) : null}
      {store?.phase === 'error' ? (
        <Notice tone="error" title="Could not read the tasks">
          {store.error}
        </Notice>
      ) : null}
      {scanning ? (
        <div className="space-y-1" data-testid="scan-progress">
          <div className="text-xs text-muted">
            Measuring reply latencies: {formatCount(store.scanned)} of{' '}
            {store.total !== null ? formatCount(store.total) : '…'} messages scanned
          </div>
          <div
            role="progressbar"
            aria-label="Message scan"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            className="h-1.5 overflow-hidden rounded bg-panel-2"
          >
            <div className="h-full bg-accent" style={{ width: `${pct}%` }} />
          </div>
        </div>
      ) : null}
      <Card className="grid grid-cols-2 gap-4 p-4 sm:grid-cols-4">
        <BigStat
          label="Tasks"
          value={store && store.phase !== 'tasks' ? formatCount(store.rows.length) : '…'}
        />
        <BigStat
          label="Failure rate"
          value={figs.failureRate === null ? '—' : `${Math.round(figs.failureRate * 100)} %`}
          hint="failed of ended"
          tone={figs.failureRate !== null && figs.failureRate > 0.2 ? 'bad' : undefined}
        />
        <BigStat label="Retried" value={formatCount(figs.retried)} hint="more than one attempt" />
        <BigStat
          label="Completed p50 / p95"
          value={(() => {
            const c = figs.byOutcome.find((o) => o.outcome === 'completed');
            return c ? `${formatDuration(c.p50)} / ${formatDuration(c.p95)}` : '—';
          })()}
        />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <DurationChart data={figs.byOutcome} />
        <RespondersChart data={responders} scanning={!!scanning || store?.phase === 'tasks'} />
      </div>
      <TasksTable
        rows={rows}
        stream={stream}
        sort={sort.key}
        desc={sort.desc}
        onSort={onSort}
        selected={selected}
        name={name}
        scrollRef={scrollRef}
      />
      {store?.phase !== 'tasks' && store && rows.length === 0 ? (
        <Notice>
          {store.rows.length
            ? 'No task matches the filter.'
            : 'No task events in the stream (subjects agent.task.>).'}
        </Notice>
      ) : null}
    </div>
  );
}
