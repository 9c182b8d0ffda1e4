'use client';

import { useState, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { Kbd } from '@/components/ui/kbd';
import { formatCount, formatDuration } from '@/lib/format';
import type { TimelineStore } from '@/lib/timeline/store';
import { useTimelineSnapshot } from './use-timeline-snapshot';
import { parseWindow, WINDOW_PRESETS } from '@/lib/timeline/viewport';
import type { TimelineParams } from './use-timeline-params';
import type { ViewStore } from '@/lib/timeline/view-store';

/** Backfill window, pause/resume, zoom and "now". Keys: space, +/-, ←/→, n. */
export function TimelineToolbar({
  p,
  paused,
  store,
  view,
}: {
  p: TimelineParams;
  paused: boolean;
  store: TimelineStore;
  view: ViewStore;
}) {
  const v = useSyncExternalStore(view.subscribe, view.getSnapshot, view.getSnapshot);
  const preset = (WINDOW_PRESETS as readonly string[]).includes(p.windowKey);
  const [custom, setCustom] = useState(preset ? '' : p.windowKey);
  const [customError, setCustomError] = useState<string | null>(null);
  const applyCustom = () => {
    if (parseWindow(custom) === null)
      setCustomError('Use a number and a unit: 90s, 30m, 6h, 2d (up to 7d).');
    else {
      setCustomError(null);
      p.setWindow(custom.trim());
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="flex items-center gap-1 text-sm">
        <span className="text-muted">Backfill</span>
        <select
          aria-label="Backfill window"
          className="h-8 rounded-md border border-border bg-panel px-2 text-sm"
          value={preset ? p.windowKey : 'custom'}
          onChange={(e) =>
            e.target.value === 'custom' ? setCustom(p.windowKey) : p.setWindow(e.target.value)
          }
        >
          <option value="5m">last 5 min</option>
          <option value="1h">last 1 h</option>
          <option value="24h">last 24 h</option>
          <option value="custom">custom…</option>
        </select>
      </label>
      <form
        className="flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          applyCustom();
        }}
      >
        <input
          aria-label="Custom backfill window"
          placeholder="e.g. 30m"
          value={custom}
          onChange={(e) => setCustom(e.target.value)}
          className="h-8 w-24 rounded-md border border-border bg-panel px-2 font-mono text-sm"
        />
        <Button size="sm" type="submit">
          Apply
        </Button>
      </form>
      {customError ? (
        <span role="alert" className="text-xs text-bad">
          {customError}
        </span>
      ) : null}
      <span className="mx-1 h-6 w-px bg-border" />
      <Button
        variant={paused ? 'default' : 'outline'}
        onClick={() => p.setPaused(!paused)}
        aria-pressed={paused}
        data-testid="pause-button"
        title="Pause / resume (space)"
      >
        {paused ? 'Resume' : 'Pause'} <Kbd>space</Kbd>
      </Button>
      {paused ? <WaitingCount store={store} view={view} /> : null}
      <span className="mx-1 h-6 w-px bg-border" />
      <Button
        size="icon"
        onClick={() => view.setSpan(v.spanMs / 2)}
        aria-label="Zoom in"
        title="Zoom in (+)"
      >
        +
      </Button>
      <span
        className="w-16 text-center font-mono text-sm"
        data-testid="zoom-span"
        title="Visible span"
      >
        {formatDuration(v.spanMs)}
      </span>
      <Button
        size="icon"
        onClick={() => view.setSpan(v.spanMs * 2)}
        aria-label="Zoom out"
        title="Zoom out (-)"
      >
        −
      </Button>
      {/* Paused, the view is frozen: it follows nothing until resumed. */}
      <Button
        size="sm"
        variant={v.endMs === null && !paused ? 'ghost' : 'default'}
        onClick={() => {
          if (paused) p.setPaused(false);
          view.follow();
        }}
        disabled={v.endMs === null && !paused}
        title={paused ? 'Resume and follow now' : 'Follow now (n)'}
        data-testid="follow-button"
      >
        {paused ? 'Resume at now' : v.endMs === null ? 'Following now' : 'Back to now'}
      </Button>
      <span className="mx-1 h-6 w-px bg-border" />
      <label className="flex items-center gap-1 text-sm">
        <span className="text-muted">Time axis</span>
        <select
          aria-label="Time axis clock"
          className="h-8 rounded-md border border-border bg-panel px-2 text-sm"
          value={p.clock}
          onChange={(e) => p.setClock(e.target.value === 'stream' ? 'stream' : 'agent')}
          title={
            p.clock === 'agent'
              ? "The agents' clock: each payload's created_at (stream time where a payload has none)"
              : 'Stream time: when the server stored each message'
          }
        >
          <option value="agent">agents&apos; clock (created_at)</option>
          <option value="stream">stream time (ingest)</option>
        </select>
      </label>
      <span className="ml-auto text-xs text-muted">
        wheel zooms · drag or <Kbd>←</Kbd>
        <Kbd>→</Kbd> pans · click opens
      </span>
    </div>
  );
}

/** Events that arrived since pausing (subscribes itself: it changes with every snapshot). */
function WaitingCount({ store, view }: { store: TimelineStore; view: ViewStore }) {
  const s = useTimelineSnapshot(store, view);
  return (
    <span className="text-sm" data-testid="waiting-count" aria-live="polite">
      {formatCount(s.waiting)} waiting
    </span>
  );
}
