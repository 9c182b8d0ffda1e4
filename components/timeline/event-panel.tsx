'use client';

import Link from 'next/link';
import { MessageDetail } from '@/components/messages/message-detail';
import { ReplayFromHere } from '@/components/replay/replay-from-here';
import { messagesHref } from '@/lib/links';
import { useChosenTimeZone, useTimeZone } from '@/components/ui/use-time-zone';
import type { TimelineEvent } from '@/lib/timeline/event';

/** Side panel for a clicked event: the shared message detail plus timeline actions. */
export function EventPanel({
  stream,
  seq,
  event,
  onClose,
  onFilterTask,
}: {
  stream: string;
  seq: number;
  event: TimelineEvent | null;
  onClose: () => void;
  onFilterTask: (taskId: string) => void;
}) {
  const [tz] = useTimeZone();
  const chosen = useChosenTimeZone();
  return (
    <aside
      aria-label="Event detail"
      className="fixed top-14 right-0 bottom-0 z-30 flex w-full max-w-md flex-col border-l border-border bg-panel shadow-2xl"
      data-testid="timeline-event-panel"
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-border px-3 py-2 text-xs">
        <ReplayFromHere stream={stream} seq={seq} task={event?.taskId ?? null} />
        <Link
          href={messagesHref({ stream, open: seq, seq, tz: chosen })}
          className="rounded-md border border-border px-2 py-1 hover:bg-panel-2"
        >
          Open in Messages
        </Link>
        {event?.taskId ? (
          <button
            type="button"
            className="rounded-md border border-border px-2 py-1 hover:bg-panel-2"
            onClick={() => onFilterTask(event.taskId!)}
          >
            Show only this task
          </button>
        ) : null}
      </div>
      <div className="min-h-0 flex-1">
        <MessageDetail stream={stream} seq={seq} onClose={onClose} tz={tz} />
      </div>
    </aside>
  );
}
