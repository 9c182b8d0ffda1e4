'use client';

import type { ReactNode } from 'react';
import { Stat } from '@/components/ui/card';
import { formatCount } from '@/lib/format';
import type { TimelineStore } from '@/lib/timeline/store';
import { useTimelineSnapshot } from './use-timeline-snapshot';
import type { ViewStore } from '@/lib/timeline/view-store';

/**
 * A figure that changes several times a second, in a box of fixed height that contains its
 * layout and paint: a new number then lays out and repaints that box alone, not the whole
 * page (a trace at 2,000 events/s: every refresh laid out all ~580 layout objects and
 * repainted the page's root layer).
 */
function Live({ h, children }: { h: 'h-7' | 'h-4'; children: ReactNode }) {
  return <span className={`block ${h} truncate [contain:strict]`}>{children}</span>;
}

/** Headline figures: events/s now, total, agents online, tasks in progress and failed, buffer. */
export function TimelineCounters({ store, view }: { store: TimelineStore; view: ViewStore }) {
  const s = useTimelineSnapshot(store, view);
  return (
    <div
      className="grid grid-cols-2 gap-4 px-4 py-3 sm:grid-cols-3 lg:grid-cols-6"
      data-testid="timeline-counters"
      role="group"
      aria-label="Timeline figures"
    >
      <Stat
        label="Events/s now"
        value={
          <Live h="h-7">
            <span data-testid="rate-now">{s.ratePerSec.toFixed(s.ratePerSec < 10 ? 1 : 0)}</span>
          </Live>
        }
      />
      <Stat
        label="Total"
        value={
          <Live h="h-7">
            <span data-testid="total-events">{formatCount(s.total)}</span>
          </Live>
        }
        hint={<Live h="h-4">{`last seq ${formatCount(s.lastSeq)}`}</Live>}
      />
      <Stat
        label="Agents online"
        value={
          <Live h="h-7">
            <span data-testid="agents-online">{s.agentsOnline}</span>
          </Live>
        }
      />
      <Stat
        label="Tasks in progress"
        value={
          <Live h="h-7">
            <span data-testid="tasks-running">{formatCount(s.tasksRunning)}</span>
          </Live>
        }
      />
      <Stat
        label="Tasks failed"
        value={
          <Live h="h-7">
            <span data-testid="tasks-failed" className={s.tasksFailed ? 'text-bad' : ''}>
              {formatCount(s.tasksFailed)}
            </span>
          </Live>
        }
      />
      <Stat
        label="In memory"
        value={<Live h="h-7">{formatCount(s.buffered)}</Live>}
        hint={
          <>
            {s.dropped
              ? `${formatCount(s.dropped)} older dropped (still in the stream)`
              : 'ring buffer'}
            {s.anomalies ? (
              <span className="text-warn"> · {s.anomalies} sequence anomalies</span>
            ) : null}
            {s.gaps ? (
              <span className="text-bad">
                {' '}
                · {s.gaps} reconnect gap{s.gaps > 1 ? 's' : ''}
              </span>
            ) : null}
          </>
        }
      />
    </div>
  );
}
