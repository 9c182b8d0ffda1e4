'use client';

import { useTimeZone } from '@/components/ui/use-time-zone';
import { useLayoutEffect, useMemo } from 'react';
import { useConnectionStatus } from '@/components/nats/nats-provider';
import { Card, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import type { NatsClient } from '@/lib/nats/connection';
import { CLOCK_LABEL, sessionStateLabel, viewFilters } from '@/lib/timeline/session';
import { AgentLanes } from './agent-lanes';
import { EventPanel } from './event-panel';
import { PauseOnField } from './pause-on-field';
import { RatesChart } from './rates-chart';
import { RecentLog } from './recent-log';
import { TimelineCanvas } from './timeline-canvas';
import { TimelineCounters } from './timeline-counters';
import { TimelineFilters } from './timeline-filters';
import { TimelineLegend } from './timeline-legend';
import { TimelineToolbar } from './timeline-toolbar';
import { useLiveTimeline } from './use-live-timeline';
import { useSelectedEvent } from './use-selected-event';
import { useTimelineKeys } from './use-timeline-keys';
import type { TimelineParams } from './use-timeline-params';
import { useTimelineHeader } from './use-timeline-snapshot';
import { useZoomInUrl } from './use-zoom-in-url';

/** One session of /timeline: its store and read, the header, toolbar, canvas, log and detail. */
export function TimelineSession({
  stream,
  client,
  p,
}: {
  stream: string;
  client: NatsClient;
  p: TimelineParams;
}) {
  const { store, view } = useLiveTimeline(client, stream, p);
  const sel = useSelectedEvent(store);
  const status = useConnectionStatus();
  // Only the few fields this frame shows: the counters, log and lane list subscribe to the
  // whole snapshot themselves, so its counts (2×/s) re-render them alone.
  const h = useTimelineHeader(store);
  // After every commit of the session (each snapshot): see ViewStore.domChangedAt.
  useLayoutEffect(() => view.noteDomChange());
  const { setPaused } = p;
  useZoomInUrl(view, p.setZoom);
  useTimelineKeys(store, view, setPaused, sel.close);

  // Keyed by content: the parsed params are new objects on every render.
  const [tz] = useTimeZone();
  const agentsKey = p.agents.join(',');
  const kindsKey = [...p.kinds].join(',');
  const filters = useMemo(
    () => viewFilters(kindsKey, p.task, agentsKey, tz),
    [kindsKey, p.task, agentsKey, tz],
  );
  const lanes = useMemo(() => store.model.lanes(), [store, h.rosterVersion]); // eslint-disable-line react-hooks/exhaustive-deps

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
              <span
                className="text-xs text-muted"
                data-testid="timeline-state"
                role="status"
                aria-label="Timeline state"
              >
                {sessionStateLabel(h, status.state)}
              </span>
            </span>
          }
        />
        <div className="space-y-2 border-b border-border px-4 py-2">
          <TimelineToolbar p={p} paused={h.paused} store={store} view={view} />
          <PauseOnField
            client={client}
            stream={stream}
            store={store}
            view={view}
            paused={p.paused}
            setPaused={setPaused}
            onSelect={sel.onSelect}
          />
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
          <TimelineCanvas store={store} view={view} filters={filters} onSelect={sel.onSelect} />
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
            onSelect={sel.onSelect}
            selected={sel.selected}
            nameOf={sel.nameOf}
          />
        </Card>
      </div>
      {sel.selected !== null ? (
        <EventPanel
          stream={stream}
          seq={sel.selected}
          event={sel.event}
          onClose={sel.close}
          onFilterTask={(t) => p.setTask(t)}
        />
      ) : null}
    </>
  );
}
