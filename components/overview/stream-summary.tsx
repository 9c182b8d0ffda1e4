'use client';

import { useQuery } from '@tanstack/react-query';
import { useConnectionStatus } from '@/components/nats/nats-provider';
import { streamInfoQuery } from '@/components/queries/stream';
import { useStreamName } from '@/components/shell/use-stream-name';
import { Card, CardHeader, Stat } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { explainNatsError } from '@/lib/nats/errors';
import { formatBytes, formatCount } from '@/lib/format';
import { formatTime } from '@/lib/time-zone';
import { useTimeZone } from '@/components/ui/use-time-zone';
import { endTimesQuery } from './end-times-query';

/** The open stream's headline figures from STREAM.INFO. */
export function StreamSummary() {
  const [tz] = useTimeZone();
  const [stream] = useStreamName();
  const status = useConnectionStatus();
  const info = useQuery({
    ...streamInfoQuery(stream),
    enabled: status.state === 'connected',
    refetchInterval: 5_000,
  });
  const st = info.data?.state;
  const ends = useQuery({
    ...endTimesQuery(
      stream,
      st?.first_seq ?? 0,
      st?.last_seq ?? 0,
      info.data?.config.allow_direct === true,
    ),
    enabled: status.state === 'connected' && !!st && st.messages > 0,
  });
  // Two clocks: the stream's (when stored) and the agents' (created_at), labelled, as a
  // backfilled history is stored in seconds but written over a day.
  const when = (storedIso: string, created: number | null | undefined) => (
    <>
      <span className="block">stored {formatTime(storedIso, tz)}</span>
      {created != null ? <span className="block">created {formatTime(created, tz)}</span> : null}
    </>
  );
  return (
    <Card>
      <CardHeader
        title={
          <>
            Stream <span className="font-mono">{stream}</span>
          </>
        }
      />
      <div className="p-4">
        {info.error ? (
          <Notice tone="error" title="Cannot read the stream">
            {explainNatsError(info.error, { stream }).message}
          </Notice>
        ) : !info.data ? (
          <p className="text-sm text-muted">
            {status.state === 'connected' ? 'Reading stream info…' : 'Waiting for the connection…'}
          </p>
        ) : (
          <div
            className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6"
            data-testid="stream-summary"
            role="group"
            aria-label="Stream figures"
          >
            <Stat label="Messages" value={formatCount(info.data.state.messages)} />
            <Stat label="Size" value={formatBytes(info.data.state.bytes)} />
            <Stat
              label="First seq"
              value={formatCount(info.data.state.first_seq)}
              hint={when(info.data.state.first_ts, ends.data?.first)}
            />
            <Stat
              label="Last seq"
              value={formatCount(info.data.state.last_seq)}
              hint={when(info.data.state.last_ts, ends.data?.last)}
            />
            <Stat label="Subjects" value={formatCount(info.data.state.num_subjects ?? 0)} />
            <Stat label="Consumers" value={formatCount(info.data.state.consumer_count)} />
          </div>
        )}
      </div>
    </Card>
  );
}
