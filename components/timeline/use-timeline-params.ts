'use client';

import {
  parseAsBoolean,
  parseAsString,
  parseAsStringLiteral,
  throttle,
  useQueryStates,
} from 'nuqs';
import type { TimelineClock } from '@/lib/timeline/live-source';
import { DEFAULT_WINDOW, clampSpan, formatSpan, parseWindow } from '@/lib/timeline/viewport';

export const KINDS = ['message', 'status', 'task'] as const;
export type Kind = (typeof KINDS)[number];

const parsers = {
  window: parseAsString,
  agents: parseAsString,
  kinds: parseAsString,
  task: parseAsString,
  zoom: parseAsString,
  paused: parseAsBoolean,
  // The agents' clock (created_at) by default: events without one fall back to stream time.
  clock: parseAsStringLiteral(['agent', 'stream'] as const).withDefault('agent'),
};

const list = (s: string | null) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

/** The timeline's URL state (names shared with lib/links.ts timelineHref), parsed and validated. */
export function useTimelineParams() {
  const [q, setQ] = useQueryStates(parsers, { history: 'replace' });
  const windowParsed = parseWindow(q.window);
  const windowKey = windowParsed === null ? DEFAULT_WINDOW : q.window!.trim();
  const windowMs = windowParsed ?? (parseWindow(DEFAULT_WINDOW) as number);
  const zoomMs = parseWindow(q.zoom);
  const kindsList = list(q.kinds).filter((k): k is Kind =>
    (KINDS as readonly string[]).includes(k),
  );
  return {
    windowKey,
    windowMs,
    /** Set when the URL's window could not be read (shown to the user). */
    windowError: q.window && windowParsed === null ? q.window : null,
    agents: list(q.agents),
    kinds: new Set<Kind>(kindsList.length ? kindsList : KINDS),
    task: q.task?.trim() || null,
    zoomMs: clampSpan(zoomMs ?? Math.min(windowMs, 5 * 60_000)),
    paused: q.paused === true,
    clock: q.clock as TimelineClock,
    setWindow: (w: string) => void setQ({ window: w === DEFAULT_WINDOW ? null : w }),
    setAgents: (a: string[]) => void setQ({ agents: a.length ? a.join(',') : null }),
    setKinds: (k: Set<Kind>) =>
      void setQ({
        kinds:
          k.size === KINDS.length || k.size === 0 ? null : KINDS.filter((x) => k.has(x)).join(','),
      }),
    setTask: (t: string | null) => void setQ({ task: t || null }),
    // Written at once (it is already debounced): a throttled flush could land after a
    // navigation away had started.
    setZoom: (ms: number) =>
      void setQ(
        { zoom: formatSpan(Math.round(clampSpan(ms) / 1000) * 1000) },
        { limitUrlUpdates: throttle(0) },
      ),
    setPaused: (p: boolean) => void setQ({ paused: p ? true : null }),
    setClock: (c: TimelineClock) => void setQ({ clock: c === 'agent' ? null : c }),
  };
}

export type TimelineParams = ReturnType<typeof useTimelineParams>;
