'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReplayController } from '@/lib/replay/controller';
import type { ReplayData } from '@/lib/replay/store';
import { Card, CardHeader } from '@/components/ui/card';
import { ROW_HEIGHT, TranscriptRow } from './transcript-row';

/**
 * The conversation up to the playhead, as chat bubbles (later events stay hidden).
 * Virtualized with fixed row heights, keyed by sequence; follows the playhead.
 */
export function Transcript({ data, ctl, onDetails }: { data: ReplayData; ctl: ReplayController; onDetails?: (seq: number) => void }) {
  const index = useSyncExternalStore(ctl.playhead.subscribe, () => ctl.playhead.getSnapshot().index, () => -1);
  const parent = useRef<HTMLDivElement>(null);
  const count = index + 1;
  const events = data.events;
  const compressed = data.timeline().compressed;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the one documented way
  const v = useVirtualizer({
    count,
    getScrollElement: () => parent.current,
    estimateSize: (i) => (events[i]?.kind === 'message' ? ROW_HEIGHT.message : ROW_HEIGHT.other),
    getItemKey: (i) => events[i]?.seq ?? i,
    overscan: 6,
  });
  useEffect(() => {
    if (count > 0) v.scrollToIndex(count - 1, { align: 'end' });
  }, [count, v]);
  return (
    <Card className="flex min-h-0 flex-col">
      <CardHeader title="Transcript" actions={<span className="text-xs text-muted">{count.toLocaleString('en-US')} of {events.length.toLocaleString('en-US')} events shown</span>} />
      <div ref={parent} className="h-[560px] overflow-auto py-1" data-testid="transcript">
        {count === 0 ? <p className="p-4 text-sm text-muted">Nothing before the playhead yet. Press play or step forward.</p> : null}
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => {
            const e = events[it.index];
            if (!e) return null;
            return (
              <div key={it.key} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: it.size, transform: `translateY(${it.start}px)` }}>
                <TranscriptRow e={e} current={it.index === index} gapBefore={compressed[it.index] === 1} onSelect={ctl.seekSeq} onDetails={onDetails} />
              </div>
            );
          })}
        </div>
      </div>
    </Card>
  );
}
