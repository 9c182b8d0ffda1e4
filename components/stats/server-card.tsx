'use client';

import { useQuery } from '@tanstack/react-query';
import { useConnectionStatus } from '@/components/nats/nats-provider';
import { accountInfoQuery } from '@/components/queries/stream';
import { Card, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { explainNatsError } from '@/lib/nats/errors';
import { formatBytes, formatCount } from '@/lib/format';
import { BigStat, ShareBar } from './parts';
import { pollOptions } from './use-refresh';

const share = (used: number, limit: number) => (limit > 0 ? used / limit : null);
const lim = (limit: number, f: (n: number) => string) => (limit > 0 ? f(limit) : 'unlimited');

/** Server name and version, and the account's JetStream usage against its limits. */
export function ServerCard({ refreshMs }: { refreshMs: number | false }) {
  const status = useConnectionStatus();
  const acct = useQuery({
    ...accountInfoQuery(),
    enabled: status.state === 'connected',
    ...pollOptions(refreshMs),
  });
  const a = acct.data;
  return (
    <Card>
      <CardHeader title="Server and account" />
      <div
        className="space-y-4 p-4"
        data-testid="stats-server"
        role="group"
        aria-label="Server and account"
      >
        <div className="grid grid-cols-2 gap-6 sm:grid-cols-4">
          <BigStat
            label="Server"
            value={<span className="text-2xl">{status.server?.name ?? '—'}</span>}
          />
          <BigStat label="Version" value={status.server?.version ?? '—'} />
          <BigStat
            label="Streams"
            value={a ? formatCount(a.streams) : '—'}
            hint={a ? `limit ${lim(a.limits.max_streams, formatCount)}` : undefined}
          />
          <BigStat
            label="Consumers"
            value={a ? formatCount(a.consumers) : '—'}
            hint={a ? `limit ${lim(a.limits.max_consumers, formatCount)}` : undefined}
          />
        </div>
        {acct.error ? (
          <Notice tone="error" title="Cannot read account info">
            {explainNatsError(acct.error).message}
          </Notice>
        ) : a ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <ShareBar
              label="File storage"
              share={share(a.storage, a.limits.max_storage)}
              detail={`${formatBytes(a.storage)} of ${lim(a.limits.max_storage, formatBytes)}`}
            />
            <ShareBar
              label="Memory storage"
              share={share(a.memory, a.limits.max_memory)}
              detail={`${formatBytes(a.memory)} of ${lim(a.limits.max_memory, formatBytes)}`}
            />
            <p className="col-span-full text-xs text-muted">
              JetStream API: {formatCount(a.api.total)} requests, {formatCount(a.api.errors)} errors
              {a.domain ? ` · domain ${a.domain}` : ''}.
            </p>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
