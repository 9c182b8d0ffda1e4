'use client';

import { memo, useEffect, useState } from 'react';
import { STATUS_COLORS, TASK_COLORS } from '@/lib/agents/colors';
import { formatTime, offsetTag, timeZoneLabel, type TimeZone } from '@/lib/time-zone';
import type { TimelineEvent } from '@/lib/timeline/event';
import { describeEvent } from '@/lib/timeline/hit-test';

/** Row height in px (text-xs line + padding + the top border): rows never change size. */
const ROW_H = 21;
/** Rows per chunk; chunks refresh in successive frames (see RowChunk). */
const CHUNK = 10;
/** Header label and cell classes (width, padding) of each column, shared by header and rows. */
const COLUMNS = [
  ['Seq', 'w-24 shrink-0 px-3'],
  ['Time', 'w-28 shrink-0 px-2'],
  ['Kind', 'w-24 shrink-0 px-2'],
  ['Event', 'min-w-0 flex-1 px-2'],
] as const;
const CELL = COLUMNS.map(([, cls]) => cls);
const NONE: TimelineEvent[] = [];

/**
 * The accessible twin of the canvas: the newest events the view shows, as a live log table
 * (ARIA table roles; rows carry `data-seq`). Rows open the message detail.
 *
 * At thousands of events a second all 30 rows change on every refresh (2×/s), and their
 * layout and paint were the largest part of the page's longest frames (a trace at 2,000
 * events/s: ~320 of the page's ~600 layout objects dirty per refresh). So rows are reused by
 * position (data-seq names the event), each row is a fixed-height, strictly contained flex
 * line (one line, long text ellipsized, no table algorithm), and a refresh is spread over
 * three frames, ten rows each (RowChunk).
 */
export function RecentEvents({
  events,
  onSelect,
  selected,
  nameOf,
  tz,
}: {
  events: TimelineEvent[];
  onSelect: (seq: number) => void;
  selected: number | null;
  nameOf: (agentId: string) => string | null | undefined;
  /** Zone of the Time column (its head says which). */
  tz: TimeZone;
}) {
  // The offset in force at the newest event (it differs across a DST change); now when empty.
  const at = events[0]?.timeMs;
  return (
    <div
      role="log"
      aria-label="Recent events"
      aria-live="off"
      className="h-72 overflow-auto [contain:strict]"
    >
      <div
        role="table"
        aria-label="Recent events"
        className="w-full text-xs"
        data-testid="recent-events"
      >
        <div role="rowgroup" className="sticky top-0 z-10 bg-panel text-left text-muted">
          <div role="row" className="flex">
            {COLUMNS.map(([label, cls]) => (
              <div
                key={label}
                role="columnheader"
                className={`${cls} py-1`}
                title={label === 'Time' ? `Times in ${timeZoneLabel(tz, at)}` : undefined}
              >
                {label === 'Time' ? `Time (${offsetTag(tz, at)})` : label}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup">
          {events.length === 0 ? (
            <div role="row" className="flex">
              <div role="cell" className="px-3 py-3 text-muted">
                No events in view yet.
              </div>
            </div>
          ) : (
            Array.from({ length: Math.ceil(events.length / CHUNK) }, (_, c) => (
              <RowChunk
                key={c}
                events={events}
                from={c * CHUNK}
                delayFrames={c === 0 ? 0 : c + 1}
                onSelect={onSelect}
                selected={selected}
                nameOf={nameOf}
                tz={tz}
              />
            ))
          )}
        </div>
      </div>
    </div>
  );
}

type RowProps = {
  events: TimelineEvent[];
  onSelect: (seq: number) => void;
  selected: number | null;
  nameOf: (agentId: string) => string | null | undefined;
  tz: TimeZone;
};

/**
 * Rows [from, from + CHUNK), shown `delayFrames` animation frames after the others: the first
 * chunk with the refresh, the next ones in the following frames (a rAF callback runs before
 * that frame's layout, so chunk 1 waits two, chunk 2 three). Each frame then lays out and
 * paints a third of the log instead of all of it; the log is whole again ~50 ms later.
 */
const RowChunk = memo(function RowChunk({
  events,
  from,
  delayFrames,
  ...rest
}: RowProps & { from: number; delayFrames: number }) {
  // A chunk that mounts with the log waits its frames too (the first events of a session
  // would otherwise lay out all 30 new rows in one frame).
  const [shown, setShown] = useState<TimelineEvent[]>(delayFrames === 0 ? events : NONE);
  useEffect(() => {
    if (delayFrames === 0 || shown === events) return;
    let id = 0;
    let left = delayFrames;
    const tick = () => {
      if (--left > 0) id = requestAnimationFrame(tick);
      else setShown(events);
    };
    id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  }, [events, shown, delayFrames]);
  const rows = (delayFrames === 0 ? events : shown).slice(from, from + CHUNK);
  return rows.map((e, i) => <Row key={i} e={e} {...rest} />);
});

function Row({
  e,
  onSelect,
  selected,
  nameOf,
  tz,
}: Omit<RowProps, 'events'> & { e: TimelineEvent }) {
  const text = describeEvent(e, nameOf);
  return (
    <div
      role="row"
      data-seq={e.seq}
      className={`flex items-center border-t border-border whitespace-nowrap [contain:strict] ${selected === e.seq ? 'bg-accent/10' : ''}`}
      style={{ height: ROW_H }}
    >
      <div role="cell" className={`${CELL[0]} font-mono`}>
        <button
          type="button"
          className="text-accent hover:underline"
          onClick={() => onSelect(e.seq)}
          aria-label={`Open event ${e.seq}`}
        >
          {`#${e.seq}`}
        </button>
      </div>
      <div role="cell" className={`${CELL[1]} font-mono`}>
        {formatTime(e.timeMs, tz).slice(11)}
      </div>
      <div role="cell" className={CELL[2]}>
        <span
          className="mr-1 inline-block h-2 w-2 rounded-full"
          style={{ background: dotColor(e) }}
        />
        {e.kind}
      </div>
      <div role="cell" className={`${CELL[3]} truncate`} title={text}>
        {text}
      </div>
    </div>
  );
}

function dotColor(e: TimelineEvent): string {
  return (
    (e.kind === 'status'
      ? STATUS_COLORS[e.what ?? '']
      : e.kind === 'task'
        ? TASK_COLORS[e.what ?? '']
        : undefined) ?? 'var(--accent)'
  );
}
