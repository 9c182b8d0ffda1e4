'use client';

import { parseAsStringLiteral, useQueryState } from 'nuqs';

export const REFRESH_CHOICES = ['off', '1s', '2s', '5s', '10s', '30s'] as const;
export type RefreshChoice = (typeof REFRESH_CHOICES)[number];

const MS: Record<RefreshChoice, number | false> = {
  off: false,
  '1s': 1000,
  '2s': 2000,
  '5s': 5000,
  '10s': 10_000,
  '30s': 30_000,
};

/** The stats refresh interval from `?refresh=` (default 5s); `ms` is false when off. */
export function useRefresh(): {
  choice: RefreshChoice;
  ms: number | false;
  set: (c: RefreshChoice) => void;
} {
  const [choice, setChoice] = useQueryState(
    'refresh',
    parseAsStringLiteral(REFRESH_CHOICES).withDefault('5s'),
  );
  return { choice, ms: MS[choice], set: (c) => void setChoice(c === '5s' ? null : c) };
}

/** Query options for periodic reads: the interval, paused while the tab is hidden. */
export function pollOptions(ms: number | false) {
  return { refetchInterval: ms, refetchIntervalInBackground: false } as const;
}
