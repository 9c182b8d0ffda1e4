'use client';

import { useState, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { formatCount, formatDuration } from '@/lib/format';
import { CSV_HEADER, toCsvLine, toNdjsonLine } from '@/lib/browse/export';
import { downDirection, searchError } from '@/lib/browse/search';
import { pushdownNote } from '@/lib/browse/pushdown';
import { Kbd } from '@/components/ui/kbd';
import { saveBlob } from './save-blob';
import type { ScanStore } from '@/lib/browse/scan-store';

/** Search box, direction, progress (scanned/total, rate, time left), cancel, match stepping and downloads. */
export function SearchPanel({
  store,
  q,
  direction,
  range,
  order,
  stale,
  position,
  onMatch,
  onRun,
  onClear,
}: {
  store: ScanStore;
  q: string;
  direction: 'forward' | 'backward';
  /** What the search covers: the whole stream, or from the open message on in `direction`. */
  range: 'all' | 'here';
  /** The filter changed since the search ran (it was not restarted): from → to. */
  stale: { from: string | null; to: string | null } | null;
  /** The table's order: the direction choices are named by what they mean on screen. */
  order: 'asc' | 'desc';
  /** 1-based position of the open message among the matches, or null. */
  position: number | null;
  /** Opens the next (1) / previous (-1) match in display order. */
  onMatch: (d: 1 | -1) => void;
  onRun: (q: string, direction: 'forward' | 'backward', range: 'all' | 'here') => void;
  onClear: () => void;
}) {
  const s = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const [text, setText] = useState(q);
  const [dir, setDir] = useState(direction);
  const [scope, setScope] = useState(range);
  // A query that cannot be searched (e.g. `type:` with no value): said inline, no scan starts.
  // A link's query is checked as it opens.
  const [error, setError] = useState<string | null>(() => (q ? searchError(q) : null));
  // Down the table first.
  const down = downDirection(order);
  const up = down === 'forward' ? 'backward' : 'forward';
  const p = s.progress;
  const frac = p && p.total > 0 ? Math.min(1, p.scanned / p.total) : 0;
  const rate = p && s.elapsedMs > 0 ? (p.scanned / s.elapsedMs) * 1000 : 0;
  const left = rate > 0 && p ? ((p.total - p.scanned) / rate) * 1000 : NaN;
  const download = (kind: 'ndjson' | 'csv') => {
    const parts =
      kind === 'csv'
        ? [CSV_HEADER, ...store.messages.map(toCsvLine)]
        : store.messages.map(toNdjsonLine);
    saveBlob(
      new Blob(parts, { type: kind === 'csv' ? 'text/csv' : 'application/x-ndjson' }),
      `matches.${kind}`,
    );
  };
  return (
    <div
      className="space-y-1 rounded-lg border border-border bg-panel p-2"
      data-testid="search-panel"
    >
      <form
        className="flex flex-wrap items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          const err = searchError(text);
          setError(err);
          if (!err) onRun(text.trim(), dir, scope);
        }}
      >
        <label htmlFor="stream-search" className="sr-only">
          Search the whole stream
        </label>
        <input
          id="stream-search"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (error) setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'stream-search-error' : undefined}
          placeholder="Search the whole stream: free text, type:question from:qa_tester to:broadcast task:… agent:… header:Nats-Msg-Id=…"
          spellCheck={false}
          className="h-8 min-w-[16rem] flex-1 rounded-md border border-border bg-panel px-2 font-mono text-sm"
        />
        <select
          aria-label="Search range"
          title="The whole stream (up to its last message when the search starts), or from the open message on"
          value={scope}
          onChange={(e) => setScope(e.target.value as 'all' | 'here')}
          className="h-8 rounded-md border border-border bg-panel px-1 text-sm"
        >
          <option value="all">Whole stream</option>
          <option value="here">From the open message</option>
        </select>
        <select
          aria-label="Search direction"
          title="Which end the matches come from first: down or up the table"
          value={dir}
          onChange={(e) => setDir(e.target.value as 'forward' | 'backward')}
          className="h-8 rounded-md border border-border bg-panel px-1 text-sm"
        >
          <option value={down}>↓ Down the table ({order === 'desc' ? 'older' : 'newer'})</option>
          <option value={up}>↑ Up the table ({order === 'desc' ? 'newer' : 'older'})</option>
        </select>
        <Button type="submit" variant="default" disabled={!text.trim()}>
          Search
        </Button>
        {s.running ? (
          <Button onClick={() => store.cancel()}>Cancel</Button>
        ) : s.q ? (
          <Button variant="ghost" onClick={onClear}>
            Clear
          </Button>
        ) : null}
        {!s.running && s.rows.length > 0 ? (
          <>
            <Button size="sm" onClick={() => download('ndjson')}>
              Download NDJSON
            </Button>
            <Button size="sm" onClick={() => download('csv')}>
              Download CSV
            </Button>
          </>
        ) : null}
      </form>
      {error ? (
        <p
          id="stream-search-error"
          role="alert"
          className="text-xs text-bad"
          data-testid="search-error"
        >
          {error}
        </p>
      ) : null}
      {stale ? (
        <p className="text-xs text-warn" role="status" data-testid="search-stale">
          The filter is now {stale.to ?? 'every subject'}; these matches are from the search under{' '}
          {stale.from ?? 'every subject'}.{' '}
          <button
            type="button"
            className="text-accent hover:underline"
            onClick={() => onRun(s.q, s.direction, s.range?.scope ?? 'all')}
          >
            Search again under {stale.to ?? 'every subject'}
          </button>
        </p>
      ) : null}
      {s.q ? (
        <div
          className="flex flex-wrap items-center gap-2 text-xs text-muted"
          role="status"
          aria-label="Search status"
          data-testid="search-status"
        >
          <div
            className="h-1.5 w-40 overflow-hidden rounded bg-panel-2"
            role="progressbar"
            aria-label="Search progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(frac * 100)}
          >
            <div className="h-full bg-accent" style={{ width: `${frac * 100}%` }} />
          </div>
          <span>
            {formatCount(s.rows.length)} {s.rows.length === 1 ? 'match' : 'matches'} · scanned{' '}
            {formatCount(p?.scanned ?? 0)} / {formatCount(p?.total ?? 0)}
            {rate > 0 ? ` · ${formatCount(Math.round(rate))} msg/s` : ''}
            {s.running && Number.isFinite(left) ? ` · ${formatDuration(left)} left` : ''}
            {!s.running && s.reason === 'end' ? ` · done in ${formatDuration(s.elapsedMs)}` : ''}
            {s.reason === 'aborted' ? ' · cancelled' : ''}
            {s.reason === 'max' ? ' · stopped at 10,000 matches (narrow the search)' : ''}
            {p && pushdownNote(p, direction) ? ` · ${pushdownNote(p, direction)}` : ''}
          </span>
          {s.range ? (
            <span data-testid="search-range">
              {s.range.scope === 'all' ? 'Whole stream' : 'From the open message'}: seq{' '}
              {formatCount(s.range.low)}–{formatCount(s.range.high)}
              {s.filter ? ` under ${s.filter}` : ''}
              {s.newer === null
                ? ''
                : s.newer === 0
                  ? ' · no newer messages since the search began'
                  : ` · ${formatCount(s.newer)} newer ${s.newer === 1 ? 'message' : 'messages'} since the search began (not searched)`}
            </span>
          ) : null}
          {s.error ? <span className="text-bad">{s.error}</span> : null}
          {s.rows.length > 0 ? (
            <span className="ml-auto flex items-center gap-1">
              <span className="tabular-nums" data-testid="match-position">
                {position === null
                  ? `${formatCount(s.rows.length)} ${s.rows.length === 1 ? 'match' : 'matches'}`
                  : `Match ${formatCount(position)} of ${formatCount(s.rows.length)}`}
              </span>
              <Button
                size="sm"
                onClick={() => onMatch(-1)}
                aria-label="Previous match"
                title="Previous match (N)"
              >
                ↑ Prev <Kbd>N</Kbd>
              </Button>
              <Button
                size="sm"
                onClick={() => onMatch(1)}
                aria-label="Next match"
                title="Next match (n)"
              >
                ↓ Next <Kbd>n</Kbd>
              </Button>
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
