'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { messageQuery } from '@/components/queries/stream';
import { buttonVariants } from '@/components/ui/button';
import { ShownText } from '@/components/ui/shown-text';
import { formatCount } from '@/lib/format';
import { formatTime, timeZoneLabel } from '@/lib/time-zone';
import { useTimeZone, useChosenTimeZone } from '@/components/ui/use-time-zone';
import { showHidden } from '@/lib/hidden-chars';
import { messagesHref, replayHref } from '@/lib/links';
import { toRow } from '@/lib/browse/rows';
import { deadLetterReason, rowSummary } from '@/lib/stats/dead-letter-groups';
import type { DeadLetter } from '@/lib/stats/dead-letters';
import { Pill } from './parts';

/** One dead letter: what, when, which consumer, and the original message (fetched by sequence). */
export function DeadLetterRow({
  stream,
  d,
  direct,
}: {
  stream: string;
  d: DeadLetter;
  direct: boolean;
}) {
  const linkTz = useChosenTimeZone();
  const [tz] = useTimeZone();
  const msg = useQuery(messageQuery(stream, d.streamSeq, direct));
  // The message table's decoding and one-line summary, not the raw JSON.
  const summary = useMemo(() => (msg.data ? rowSummary(toRow(msg.data)) : ''), [msg.data]);
  const reason = deadLetterReason(d);
  return (
    <div
      className="flex h-full items-center gap-4 border-b border-border/60 px-4 text-sm"
      data-seq={d.streamSeq}
    >
      <div className="w-44 shrink-0">
        <Pill tone={d.kind === 'terminated' ? 'warn' : 'bad'} title={reason}>
          {d.kind === 'terminated' ? 'terminated' : 'max deliveries'}
        </Pill>
        <div
          className="mt-1 font-mono text-xs text-muted"
          title={d.timeMs ? timeZoneLabel(tz, d.timeMs) : undefined}
        >
          {d.timeMs ? formatTime(d.timeMs, tz) : '—'}
        </div>
      </div>
      <div className="w-40 shrink-0">
        <div className="font-mono text-lg font-semibold tabular-nums">
          seq {formatCount(d.streamSeq)}
        </div>
        <div className="truncate text-xs text-muted" title={showHidden(d.consumer)}>
          <ShownText text={d.consumer} /> · {d.deliveries}×
        </div>
      </div>
      <div className="min-w-0 flex-1">
        {msg.isPending ? (
          <span className="text-muted">Reading the original…</span>
        ) : msg.data ? (
          <>
            <div className="truncate font-mono">
              <ShownText text={msg.data.subject} />
            </div>
            <div
              className="truncate text-xs text-muted"
              title={showHidden(`${reason} — ${summary}`)}
            >
              <span className={d.kind === 'terminated' ? 'text-warn' : 'text-bad'}>
                <ShownText text={reason} />
              </span>{' '}
              · <ShownText text={summary} only="bidi" />
            </div>
          </>
        ) : (
          <span className="text-muted">
            {msg.error
              ? 'Cannot read the original message.'
              : 'The original message is no longer in the stream.'}
          </span>
        )}
      </div>
      <div className="flex shrink-0 gap-2">
        <Link
          className={buttonVariants({ size: 'sm' })}
          href={messagesHref({ tz: linkTz, stream, seq: d.streamSeq, open: d.streamSeq })}
        >
          Open in browser
        </Link>
        <Link
          className={buttonVariants({ size: 'sm' })}
          href={replayHref({ tz: linkTz, stream, from: d.streamSeq, at: d.streamSeq })}
        >
          Replay from here
        </Link>
      </div>
    </div>
  );
}
