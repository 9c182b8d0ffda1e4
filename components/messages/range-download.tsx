'use client';

import { useEffect, useRef, useState } from 'react';
import type { NatsClient } from '@/lib/nats/connection';
import { Button } from '@/components/ui/button';
import { boundsWithLoaded, checkRange, defaultRange, estimateRange } from '@/lib/browse/range';
import { exportRange, type ExportFormat, type ExportProgress } from '@/lib/browse/range-export';
import type { StreamBounds } from '@/lib/browse/seek';
import { formatBytes, formatCount } from '@/lib/format';
import { explainNatsError } from '@/lib/nats/errors';
import { saveBlob } from './save-blob';

type Run =
  | { state: 'idle' }
  | { state: 'running'; progress: ExportProgress | null }
  | { state: 'done'; count: number; bytes: number; name: string }
  | { state: 'cancelled'; count: number }
  | { state: 'error'; message: string };

/**
 * "Download range…": any sequence range of the stream (subject filter applied) as NDJSON or
 * CSV, read in batches into Blob parts with progress and Cancel. Defaults to the loaded rows,
 * else the whole stream; warns before very large ranges.
 */
export function RangeDownload({
  client,
  stream,
  filter,
  bounds: infoBounds,
  loaded,
  onClose,
}: {
  client: NatsClient | null;
  stream: string;
  filter: string | null;
  bounds: (StreamBounds & { bytes?: number }) | null;
  loaded: { first: number; last: number } | null;
  onClose: () => void;
}) {
  // Rows read after STREAM.INFO (the stream grew) are in the stream: without them the defaults
  // (the loaded rows) opened with a "Clamped" notice about the dialog's own values.
  const bounds = infoBounds ? boundsWithLoaded(infoBounds, loaded) : null;
  const [init] = useState(() => defaultRange(loaded, bounds));
  const [from, setFrom] = useState(init ? String(init.from) : '');
  const [to, setTo] = useState(init ? String(init.to) : '');
  const [format, setFormat] = useState<ExportFormat>('ndjson');
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const ac = useRef<AbortController | null>(null);
  const raf = useRef(0);
  useEffect(() => () => (ac.current?.abort(), cancelAnimationFrame(raf.current)), []);

  const check = bounds
    ? checkRange(from, to, bounds)
    : ({ ok: false, error: 'Reading the stream…' } as const);
  const est = check.ok && bounds ? estimateRange(check.range, bounds) : null;
  const running = run.state === 'running';

  const start = async () => {
    if (!check.ok || !client) return;
    const { range } = check;
    const a = new AbortController();
    ac.current = a;
    setRun({ state: 'running', progress: null });
    let latest: ExportProgress | null = null;
    try {
      const r = await exportRange(await client.js(), stream, {
        ...range,
        filter: filter ?? undefined,
        format,
        signal: a.signal,
        // Progress is published at most once per animation frame, not per batch.
        onProgress: (p) => {
          latest = p;
          raf.current ||= requestAnimationFrame(() => {
            raf.current = 0;
            if (!a.signal.aborted) setRun({ state: 'running', progress: latest });
          });
        },
      });
      cancelAnimationFrame(raf.current);
      raf.current = 0;
      if (r.reason === 'aborted') return setRun({ state: 'cancelled', count: r.count });
      const name = `${stream}-${range.from}-${range.to}.${format}`;
      saveBlob(r.blob, name);
      setRun({ state: 'done', count: r.count, bytes: r.blob.size, name });
    } catch (e) {
      setRun(
        a.signal.aborted
          ? { state: 'cancelled', count: 0 }
          : { state: 'error', message: explainNatsError(e, { stream }).message },
      );
    }
  };

  const p = run.state === 'running' ? run.progress : null;
  const input = 'h-8 w-32 rounded-md border border-border bg-panel px-2 font-mono text-sm';
  return (
    <section
      role="dialog"
      aria-modal="false"
      aria-labelledby="range-download-title"
      className="space-y-2 rounded-lg border border-border bg-panel p-3 text-sm"
      data-testid="range-download"
    >
      <div className="flex items-center gap-2">
        <h2 id="range-download-title" className="font-semibold">
          Download range
        </h2>
        <span className="text-xs text-muted">
          {stream}
          {filter ? ` · filter ${filter}` : ' · every subject'}
        </span>
        <Button
          size="sm"
          variant="ghost"
          className="ml-auto"
          onClick={onClose}
          aria-label="Close download range"
        >
          ✕
        </Button>
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <label className="flex flex-col gap-0.5 text-xs text-muted">
          From sequence
          <input
            className={input}
            inputMode="numeric"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            disabled={running}
          />
        </label>
        <label className="flex flex-col gap-0.5 text-xs text-muted">
          To sequence
          <input
            className={input}
            inputMode="numeric"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            disabled={running}
          />
        </label>
        <label className="flex flex-col gap-0.5 text-xs text-muted">
          Format
          <select
            className="h-8 rounded-md border border-border bg-panel px-1 text-sm text-fg"
            value={format}
            onChange={(e) => setFormat(e.target.value as ExportFormat)}
            disabled={running}
          >
            <option value="ndjson">NDJSON (byte-exact)</option>
            <option value="csv">CSV</option>
          </select>
        </label>
        {bounds ? (
          <Button
            size="sm"
            variant="ghost"
            disabled={running}
            onClick={() => (setFrom(String(bounds.first)), setTo(String(bounds.last)))}
          >
            Whole stream
          </Button>
        ) : null}
        {running ? (
          <Button onClick={() => ac.current?.abort()}>Cancel</Button>
        ) : (
          <Button type="submit" variant="default" disabled={!check.ok || !client}>
            Download
          </Button>
        )}
      </form>
      {/* One status line of fixed height (validation, clamping, size): a message appearing or
          changing while typing does not push the table below up and down. */}
      <div className="flex min-h-10 items-start text-xs" data-testid="range-status">
        {running ? null : !check.ok ? (
          from && to ? (
            <p role="alert" className="text-bad">
              {check.error}
            </p>
          ) : (
            <p className="text-muted">Type the first and last sequence to download.</p>
          )
        ) : (
          <p className={est?.warn ? 'text-warn' : 'text-muted'}>
            {check.notice ? `${check.notice} ` : ''}
            {est
              ? `Up to ${formatCount(est.maxMessages)} messages (≈ ${formatBytes(est.approxBytes)})${filter ? '; the filter keeps only matching subjects' : ''}.`
              : ''}
            {est?.warn
              ? ' A download this large takes a while and is held in the browser’s memory until saved: narrow the range or the subject filter if you can; Cancel stops it.'
              : ''}
          </p>
        )}
      </div>
      {run.state === 'running' ? (
        <div className="flex items-center gap-2 text-xs text-muted" role="status">
          <div
            className="h-1.5 w-48 overflow-hidden rounded bg-panel-2"
            role="progressbar"
            aria-label="Download progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round((p?.fraction ?? 0) * 100)}
          >
            <div className="h-full bg-accent" style={{ width: `${(p?.fraction ?? 0) * 100}%` }} />
          </div>
          {p
            ? `${formatCount(p.count)} messages · ${formatBytes(p.chars)} · at #${formatCount(p.atSeq)}`
            : 'Starting…'}
        </div>
      ) : run.state === 'done' ? (
        <p role="status" className="text-xs text-ok">
          Saved {formatCount(run.count)} messages ({formatBytes(run.bytes)}) as {run.name}.
        </p>
      ) : run.state === 'cancelled' ? (
        <p role="status" className="text-xs text-muted">
          Cancelled after {formatCount(run.count)} messages; nothing was saved.
        </p>
      ) : run.state === 'error' ? (
        <p role="alert" className="text-xs text-bad">
          {run.message}
        </p>
      ) : null}
    </section>
  );
}
