'use client';
/** What /messages has to say above its table, in order of weight: each notice is one prop. */
import { Notice } from '@/components/ui/notice';

export function BrowseNotices({
  stream,
  streamError,
  waiting,
  badFilter,
  notice,
  error,
  empty,
  noMatch,
}: {
  stream: string;
  /** The stream cannot be read (missing, no permission…): the explained error. */
  streamError: string | null;
  /** Not connected yet and nothing cached. */
  waiting: boolean;
  /** The link's filter is not a valid subject filter (every subject is shown instead). */
  badFilter: { filter: string; error: string } | null;
  /** The store's warning (clamped position, a read that fell back…). */
  notice: string | null;
  /** The store's read failed. */
  error: string | null;
  empty: boolean;
  /** The view is loaded and holds no row (with the filter that caused it). */
  noMatch: { filter: string | null } | null;
}) {
  return (
    <>
      {streamError ? (
        <Notice tone="error" title="Cannot read the stream">
          {streamError}
        </Notice>
      ) : null}
      {waiting ? <Notice>Waiting for the connection to NATS…</Notice> : null}
      {badFilter ? (
        <Notice tone="error" title={`Invalid filter “${badFilter.filter}” in the link`}>
          {badFilter.error} Showing every subject.
        </Notice>
      ) : null}
      {notice ? <Notice tone="warn">{notice}</Notice> : null}
      {error ? (
        <Notice tone="error" title="Reading failed">
          {error}
        </Notice>
      ) : null}
      {empty ? (
        <Notice title={`Stream “${stream}” is empty`}>
          No messages are stored yet (or all expired). Publish some, or run the demo: npm run demo.
        </Notice>
      ) : null}
      {noMatch ? (
        <Notice title="No messages match">
          {noMatch.filter
            ? `Nothing in ${stream} matches “${noMatch.filter}”. Check the filter or open Subjects to pick one.`
            : 'Nothing to show here.'}
        </Notice>
      ) : null}
    </>
  );
}
