'use client';

import { useMemo } from 'react';
import type { ReplayData } from '@/lib/replay/store';
import { criticalPath, pathSentence, pathShares, taskWaits } from '@/lib/tasks/critical-path';
import { assignToStart, busySpans, busyTotals, pairRequests } from '@/lib/tasks/latency';
import { buildStory } from '@/lib/tasks/story';
import { useWholeEvents } from '@/components/replay/use-whole-events';

/**
 * A task's story and its latencies from a loaded task scope; recomputed per loaded batch, and
 * once more when payloads the budget dropped have been read again (`reading`, `error`).
 */
export function useTaskAnalysis(id: string, data: ReplayData | null, version: number) {
  const whole = useWholeEvents(data, version);
  return useMemo(() => {
    if (!whole) return null;
    const story = buildStory(id, whole.events);
    const { pairs, orphans } = pairRequests(story.messages);
    const path = criticalPath(story, taskWaits(story, pairs));
    const busy = busySpans(story);
    return {
      story,
      pairs,
      orphans,
      path,
      busy,
      busyTotals: busyTotals(busy),
      starts: assignToStart(story),
      shares: pathShares(story, path),
      sentence: pathSentence(story, path),
      reading: whole.reading,
      error: whole.error,
    };
  }, [id, whole]);
}

export type TaskAnalysis = NonNullable<ReturnType<typeof useTaskAnalysis>>;
