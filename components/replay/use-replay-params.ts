'use client';

import { parseAsBoolean, parseAsNativeArrayOf, parseAsString, useQueryStates } from 'nuqs';

const parsers = {
  from: parseAsString,
  to: parseAsString,
  at: parseAsString,
  task: parseAsString,
  agent: parseAsString,
  filter: parseAsString,
  speed: parseAsString,
  /** The sequence diagram at presentation size (a projector). */
  large: parseAsBoolean,
  /** Breakpoints, repeated (`break=event:failed&break=~status:error`; `~` = disabled). */
  break: parseAsNativeArrayOf(parseAsString),
};

/** The replay's URL state (names as in lib/links.ts replayHref): a link reproduces the moment. */
export function useReplayParams() {
  return useQueryStates(parsers, { history: 'replace' });
}

export type ReplayParams = ReturnType<typeof useReplayParams>[0];
