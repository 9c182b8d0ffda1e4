'use client';

import { parseAsInteger, parseAsString, parseAsStringLiteral, useQueryStates } from 'nuqs';

/**
 * The browser's view in the URL (names match lib/links.ts messagesHref, plus `dir` for the
 * search direction). View changes push history entries so Back/Forward walk through them.
 */
export const messagesParams = {
  filter: parseAsString,
  seq: parseAsString,
  time: parseAsString,
  order: parseAsStringLiteral(['asc', 'desc'] as const),
  open: parseAsInteger,
  q: parseAsString,
  dir: parseAsStringLiteral(['forward', 'backward'] as const),
};

/** [view, setView] for /messages. */
export function useMessagesUrl() {
  return useQueryStates(messagesParams, { history: 'push' });
}
