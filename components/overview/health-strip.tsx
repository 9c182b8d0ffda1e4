'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useRuntimeConfig } from '@/components/nats/nats-provider';
import { deadLetterCountQuery } from '@/components/queries/stats';
import { useStreamName } from '@/components/shell/use-stream-name';
import { Card } from '@/components/ui/card';
import { BigStat } from '@/components/stats/parts';
import { formatRate } from '@/components/stats/stream-figures';
import { pollOptions } from '@/components/stats/use-refresh';
import { useStatsData } from '@/components/stats/use-stats-data';
import { formatCount } from '@/lib/format';
import { statsHref } from '@/lib/links';
import { useChosenTimeZone } from '@/components/ui/use-time-zone';
import { recentRate } from '@/lib/stats/rates';

const EVERY_MS = 5_000;

/** Home page health at a glance: messages, rate, the seed consumer's lag, dead letters. Links to /stats. */
export function HealthStrip() {
  const linkTz = useChosenTimeZone();
  const [stream] = useStreamName();
  const config = useRuntimeConfig();
  const data = useStatsData(stream, EVERY_MS);
  const dead = useQuery({
    ...deadLetterCountQuery(config.advisoryStream, stream),
    enabled: data.enabled,
    ...pollOptions(EVERY_MS),
  });
  const info = data.info.data;
  const rate = recentRate(data.samples, 3 * EVERY_MS);
  const consumer = data.consumers.data?.find((c) => c.name === config.consumer);
  const lag = consumer ? consumer.num_pending + consumer.num_ack_pending : null;
  const stat = stream === config.stream ? null : stream;
  return (
    <Card className="p-4" data-testid="health-strip" role="region" aria-label="Health">
      <div className="mb-2 flex items-center justify-between text-sm">
        <span className="font-semibold">Health</span>
        <Link
          href={statsHref({ tz: linkTz, stream: stat })}
          className="text-accent hover:underline"
        >
          Open stats →
        </Link>
      </div>
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Link href={statsHref({ tz: linkTz, stream: stat })} className="hover:opacity-80">
          <BigStat label="Messages" value={info ? formatCount(info.state.messages) : '—'} />
        </Link>
        <Link href={statsHref({ tz: linkTz, stream: stat })} className="hover:opacity-80">
          <BigStat
            label="Rate"
            value={rate ? `${formatRate(rate.msgsPerSec)}/s` : '—'}
            hint={rate ? undefined : 'measuring…'}
          />
        </Link>
        <Link
          href={statsHref({ tz: linkTz, stream: stat, tab: 'consumers' })}
          className="hover:opacity-80"
        >
          <BigStat
            label={
              <>
                Lag of <span className="font-mono">{config.consumer}</span>
              </>
            }
            value={lag === null ? '—' : formatCount(lag)}
            hint={lag === null ? 'no such consumer' : 'pending + unacked'}
            tone={lag === null ? undefined : lag === 0 ? 'ok' : 'warn'}
          />
        </Link>
        <Link
          href={statsHref({ tz: linkTz, stream: stat, tab: 'dead-letters' })}
          className="hover:opacity-80"
        >
          <BigStat
            label="Dead letters"
            value={
              dead.data === undefined ? '—' : dead.data === null ? 'n/a' : formatCount(dead.data)
            }
            hint={
              dead.data === null
                ? `no stream ${config.advisoryStream}`
                : 'kept in the advisory stream'
            }
            tone={dead.data ? 'bad' : dead.data === 0 ? 'ok' : undefined}
            testId="health-dead-letters"
          />
        </Link>
      </div>
    </Card>
  );
}
