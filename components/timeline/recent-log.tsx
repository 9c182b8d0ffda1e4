'use client';

import { useMemo } from 'react';
import { logFilter } from '@/lib/timeline/recent';
import type { ViewFilters } from '@/lib/timeline/session';
import type { TimelineStore } from '@/lib/timeline/store';
import type { ViewStore } from '@/lib/timeline/view-store';
import { RecentEvents } from './recent-events';
import { useTimelineSnapshot } from './use-timeline-snapshot';

/** The newest events the view shows that pass the filters (re-read with each snapshot). */
export function RecentLog({
  store,
  view,
  filters,
  ...rest
}: {
  store: TimelineStore;
  view: ViewStore;
  filters: ViewFilters;
  onSelect: (seq: number) => void;
  selected: number | null;
  nameOf: (agentId: string) => string | null | undefined;
}) {
  const s = useTimelineSnapshot(store, view);
  const recent = useMemo(
    () => store.recent(30, logFilter(filters)),
    [store, s.viewSeq, s.version, filters], // eslint-disable-line react-hooks/exhaustive-deps
  );
  return <RecentEvents events={recent} tz={filters.tz ?? 'local'} {...rest} />;
}
