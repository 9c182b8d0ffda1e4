'use client';

import type { StreamInfo } from '@nats-io/jetstream';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { SEED_STREAM_CONFIG } from '@/lib/agents/schema';
import { diffStreamConfig } from '@/lib/stats/config-diff';
import { formatDuration } from '@/lib/format';
import { Pill } from './parts';

/** The stream's configuration next to the seed's, differences highlighted; cluster placement. */
export function ConfigCard({ info }: { info: StreamInfo }) {
  const rows = diffStreamConfig(
    info.config as unknown as Record<string, unknown>,
    SEED_STREAM_CONFIG,
  );
  const drift = rows.filter((r) => r.differs).length;
  const cluster = info.cluster;
  return (
    <Card>
      <CardHeader
        title="Configuration vs the seed"
        actions={
          drift ? (
            <Pill tone="warn">
              {drift} differ{drift === 1 ? 's' : ''}
            </Pill>
          ) : (
            <Pill tone="ok">matches the seed</Pill>
          )
        }
      />
      <table className="w-full text-sm" data-testid="stats-config">
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th className="px-4 py-1.5 font-medium">Setting</th>
            <th className="px-4 py-1.5 font-medium">This stream</th>
            <th className="px-4 py-1.5 font-medium">Seed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.key}
              className={cn('border-b border-border/60 last:border-0', r.differs && 'bg-warn/10')}
              data-differs={r.differs || undefined}
            >
              <td className="px-4 py-1.5">{r.label}</td>
              <td className={cn('px-4 py-1.5 font-mono', r.differs && 'font-semibold text-warn')}>
                {r.actual}
              </td>
              <td className="px-4 py-1.5 font-mono text-muted">{r.seed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="border-t border-border px-4 py-2 text-sm">
        {cluster?.leader ? (
          <div>
            <div>
              Cluster <span className="font-mono">{cluster.name ?? '—'}</span> · leader{' '}
              <span className="font-mono font-semibold">{cluster.leader}</span>
            </div>
            <ul className="mt-1 space-y-0.5">
              {(cluster.replicas ?? []).map((p) => (
                <li key={p.name} className="flex flex-wrap items-center gap-2">
                  <span className="font-mono">{p.name}</span>
                  <Pill tone={p.offline ? 'bad' : p.current ? 'ok' : 'warn'}>
                    {p.offline ? 'offline' : p.current ? 'current' : 'catching up'}
                  </Pill>
                  <span className="text-muted">
                    lag {p.lag} ops · seen {formatDuration((p.active ?? 0) / 1e6)} ago
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <span className="text-muted">
            Not clustered: a single server holds this stream (replicas {info.config.num_replicas}).
          </span>
        )}
      </div>
    </Card>
  );
}
