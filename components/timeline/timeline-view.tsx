'use client';

import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useConnectionStatus, useNatsClient } from '@/components/nats/nats-provider';
import { isTypingTarget } from '@/components/shell/shortcuts';
import { useStreamName } from '@/components/shell/use-stream-name';
import { Card, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import type { NatsClient } from '@/lib/nats/connection';
import { roleLabel } from '@/lib/agents/schema';
import { hydrateMessage, type TimelineEvent } from '@/lib/timeline/event';
import { TimelineStore } from '@/lib/timeline/store';
import { formatDuration } from '@/lib/format';
import { mayWriteUrl } from '@/lib/navigation-intent';
import { EventPanel } from './event-panel';
import { PauseOnField } from './pause-on-field';
import { followStream } from '@/lib/timeline/follow-stream';
import { RatesChart } from './rates-chart';
import { TimelineLegend } from './timeline-legend';
import { RecentEvents } from './recent-events';
import { TimelineCanvas, type CanvasFilters } from './timeline-canvas';
import { TimelineCounters } from './timeline-counters';
import { TimelineFilters } from './timeline-filters';
import { TimelineToolbar } from './timeline-toolbar';
import { useTimelineParams, type TimelineParams } from './use-timeline-params';
import { useTimelineHeader, useTimelineSnapshot } from './use-timeline-snapshot';
import { ViewStore } from '@/lib/timeline/view-store';
import { useTimeZone } from '@/components/ui/use-time-zone';
import { showHidden } from '@/lib/hidden-chars';

/** Which clock the axis and the rates follow, in words (the toolbar switches it). */
const CLOCK_LABEL = {
  agent: "agents' clock (created_at; stream time where absent)",
  stream: 'stream time (ingest)',
} as const;

const clientIds = new WeakMap<NatsClient, number>();
let nextClientId = 1;
const clientKey = (c: NatsClient | null) => {
  if (!c) return 0;
  if (!clientIds.has(c)) clientIds.set(c, nextClientId++);
  return clientIds.get(c)!;
};

/** /timeline: a fresh session (store + consumers) per stream, window and connection. */
export function TimelineView() {
  const [stream] = useStreamName();
  const p = useTimelineParams();
  const client = useNatsClient();
  return (
    // Wide: at 1920 px the lanes use the screen's width (the page cap is for reading text).
    <div className="space-y-3" data-wide-page>
      {p.windowError ? (
        <Notice tone="warn" title={`"${p.windowError}" is not a backfill window`}>
          Showing the last {formatDuration(p.windowMs)}. Use 5m, 1h, 24h or any number with s, m, h
          or d (up to 7d).
        </Notice>
      ) : null}
      {client ? (
        <TimelineSession
          key={`${stream}|${p.windowKey}|${p.clock}|${clientKey(client)}`}
          stream={stream}
          client={client}
          p={p}
        />
      ) : (
        <p className="text-sm text-muted">Waiting for the connection…</p>
      )}
    </div>
  );
}

function TimelineSession({
  stream,
  client,
  p,
}: {
  stream: string;
  client: NatsClient;
  p: TimelineParams;
}) {
  // React hears in a task of its own, not inside the frame that decodes and draws, and twice a
  // second: at thousands of events a second every refresh rewrites all 30 log rows and the
  // counters (the page's largest remaining main-thread work; the canvas moves on its own).
  const [store] = useState(
    () => new TimelineStore({ notifySchedule: (cb) => setTimeout(cb, 0), minNotifyMs: 500 }),
  );
  const [view] = useState(() => new ViewStore(p.zoomMs));
  const [selected, setSelected] = useState<number | null>(null);
  const status = useConnectionStatus();
  // Only the few fields this frame shows: the counters, log and lane list subscribe to the
  // whole snapshot themselves, so its counts (2×/s) re-render them alone.
  const h = useTimelineHeader(store);

  useEffect(() => {
    // The read, and the gap marks from its connection (followStream picks which).
    const stop = followStream(client, store, { stream, windowMs: p.windowMs, clock: p.clock });
    const tick = setInterval(() => store.tick(), 1000);
    return () => {
      clearInterval(tick);
      void stop();
    };
    // The session is keyed by stream + window + clock + client: these never change within it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  useEffect(() => store.setPaused(p.paused), [store, p.paused]);
  // After every commit of the session (each snapshot): see ViewStore.domChangedAt.
  useLayoutEffect(() => view.noteDomChange());

  // Zoom goes to the URL, debounced (wheel zoom changes it many times a second).
  const { setZoom, setPaused } = p;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = view.getSnapshot().spanMs;
    const off = view.subscribe(() => {
      const span = view.getSnapshot().spanMs;
      if (span === last) return;
      last = span;
      clearTimeout(timer);
      // Not while a link click is pending: the write would cancel it (lib/navigation-intent.ts).
      timer = setTimeout(() => mayWriteUrl('/timeline') && setZoom(span), 400);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [view, setZoom]);

  // Page keys: space pause/resume, +/- zoom, arrows pan, n back to now, Esc closes the detail.
  // Listed for the help overlay in TIMELINE_KEYS (components/shell/page-keys.tsx): keep in step.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      const now = store.pausedAtMs ?? Date.now();
      const w = Math.max(1, window.innerWidth - 200);
      if (e.key === ' ') {
        if ((e.target as HTMLElement | null)?.tagName === 'BUTTON') return;
        e.preventDefault();
        setPaused(!store.getSnapshot().paused);
      } else if (e.key === '+' || e.key === '=') view.setSpan(view.getSnapshot().spanMs / 2);
      else if (e.key === '-') view.setSpan(view.getSnapshot().spanMs * 2);
      else if (e.key === 'ArrowLeft') view.pan(w / 5, w, now);
      else if (e.key === 'ArrowRight') view.pan(-w / 5, w, now);
      else if (e.key === 'n') view.follow();
      else if (e.key === 'Escape') setSelected(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, view, setPaused]);

  const [tz] = useTimeZone();
  // Keyed by content: the parsed params are new objects on every render.
  const agentsKey = p.agents.join(',');
  const kindsKey = [...p.kinds].join(',');
  const filters = useMemo(
    () => ({
      kinds: new Set(kindsKey.split(',')),
      task: p.task,
      agents: agentsKey ? agentsKey.split(',') : [],
      tz,
    }),
    [kindsKey, p.task, agentsKey, tz],
  );
  const lanes = useMemo(() => store.model.lanes(), [store, h.rosterVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  const selectedEvent = useMemo(() => {
    if (selected === null) return null;
    const r = store.model.ring;
    const i = r.lowerBoundSeq(selected);
    return i < r.size && r.at(i).seq === selected ? r.at(i) : null;
  }, [store, selected]);
  const onSelect = useCallback((seq: number) => setSelected(seq), []);
  const nameOf = useCallback((id: string) => store.model.agents.get(id)?.name, [store]);

  return (
    <>
      <Card>
        <CardHeader
          title={
            <>
              Live timeline · <span className="font-mono">{stream}</span>
            </>
          }
          actions={
            <span className="flex items-center gap-3 text-xs text-muted">
              <span data-testid="timeline-clock">time axis: {CLOCK_LABEL[p.clock]}</span>
              <span className="text-xs text-muted" data-testid="timeline-state">
                {h.paused
                  ? 'paused'
                  : h.catchingUp
                    ? 'reading backfill…'
                    : status.state === 'connected'
                      ? 'live'
                      : status.state}
              </span>
            </span>
          }
        />
        <div className="space-y-2 border-b border-border px-4 py-2">
          <TimelineToolbar p={p} paused={h.paused} store={store} view={view} />
          <PauseOnField client={client} stream={stream} store={store} view={view} paused={p.paused} setPaused={setPaused} onSelect={onSelect} />
          <TimelineFilters p={p} agents={lanes} />
        </div>
        {h.error ? (
          <div className="p-4">
            <Notice tone="error" title="Cannot follow the stream">
              {h.error} Retrying…
            </Notice>
          </div>
        ) : null}
        <TimelineCounters store={store} view={view} />
        <div className="border-t border-border">
          <TimelineCanvas store={store} view={view} filters={filters} onSelect={onSelect} />
        </div>
        <TimelineLegend />
        <AgentLanes store={store} view={view} agents={filters.agents} />
      </Card>
      <div className="grid gap-3 lg:grid-cols-2">
        <Card>
          <CardHeader
            title="Events per second in view"
            actions={<span className="text-xs text-muted">{CLOCK_LABEL[p.clock]}</span>}
          />
          <div className="p-2">
            <RatesChart store={store} view={view} tz={tz} />
          </div>
        </Card>
        <Card>
          <CardHeader title="Recent events" />
          <RecentLog
            store={store}
            view={view}
            filters={filters}
            onSelect={onSelect}
            selected={selected}
            nameOf={nameOf}
          />
        </Card>
      </div>
      {selected !== null ? (
        <EventPanel
          stream={stream}
          seq={selected}
          event={selectedEvent}
          onClose={() => setSelected(null)}
          onFilterTask={(t) => p.setTask(t)}
        />
      ) : null}
    </>
  );
}

/** The agents' lanes and statuses, for screen readers (the canvas draws them). */
function AgentLanes({
  store,
  view,
  agents,
}: {
  store: TimelineStore;
  view: ViewStore;
  agents: readonly string[];
}) {
  useTimelineSnapshot(store, view);
  const lanes = store.model.lanes();
  const shown = agents.length ? lanes.filter((a) => agents.includes(a.id)) : lanes;
  return (
    // Its statuses change with every snapshot, and an out-of-flow box is no layout boundary:
    // each change laid out the whole page. The empty in-flow box around it contains that.
    <div className="relative h-0 [contain:strict]">
      <ul className="sr-only" aria-label="Agent lanes" data-testid="agent-lanes">
        {shown.map((a) => (
          <li key={a.id} data-agent={a.id} data-status={a.status ?? ''}>
            {showHidden(a.name ?? a.id)} ({roleLabel(a.role)}):{' '}
            {a.status ? showHidden(a.status) : 'no status yet'}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The newest events the view shows that pass the filters (re-read with each snapshot). */
function RecentLog({
  store,
  view,
  filters,
  ...rest
}: {
  store: TimelineStore;
  view: ViewStore;
  filters: CanvasFilters;
  onSelect: (seq: number) => void;
  selected: number | null;
  nameOf: (agentId: string) => string | null | undefined;
}) {
  const s = useTimelineSnapshot(store, view);
  const recent = useMemo(() => {
    const pred = (e: TimelineEvent) =>
      (filters.kinds as ReadonlySet<string>).has(e.kind === 'generic' ? 'message' : e.kind) &&
      (!filters.task || e.taskId === filters.task) &&
      (filters.agents.length === 0 ||
        // A message's sender is known once its payload is decoded (only the newest are).
        ((e.kind !== 'message' || hydrateMessage(e).agentId !== null) &&
          e.agentId !== null &&
          filters.agents.includes(e.agentId)));
    return store.recent(30, pred);
  }, [store, s.viewSeq, s.version, filters]); // eslint-disable-line react-hooks/exhaustive-deps
  return <RecentEvents events={recent} tz={filters.tz ?? 'local'} {...rest} />;
}
