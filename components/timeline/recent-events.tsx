'use client';

import { STATUS_COLORS, TASK_COLORS } from '@/lib/agents/colors';
import { formatTime } from '@/lib/format';
import type { TimelineEvent } from '@/lib/timeline/event';
import { describeEvent } from './hit-test';

/**
 * The accessible twin of the canvas: the newest events the view shows, as a live log table
 * (rows carry `data-seq`). Rows open the message detail.
 *
 * At thousands of events a second all 30 rows are replaced on every refresh (4×/s), and an
 * auto-layout table made each refresh create, style and lay out ~400 objects (~15 ms of a
 * frame). Rows are reused by position, and a fixed-size, strictly contained box with a fixed
 * table layout keeps what is left inside the box and linear in the rows.
 */
export function RecentEvents({
  events,
  onSelect,
  selected,
  nameOf,
}: {
  events: TimelineEvent[];
  onSelect: (seq: number) => void;
  selected: number | null;
  nameOf: (agentId: string) => string | null | undefined;
}) {
  return (
    <div
      role="log"
      aria-label="Recent events"
      aria-live="off"
      className="h-72 overflow-auto [contain:strict]"
    >
      <table className="w-full table-fixed text-xs" data-testid="recent-events">
        <colgroup>
          <col className="w-24" />
          <col className="w-28" />
          <col className="w-24" />
          <col />
        </colgroup>
        <thead className="sticky top-0 bg-panel text-left text-muted">
          <tr>
            <th className="px-3 py-1 font-normal">Seq</th>
            <th className="px-2 py-1 font-normal">Time</th>
            <th className="px-2 py-1 font-normal">Kind</th>
            <th className="px-2 py-1 font-normal">Event</th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 ? (
            <tr>
              <td colSpan={4} className="px-3 py-3 text-muted">
                No events in view yet.
              </td>
            </tr>
          ) : (
            events.map((e, i) => (
              <tr
                // By position, not by sequence: live, every refresh brings a new set of events,
                // and a stable set of rows whose text changes costs far less (no 30 new rows
                // to create, style and lay out 4 times a second). data-seq names the event.
                key={i}
                data-seq={e.seq}
                className={`border-t border-border ${selected === e.seq ? 'bg-accent/10' : ''}`}
              >
                <td className="px-3 py-0.5 font-mono">
                  <button
                    type="button"
                    className="text-accent hover:underline"
                    onClick={() => onSelect(e.seq)}
                    aria-label={`Open event ${e.seq}`}
                  >
                    #{e.seq}
                  </button>
                </td>
                <td className="px-2 py-0.5 font-mono whitespace-nowrap">
                  {formatTime(e.timeMs).slice(11)}
                </td>
                <td className="px-2 py-0.5 whitespace-nowrap">
                  <span
                    className="mr-1 inline-block h-2 w-2 rounded-full"
                    style={{
                      background:
                        (e.kind === 'status'
                          ? STATUS_COLORS[e.what ?? '']
                          : e.kind === 'task'
                            ? TASK_COLORS[e.what ?? '']
                            : undefined) ?? 'var(--accent)',
                    }}
                  />
                  {e.kind}
                </td>
                <td className="px-2 py-0.5">{describeEvent(e, nameOf)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
