'use client';

import { formatCount } from '@/lib/format';

/**
 * The live tail's state above a newest-first table: "Live" while it follows, and while paused
 * (scrolled away, or Follow off) how many messages arrived since, with a jump back to them.
 */
export function LiveBar({
  live,
  newSince,
  filtered,
  onJump,
}: {
  live: 'off' | 'following' | 'paused';
  newSince: number | null;
  filtered: boolean;
  onJump: () => void;
}) {
  if (live === 'off') return null;
  if (live === 'following') {
    return (
      <p
        role="status"
        aria-label="Live status"
        className="flex items-center gap-2 text-xs text-muted"
        data-testid="live-status"
      >
        <span aria-hidden className="inline-block h-2 w-2 rounded-full bg-ok" />
        Live: new messages appear at the top as they arrive.
      </p>
    );
  }
  // Without a filter the count is exact (the stream's last sequence); with one, the server can
  // only say whether one more matches without reading them all.
  const what =
    newSince === null || newSince === 0
      ? 'Paused: no newer messages.'
      : filtered
        ? 'Paused: newer messages under the filter.'
        : `Paused: ${formatCount(newSince)} newer ${newSince === 1 ? 'message' : 'messages'}.`;
  return (
    <p
      role="status"
      aria-label="Live status"
      className="flex items-center gap-2 text-xs"
      data-testid="live-status"
    >
      <span aria-hidden className="inline-block h-2 w-2 rounded-full bg-warn" />
      <span>{what}</span>
      <button type="button" className="text-accent hover:underline" onClick={onJump}>
        Jump to newest and follow
      </button>
    </p>
  );
}
