'use client';

import { parseAsInteger, parseAsString, parseAsStringLiteral, useQueryStates } from 'nuqs';

/**
 * The browser's view in the URL (names match lib/links.ts messagesHref, plus `dir` for the
 * search direction, `live`, `range`, `cols`). View changes push history entries so Back/Forward walk through them.
 */
export const messagesParams = {
  filter: parseAsString,
  seq: parseAsString,
  time: parseAsString,
  order: parseAsStringLiteral(['asc', 'desc'] as const),
  open: parseAsInteger,
  q: parseAsString,
  dir: parseAsStringLiteral(['forward', 'backward'] as const),
  /** `off`: the newest-first view does not follow new messages (on by default). */
  live: parseAsStringLiteral(['off'] as const),
  /** What a search covers: the whole stream (default) or from the open message on (`here`). */
  range: parseAsStringLiteral(['all', 'here'] as const),
  /** Columns shown beyond the defaults (`created`: the payload's created_at). */
  cols: parseAsString,
};

/** [view, setView] for /messages. */
export function useMessagesUrl() {
  return useQueryStates(messagesParams, { history: 'push' });
}
