'use client';

import { useQuery } from '@tanstack/react-query';
import type { ConsumerInfo } from '@nats-io/jetstream';
import { cn } from '@/components/ui/cn';
import { consumerOldestQuery } from '@/components/queries/consumers';
import { oldestTarget } from '@/lib/stats/read';
import { formatCount, formatDuration } from '@/lib/format';
import { formatTime } from '@/lib/time-zone';
import { useTimeZone } from '@/components/ui/use-time-zone';
import {
  isEphemeral,
  isOrderedReader,
  lastActiveMs,
  stuckReasons,
  type LagSample,
} from '@/lib/stats/consumers';
import { lagMs, lagStatus } from '@/lib/stats/slo';
import { userMetadata } from '@/lib/stats/metadata';
import { Pill } from './parts';
import { ShownText } from '@/components/ui/shown-text';

const STUCK_TEXT = {
  'lag-growing': 'lag growing',
  'ack-pending-full': 'ack pending full',
} as const;

/** One consumer's figures; stuck consumers are tinted and say why. */
export function ConsumerRow({
  info,
  history,
  direct,
  nowMs,
  enabled,
}: {
  info: ConsumerInfo;
  history: readonly LagSample[];
  direct: boolean;
  nowMs: number;
  enabled: boolean;
}) {
  const [tz] = useTimeZone();
  const reader = isOrderedReader(info);
  const stuck = reader ? [] : stuckReasons(info, history);
  const oldest = useQuery({
    ...consumerOldestQuery(info.name, oldestTarget(info), direct),
    enabled: enabled && !reader,
  });
  const idle = info.num_pending === 0 && info.num_ack_pending === 0;
  const lag = idle ? 0 : oldest.data ? lagMs(oldest.data.timeMs, nowMs) : null;
  const last = lastActiveMs(info);
  const maxAck = info.config.max_ack_pending;
  const filter = info.config.filter_subject || info.config.filter_subjects?.join(', ');
  const meta = userMetadata(info.config.metadata);
  const num = 'px-3 py-2 text-right font-mono tabular-nums';
  return (
    <tr
      className={cn(
        'border-b border-border/60 last:border-0',
        stuck.length > 0 && 'bg-bad/10',
        reader && 'text-muted',
      )}
      data-consumer={info.name}
    >
      <td className="px-4 py-2">
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="font-mono font-semibold">
            <ShownText text={info.name} />
          </span>
          <Pill tone={isEphemeral(info) ? 'muted' : 'accent'}>
            {isEphemeral(info) ? 'ephemeral' : 'durable'}
          </Pill>
          {reader ? (
            <Pill title="An ordered consumer, like the ones this app reads with">app reader</Pill>
          ) : null}
          {stuck.map((s) => (
            <Pill key={s} tone="bad">
              stuck: {STUCK_TEXT[s]}
            </Pill>
          ))}
        </div>
        <div className="text-xs text-muted">
          {filter ? (
            <span className="font-mono">
              <ShownText text={filter} />
            </span>
          ) : (
            'all subjects'
          )}{' '}
          · ack {info.config.ack_policy}
          {info.config.max_deliver && info.config.max_deliver > 0
            ? ` · max deliver ${info.config.max_deliver}`
            : ''}
          {meta.length > 0 ? (
            <span className="font-mono"> · {meta.map(([k, v]) => `${k}=${v}`).join(', ')}</span>
          ) : null}
        </div>
      </td>
      <td
        className={cn(num, 'text-xl font-semibold', info.num_pending > 0 ? 'text-warn' : 'text-ok')}
        data-testid="consumer-pending"
      >
        {formatCount(info.num_pending)}
      </td>
      <td
        className={cn(num, lagStatus(lag) === 'missed' && 'text-bad')}
        title={oldest.data ? `oldest unfinished: seq ${oldest.data.seq}` : undefined}
      >
        {reader ? '—' : lag === null ? '…' : formatDuration(lag)}
      </td>
      <td className={cn(num, maxAck && info.num_ack_pending >= maxAck && 'text-bad')}>
        {formatCount(info.num_ack_pending)}
        {maxAck && maxAck > 0 ? (
          <span className="text-xs text-muted"> / {formatCount(maxAck)}</span>
        ) : null}
      </td>
      <td className={num}>{formatCount(info.num_redelivered)}</td>
      <td className={num}>{formatCount(info.num_waiting)}</td>
      <td className={num}>{formatCount(info.delivered.stream_seq)}</td>
      <td className={num}>{formatCount(info.ack_floor.stream_seq)}</td>
      <td className="px-3 py-2 text-right text-xs" title={last ? formatTime(last, tz) : undefined}>
        {last ? `${formatDuration(nowMs - last)} ago` : 'never'}
      </td>
    </tr>
  );
}
