'use client';

import { roleLabel } from '@/lib/agents/schema';
import { showHidden } from '@/lib/hidden-chars';
import type { TimelineStore } from '@/lib/timeline/store';
import type { ViewStore } from '@/lib/timeline/view-store';
import { useTimelineSnapshot } from './use-timeline-snapshot';

/** The agents' lanes and statuses, for screen readers (the canvas draws them). */
export function AgentLanes({
  store,
  view,
  agents,
}: {
  store: TimelineStore;
  view: ViewStore;
  agents: readonly string[];
}) {
  useTimelineSnapshot(store, view);
  const lanes = store.model.lanes();
  const shown = agents.length ? lanes.filter((a) => agents.includes(a.id)) : lanes;
  return (
    // Its statuses change with every snapshot, and an out-of-flow box is no layout boundary:
    // each change laid out the whole page. The empty in-flow box around it contains that.
    <div className="relative h-0 [contain:strict]">
      <ul className="sr-only" aria-label="Agent lanes" data-testid="agent-lanes">
        {shown.map((a) => (
          <li key={a.id} data-agent={a.id} data-status={a.status ?? ''}>
            {showHidden(a.name ?? a.id)} ({roleLabel(a.role)}):{' '}
            {a.status ? showHidden(a.status) : 'no status yet'}
          </li>
        ))}
      </ul>
    </div>
  );
}
