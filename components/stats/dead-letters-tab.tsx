'use client';

import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Card, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { explainNatsError } from '@/lib/nats/errors';
import { formatCount } from '@/lib/format';
import { advisoryCaptureSubjects } from '@/lib/stats/advisories';
import { deadLetterHeading } from '@/lib/stats/dead-letters';
import { AdvisoryEvents, MalformedAdvisories } from './advisory-lists';
import { DeadLetterGroups } from './dead-letter-groups';
import { DeadLetterRow } from './dead-letter-row';
import type { useDeadLetters } from './use-dead-letters';

const ROW = 64;

/** Messages that exceeded max deliver or were terminated, newest first, with their originals. */
export function DeadLettersTab({
  stream,
  advisoryStream,
  dl,
  total,
  direct,
}: {
  stream: string;
  advisoryStream: string;
  dl: ReturnType<typeof useDeadLetters>;
  /** Kept in the advisory stream about `stream` (null: unknown). */ total: number | null;
  direct: boolean;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the one documented way
  const v = useVirtualizer({
    count: dl.items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 6,
    getItemKey: (i) => dl.items[i]!.id,
  });
  const h = dl.history;
  return (
    <div className="space-y-4">
      {h.error ? (
        <Notice tone="error" title="Cannot read dead-letter history">
          {explainNatsError(h.error, { stream: advisoryStream }).message}
        </Notice>
      ) : h.data && !h.data.exists ? (
        <Notice tone="warn" title={`No advisory stream "${advisoryStream}": no history`}>
          Only dead letters that happen while this page is open are listed. To keep them, create a
          stream capturing{' '}
          <span className="font-mono">{advisoryCaptureSubjects(stream).join(', ')}</span> (the
          simulator&apos;s setup does).
        </Notice>
      ) : h.data ? (
        // One count everywhere (the tab's, the heading's, this): the dead letters of this stream.
        <Notice title={`History from "${advisoryStream}"`}>
          {formatCount(total ?? dl.items.length)} dead letters of this stream are kept there
          {total !== null && total > dl.items.length
            ? ` (the newest ${formatCount(dl.items.length)} are listed)`
            : ''}
          ; new ones appear live ({formatCount(dl.liveCount)} so far).
        </Notice>
      ) : (
        <p className="text-sm text-muted">Reading dead-letter history…</p>
      )}
      {dl.items.length > 0 ? (
        <DeadLetterGroups stream={stream} items={dl.items} direct={direct} />
      ) : null}
      <Card>
        <CardHeader title={deadLetterHeading(dl.items.length, total)} />
        {dl.items.length === 0 ? (
          <p className="p-4 text-sm text-muted" data-testid="dead-letters-empty">
            No dead letters{h.data?.exists ? '' : ' since this page opened'}: no message of this
            stream exceeded a consumer&apos;s max deliver or was terminated.
          </p>
        ) : (
          <div
            ref={scroller}
            className="max-h-[640px] overflow-auto"
            role="list"
            aria-label="Dead letters"
            data-testid="dead-letters"
          >
            <div style={{ height: v.getTotalSize(), position: 'relative' }}>
              {v.getVirtualItems().map((it) => (
                <div
                  key={it.key}
                  role="listitem"
                  className="absolute inset-x-0"
                  style={{ height: ROW, transform: `translateY(${it.start}px)` }}
                >
                  <DeadLetterRow stream={stream} d={dl.items[it.index]!} direct={direct} />
                </div>
              ))}
            </div>
          </div>
        )}
      </Card>
      <AdvisoryEvents items={dl.events} />
      <MalformedAdvisories items={dl.malformed} />
    </div>
  );
}
