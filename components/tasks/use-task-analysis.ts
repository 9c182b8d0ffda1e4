'use client';

import { useMemo } from 'react';
import type { ReplayData } from '@/lib/replay/store';
import { criticalPath, pathSentence, pathShares, taskWaits } from '@/lib/tasks/critical-path';
import { assignToStart, busySpans, busyTotals, pairRequests } from '@/lib/tasks/latency';
import { buildStory } from '@/lib/tasks/story';

/** A task's story and its latencies from a loaded task scope; recomputed per loaded batch. */
export function useTaskAnalysis(id: string, data: ReplayData | null, version: number) {
  return useMemo(() => {
    if (!data) return null;
    const story = buildStory(id, data.events.toArray());
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
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for the events appended so far
  }, [id, data, version]);
}

export type TaskAnalysis = NonNullable<ReturnType<typeof useTaskAnalysis>>;
