'use client';

import { useMemo } from 'react';
import type { ConsumerInfo } from '@nats-io/jetstream';
import { parseAsBoolean, useQueryState } from 'nuqs';
import { Card, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { explainNatsError } from '@/lib/nats/errors';
import { isOrderedReader } from '@/lib/stats/consumers';
import type { StatsData } from './use-stats-data';
import { ConsumerRow } from './consumer-row';
import { LagChart } from './lag-chart';

const HEAD = [
  'Consumer',
  'Lag (pending)',
  'Lag in time',
  'Ack pending',
  'Redelivered',
  'Waiting',
  'Delivered seq',
  'Ack floor seq',
  'Last active',
];

/** Every consumer of the stream with its backlog; the app's own ordered readers hidden or marked. */
export function ConsumersTab({
  stream,
  data,
  direct,
  nowMs,
}: {
  stream: string;
  data: StatsData;
  direct: boolean;
  nowMs: number;
}) {
  const [showReaders, setShowReaders] = useQueryState('readers', parseAsBoolean.withDefault(false));
  const all = useMemo(
    () => (data.consumers.data ?? []).filter((c) => c.stream_name === stream),
    [data.consumers.data, stream],
  );
  const readers = all.filter((c) => isOrderedReader(c)).length;
  const shown: ConsumerInfo[] = showReaders ? all : all.filter((c) => !isOrderedReader(c));

  if (data.consumers.error)
    return (
      <Notice tone="error" title="Cannot list consumers">
        {explainNatsError(data.consumers.error, { stream }).message}
      </Notice>
    );
  if (!data.consumers.data) return <p className="text-sm text-muted">Listing consumers…</p>;

  return (
    <div className="space-y-4">
      <Card>
        <CardHeader
          title={`Consumers (${shown.length})`}
          actions={
            <label className="flex items-center gap-2 text-xs text-muted">
              <input
                type="checkbox"
                checked={showReaders}
                onChange={(e) => void setShowReaders(e.target.checked || null)}
              />
              Show this app&apos;s ordered readers ({readers})
            </label>
          }
        />
        {shown.length === 0 ? (
          <p className="p-4 text-sm text-muted">
            No consumers on this stream{readers ? ' besides this app’s own readers' : ''}.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="stats-consumers" aria-label="Consumers">
              <thead>
                <tr className="border-b border-border text-left text-xs text-muted">
                  {HEAD.map((h, i) => (
                    <th
                      key={h}
                      className={
                        i === 0 ? 'px-4 py-2 font-medium' : 'px-3 py-2 text-right font-medium'
                      }
                    >
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <ConsumerRow
                    key={c.name}
                    info={c}
                    history={data.lags.get(c.name) ?? []}
                    direct={direct}
                    nowMs={nowMs}
                    enabled={data.enabled}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="border-t border-border px-4 py-2 text-xs text-muted">
          Lag in time is the age of the oldest message the consumer has not finished (ack floor +
          1). A consumer is flagged stuck when its backlog grew on each of the last 3 readings with
          no delivery, or its ack pending is at max_ack_pending.
        </p>
      </Card>
      <LagChart
        lags={data.lags}
        names={shown.filter((c) => !isOrderedReader(c)).map((c) => c.name)}
      />
    </div>
  );
}
