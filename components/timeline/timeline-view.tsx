'use client';

import { useNatsClient } from '@/components/nats/nats-provider';
import { useStreamName } from '@/components/shell/use-stream-name';
import { Notice } from '@/components/ui/notice';
import { formatDuration } from '@/lib/format';
import { clientKey } from '@/lib/timeline/session';
import { TimelineSession } from './timeline-session';
import { useTimelineParams } from './use-timeline-params';

/** /timeline: a fresh session (store + consumers) per stream, window and connection. */
export function TimelineView() {
  const [stream] = useStreamName();
  const p = useTimelineParams();
  const client = useNatsClient();
  return (
    // Wide: at 1920 px the lanes use the screen's width (the page cap is for reading text).
    <div className="space-y-3" data-wide-page>
      {p.windowError ? (
        <Notice tone="warn" title={`"${p.windowError}" is not a backfill window`}>
          Showing the last {formatDuration(p.windowMs)}. Use 5m, 1h, 24h or any number with s, m, h
          or d (up to 7d).
        </Notice>
      ) : null}
      {client ? (
        <TimelineSession
          key={`${stream}|${p.windowKey}|${p.clock}|${clientKey(client)}`}
          stream={stream}
          client={client}
          p={p}
        />
      ) : (
        <p className="text-sm text-muted">Waiting for the connection…</p>
      )}
    </div>
  );
}
