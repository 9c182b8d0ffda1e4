'use client';

import Link from 'next/link';
import { replayFromHereHref } from '@/lib/links';
import { cn } from '@/components/ui/cn';
import { useChosenTimeZone } from '@/components/ui/use-time-zone';

/**
 * "Replay from here" for one message: the conversation it belongs to (its task) positioned at
 * it, with the whole stream from it one click away; a message without a task replays the stream.
 */
export function ReplayFromHere({
  stream,
  seq,
  task,
  className,
}: {
  stream: string;
  seq: number;
  task: string | null;
  className?: string;
}) {
  const primary =
    'inline-flex h-7 items-center rounded-md bg-accent px-2 text-xs font-medium text-accent-fg hover:opacity-90';
  const secondary =
    'inline-flex h-7 items-center rounded-md border border-border px-2 text-xs hover:bg-panel-2';
  const tz = useChosenTimeZone();
  if (!task) {
    return (
      <Link href={replayFromHereHref({ stream, seq, tz })} className={cn(primary, className)}>
        Replay from here
      </Link>
    );
  }
  return (
    <>
      <Link
        href={replayFromHereHref({ stream, seq, task, tz })}
        className={cn(primary, className)}
        title={`Replay task ${task}, positioned at sequence ${seq}`}
      >
        Replay this task from here
      </Link>
      <Link
        href={replayFromHereHref({ stream, seq, tz })}
        className={cn(secondary, className)}
        title={`Replay the whole stream from sequence ${seq}`}
      >
        Whole stream from here
      </Link>
    </>
  );
}
