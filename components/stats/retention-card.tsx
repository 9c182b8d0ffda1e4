'use client';

import type { StreamInfo } from '@nats-io/jetstream';
import { Card, CardHeader } from '@/components/ui/card';
import { formatBytes, formatCount, formatDuration } from '@/lib/format';
import { formatTime } from '@/lib/time-zone';
import { useTimeZone } from '@/components/ui/use-time-zone';
import { retentionPressure } from '@/lib/stats/retention';
import { ShareBar } from './parts';

/** Share of each limit used, and when the oldest message expires by age. */
export function RetentionCard({ info, nowMs }: { info: StreamInfo; nowMs: number }) {
  const [tz] = useTimeZone();
  const r = retentionPressure(info.config, info.state, nowMs);
  const discard =
    info.config.discard === 'new' ? 'new messages are refused' : 'the oldest messages are dropped';
  return (
    <Card>
      <CardHeader title="Retention pressure" />
      <div
        className="space-y-4 p-4"
        data-testid="stats-retention"
        role="group"
        aria-label="Retention pressure"
      >
        <ShareBar
          label="Max messages"
          share={r.msgs?.share ?? null}
          detail={
            r.msgs
              ? `${formatCount(r.msgs.used)} of ${formatCount(r.msgs.limit)}`
              : `${formatCount(info.state.messages)} stored, no limit`
          }
        />
        <ShareBar
          label="Max bytes"
          share={r.bytes?.share ?? null}
          detail={
            r.bytes
              ? `${formatBytes(r.bytes.used)} of ${formatBytes(r.bytes.limit)}`
              : `${formatBytes(info.state.bytes)} stored, no limit`
          }
        />
        <ShareBar
          label="Max age"
          share={r.age?.share ?? null}
          detail={
            r.age
              ? `oldest is ${formatDuration(r.age.used)} old of ${formatDuration(r.age.limit)}`
              : 'messages never expire by age'
          }
        />
        <p className="text-sm">
          {r.oldestExpiresAt !== null ? (
            <>
              Oldest message (seq {formatCount(info.state.first_seq)}) expires{' '}
              <strong className="font-mono">{formatTime(r.oldestExpiresAt, tz)}</strong> (in{' '}
              {formatDuration(Math.max(0, r.oldestExpiresAt - nowMs))}).
            </>
          ) : (
            'No message will expire by age.'
          )}{' '}
          <span className="text-muted">
            At a limit, {discard} (discard {info.config.discard}).
          </span>
        </p>
      </div>
    </Card>
  );
}
