'use client';

import { GapIcon } from '@/components/ui/icons';
import { memo } from 'react';
import { STATUS_COLORS, TASK_COLORS, roleColor } from '@/lib/agents/colors';
import { roleLabel } from '@/lib/agents/schema';
import { formatTime, type TimeZone } from '@/lib/time-zone';
import type { EventMeta } from '@/lib/replay/columns';
import { eventTime, type ReplayEvent } from '@/lib/replay/event';
import { cn } from '@/components/ui/cn';
import { ShownText } from '@/components/ui/shown-text';
import { showBidiControls, showHidden } from '@/lib/hidden-chars';

/**
 * Row heights (px): a message's is an estimate until its card is measured (cards grow to their
 * text, up to CONTENT_LINES lines); other events are one fixed line.
 */
export const ROW_HEIGHT = { message: 88, other: 30 } as const;

const short = (id: string | null) => (id ? (id.length > 10 ? `${id.slice(0, 8)}…` : id) : '');

/** One transcript entry: a chat bubble for a message, a one-line note for other events. */
export const TranscriptRow = memo(function TranscriptRow({
  e,
  full,
  failed = false,
  current,
  gapBefore,
  onSelect,
  onDetails,
  hit = '',
  tz,
}: {
  e: EventMeta;
  /** The event with its payload, or null while it is read (past the replay's payload budget). */
  full: ReplayEvent | null;
  /** Without `full`: whether its payload is being read or could not be read. */
  failed?: boolean;
  /** Zone of the row's time (the transcript's head names it). */
  tz: TimeZone;
  current: boolean;
  /** The breakpoints (numbers from 1) that stopped on this event ('' = none). */
  hit?: string;
  gapBefore: boolean;
  onSelect: (seq: number) => void;
  onDetails?: (seq: number) => void;
}) {
  const ring = current ? (hit ? 'ring-2 ring-bad bg-bad/10' : 'ring-2 ring-accent') : '';
  const badge = hit ? (
    <span
      className="shrink-0 rounded bg-bad px-1 text-[10px] font-semibold text-white"
      data-testid="breakpoint-hit-badge"
    >
      breakpoint {hit}
    </span>
  ) : null;
  const gap = gapBefore ? (
    <span
      className="mr-1 rounded bg-warn/15 px-1 text-[10px] text-warn"
      title="idle gap compressed"
      aria-label="idle gap compressed"
    >
      <GapIcon size={10} />
    </span>
  ) : null;
  if (e.kind === 'message') {
    const color = roleColor(e.fromRole);
    return (
      <div data-seq={e.seq} className="px-2 py-1">
        <div
          data-card
          className={cn(
            'flex cursor-pointer flex-col rounded-lg border border-border bg-panel-2 px-3 py-1.5',
            ring,
          )}
          style={{ borderLeft: `4px solid ${color}` }}
          onClick={() => onSelect(e.seq)}
        >
          <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs">
            {badge}
            {gap}
            <span className="font-semibold" style={{ color }}>
              <ShownText text={e.fromName ?? short(e.from)} />
            </span>
            <span className="text-muted">→</span>
            <span className="font-medium" style={{ color: e.to ? roleColor(e.toRole) : undefined }}>
              {e.to ? <ShownText text={e.toName ?? short(e.to)} /> : 'everyone'}
            </span>
            <span className="rounded bg-panel px-1.5 font-mono text-[11px]">
              <ShownText text={e.type} />
            </span>
            {e.task ? (
              <span
                className="truncate font-mono text-[11px] text-muted"
                title={showHidden(e.task)}
              >
                task <ShownText text={short(e.task)} />
              </span>
            ) : null}
            <span className="ml-auto font-mono text-[11px] text-muted tabular-nums">
              #{e.seq} · {formatTime(eventTime(e), tz).slice(11)}
            </span>
            {onDetails ? (
              <button
                type="button"
                className="text-[11px] text-accent hover:underline"
                onClick={(ev) => (ev.stopPropagation(), onDetails(e.seq))}
              >
                details
              </button>
            ) : null}
          </div>
          <p
            data-content
            className="mt-1 line-clamp-6 text-sm [overflow-wrap:anywhere]"
            title={full?.kind === 'message' ? showBidiControls(full.content) : undefined}
          >
            {full?.kind === 'message' ? (
              <ShownText text={full.content} only="bidi" />
            ) : (
              <span className="text-muted">
                {failed
                  ? 'The message could not be read again (it may have left the stream).'
                  : 'loading the message…'}
              </span>
            )}
          </p>
          <span className="sr-only">{roleLabel(e.fromRole)}</span>
        </div>
      </div>
    );
  }
  let dot = '#94a3b8';
  let text: string;
  if (e.kind === 'status') {
    dot = STATUS_COLORS[e.status] ?? dot;
    text = `${e.name ?? short(e.agent)} is ${e.status}${e.reason ? ` — ${e.reason}` : ''}`;
  } else if (e.kind === 'task') {
    dot = TASK_COLORS[e.event] ?? dot;
    text = `${e.title ?? short(e.task)}: ${e.event}${e.event === 'progress' && e.progress !== null ? ` ${e.progress}%` : ''}${e.reason ? ` — ${e.reason}` : ''}`;
  } else
    text = full
      ? `${e.subject} (${full.data.length} bytes, not an agent event)`
      : `${e.subject} (not an agent event)`;
  return (
    <div
      data-seq={e.seq}
      className={cn(
        'mx-2 flex h-full cursor-pointer items-center gap-2 rounded px-2 text-xs text-muted',
        ring,
      )}
      onClick={() => onSelect(e.seq)}
    >
      {badge}
      {gap}
      <span className="h-2 w-2 shrink-0 rounded-full" style={{ background: dot }} />
      <span className="truncate">
        <ShownText text={text} />
      </span>
      <span className="ml-auto shrink-0 font-mono text-[11px] tabular-nums">#{e.seq}</span>
    </div>
  );
});
