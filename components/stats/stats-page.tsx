'use client';

import { parseAsStringLiteral, useQueryState } from 'nuqs';
import { useQuery } from '@tanstack/react-query';
import { useRuntimeConfig } from '@/components/nats/nats-provider';
import { useStreamName } from '@/components/shell/use-stream-name';
import { deadLetterCountQuery } from '@/components/queries/stats';
import { Notice } from '@/components/ui/notice';
import { Tabs } from '@/components/ui/tabs';
import { explainNatsError } from '@/lib/nats/errors';
import { formatCount } from '@/lib/format';
import { recentRate } from '@/lib/stats/rates';
import { ConfigCard } from './config-card';
import { ConsumersTab } from './consumers-tab';
import { DeadLettersTab } from './dead-letters-tab';
import { RefreshPicker } from './refresh-picker';
import { RetentionCard } from './retention-card';
import { ServerCard } from './server-card';
import { SloCard } from './slo-card';
import { StreamFigures } from './stream-figures';
import { SubjectsTab } from './subjects-tab';
import { ThroughputCard } from './throughput-card';
import { useDeadLetters } from './use-dead-letters';
import { pollOptions, useRefresh } from './use-refresh';
import { useStatsData } from './use-stats-data';

const TABS = ['overview', 'subjects', 'consumers', 'dead-letters'] as const;
const TAB_LABEL = {
  overview: 'Overview',
  subjects: 'Subjects',
  consumers: 'Consumers',
  'dead-letters': 'Dead letters',
} as const;

/** /stats: stream figures, subjects, consumers with lag, dead letters, server and account. */
export function StatsPage() {
  const [stream] = useStreamName();
  const config = useRuntimeConfig();
  const refresh = useRefresh();
  const [tab, setTab] = useQueryState('tab', parseAsStringLiteral(TABS).withDefault('overview'));
  const data = useStatsData(stream, refresh.ms);
  const info = data.info.data?.config.name === stream ? data.info.data : undefined;
  // Advisories must fall within the stream's life (plus a margin): a forged future or ancient
  // time makes one malformed, not a dead letter pinned to the top.
  const dl = useDeadLetters(config.advisoryStream, stream, {
    created: info?.created,
    lastTs: info?.state.last_ts,
    readAtMs: data.info.dataUpdatedAt,
  });
  // How many the advisory stream keeps about this stream (the overview's figure); the list
  // holds the latest of them.
  const dlCount = useQuery({
    ...deadLetterCountQuery(config.advisoryStream, stream),
    enabled: data.enabled,
    ...pollOptions(refresh.ms),
  });
  const dlTotal =
    typeof dlCount.data === 'number'
      ? Math.max(dlCount.data - dl.malformedStored, dl.items.length)
      : null;
  // "Now" is the time of the latest reading, so lag figures mean "as of the last refresh".
  const nowMs = Math.max(data.info.dataUpdatedAt, data.consumers.dataUpdatedAt);
  const rate = recentRate(data.samples, Math.max(10_000, 3 * (refresh.ms || 5000)));
  const direct = info?.config.allow_direct === true;
  const counts: Partial<Record<(typeof TABS)[number], number>> = {
    subjects: info?.state.num_subjects,
    consumers: data.consumers.data?.length,
    'dead-letters': dlTotal ?? dl.items.length,
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          Stats <span className="font-mono text-muted">{stream}</span>
        </h1>
        <RefreshPicker value={refresh.choice} onChange={refresh.set} />
      </div>
      <Tabs
        label="Stats sections"
        value={tab}
        onChange={(t) => void setTab(t === 'overview' ? null : t)}
        items={TABS.map((t) => ({
          id: t,
          label: (
            <>
              {TAB_LABEL[t]}
              {counts[t] !== undefined ? (
                <span className="ml-1.5 rounded bg-panel-2 px-1.5 text-xs tabular-nums">
                  {formatCount(counts[t]!)}
                </span>
              ) : null}
            </>
          ),
        }))}
      />
      {data.info.error ? (
        <Notice tone="error" title="Cannot read the stream">
          {explainNatsError(data.info.error, { stream }).message}
        </Notice>
      ) : !info ? (
        <p className="text-sm text-muted">
          {data.enabled ? 'Reading stream info…' : 'Waiting for the connection…'}
        </p>
      ) : tab === 'overview' ? (
        <div className="space-y-4" role="tabpanel" aria-label="Overview">
          <StreamFigures info={info} rate={rate} />
          <SloCard
            rate={rate}
            samples={data.samples}
            refreshMs={refresh.ms}
            consumer={data.consumers.data?.find((c) => c.name === config.consumer)}
            consumerName={config.consumer}
            direct={direct}
            enabled={data.enabled}
            nowMs={nowMs}
          />
          <ThroughputCard
            stream={stream}
            samples={data.samples}
            enabled={data.enabled}
            lastSeq={info.state.last_seq}
            refreshMs={refresh.ms}
          />
          <div className="grid gap-4 xl:grid-cols-2">
            <RetentionCard info={info} nowMs={nowMs} />
            <ConfigCard info={info} />
          </div>
          <ServerCard refreshMs={refresh.ms} />
        </div>
      ) : tab === 'subjects' ? (
        <div role="tabpanel" aria-label="Subjects">
          <SubjectsTab
            stream={stream}
            enabled={data.enabled}
            refreshMs={refresh.ms}
            direct={direct}
          />
        </div>
      ) : tab === 'consumers' ? (
        <div role="tabpanel" aria-label="Consumers">
          <ConsumersTab stream={stream} data={data} direct={direct} nowMs={nowMs} />
        </div>
      ) : (
        <div role="tabpanel" aria-label="Dead letters">
          <DeadLettersTab
            stream={stream}
            advisoryStream={config.advisoryStream}
            dl={dl}
            total={dlTotal}
            direct={direct}
          />
        </div>
      )}
    </div>
  );
}
