'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useConnectionStatus } from '@/components/nats/nats-provider';
import { streamInfoQuery } from '@/components/queries/stream';
import { consumersQuery } from '@/components/queries/consumers';
import { createSeriesStore, type SeriesSnapshot } from '@/lib/stats/series-store';
import type { StreamSample } from '@/lib/stats/rates';
import type { LagSample } from '@/lib/stats/consumers';
import { pollOptions } from './use-refresh';

/** Samples kept per series while the page is open (at 1 s refresh: 30 minutes). */
const CAP = 1800;

/**
 * STREAM.INFO and the consumer list at the chosen interval, plus the time series built from
 * successive readings (throughput, lag over time). Lives at the page so the series keep
 * growing whichever tab is shown.
 */
export function useStatsData(stream: string, refreshMs: number | false) {
  const status = useConnectionStatus();
  const enabled = status.state === 'connected';
  const info = useQuery({ ...streamInfoQuery(stream), enabled, ...pollOptions(refreshMs) });
  const consumers = useQuery({ ...consumersQuery(stream), enabled, ...pollOptions(refreshMs) });
  const [streamSeries] = useState(() => createSeriesStore<StreamSample>(CAP));
  const [lagSeries] = useState(() => createSeriesStore<LagSample>(CAP));

  // A new stream starts new series.
  useEffect(() => {
    streamSeries.clear();
    lagSeries.clear();
  }, [stream, streamSeries, lagSeries]);

  useEffect(() => {
    const d = info.data;
    if (!d || d.config.name !== stream) return;
    streamSeries.push(stream, {
      t: info.dataUpdatedAt,
      messages: d.state.messages,
      bytes: d.state.bytes,
      lastSeq: d.state.last_seq,
    });
  }, [info.data, info.dataUpdatedAt, stream, streamSeries]);

  useEffect(() => {
    for (const c of consumers.data ?? []) {
      if (c.stream_name !== stream) continue;
      lagSeries.push(c.name, {
        t: consumers.dataUpdatedAt,
        pending: c.num_pending,
        ackPending: c.num_ack_pending,
        delivered: c.delivered.stream_seq,
      });
    }
  }, [consumers.data, consumers.dataUpdatedAt, stream, lagSeries]);

  const samples = useSyncExternalStore(
    streamSeries.subscribe,
    streamSeries.getSnapshot,
    streamSeries.getSnapshot,
  );
  const lags = useSyncExternalStore(
    lagSeries.subscribe,
    lagSeries.getSnapshot,
    lagSeries.getSnapshot,
  );
  return { enabled, info, consumers, samples: samples.get(stream) ?? EMPTY, lags };
}

const EMPTY: readonly StreamSample[] = [];

export type StatsData = ReturnType<typeof useStatsData>;
export type LagSeries = SeriesSnapshot<LagSample>;
