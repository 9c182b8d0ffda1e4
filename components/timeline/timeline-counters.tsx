'use client';

import { Stat } from '@/components/ui/card';
import { formatCount } from '@/lib/format';
import type { TimelineSnapshot } from '@/lib/timeline/store';

/** Headline figures: events/s now, total, agents online, tasks in progress and failed, buffer. */
export function TimelineCounters({ s }: { s: TimelineSnapshot }) {
  return (
    <div
      className="grid grid-cols-2 gap-4 px-4 py-3 sm:grid-cols-3 lg:grid-cols-6"
      data-testid="timeline-counters"
    >
      <Stat
        label="Events/s now"
        value={
          <span data-testid="rate-now">{s.ratePerSec.toFixed(s.ratePerSec < 10 ? 1 : 0)}</span>
        }
      />
      <Stat
        label="Total"
        value={<span data-testid="total-events">{formatCount(s.total)}</span>}
        hint={`last seq ${formatCount(s.lastSeq)}`}
      />
      <Stat
        label="Agents online"
        value={<span data-testid="agents-online">{s.agentsOnline}</span>}
      />
      <Stat
        label="Tasks in progress"
        value={<span data-testid="tasks-running">{formatCount(s.tasksRunning)}</span>}
      />
      <Stat
        label="Tasks failed"
        value={
          <span data-testid="tasks-failed" className={s.tasksFailed ? 'text-bad' : ''}>
            {formatCount(s.tasksFailed)}
          </span>
        }
      />
      <Stat
        label="In memory"
        value={formatCount(s.buffered)}
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
