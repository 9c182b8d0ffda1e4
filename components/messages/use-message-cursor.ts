'use client';
/**
 * The /messages cursor: the keyboard cursor (kept per view: stream, filter and start) and the
 * open message (in the URL), and stepping through the rows shown (j/k, the detail's arrows).
 */
import { useCallback, useState } from 'react';
import type { BrowseStore } from '@/lib/browse/browse-store';
import type { Row } from '@/lib/browse/rows';
import { indexOfSeq, rowAt } from './message-table';

export function useMessageCursor({
  viewKey,
  urlOpen,
  setOpen,
}: {
  /** The view the cursor belongs to; a new view starts without one. */
  viewKey: string;
  urlOpen: number | null;
  /** Writes the open message to the URL (null: closed). */
  setOpen: (seq: number | null) => void;
}) {
  const [cursorState, setCursorState] = useState<{ key: string; seq: number | null }>({
    key: '',
    seq: null,
  });
  const cursor = cursorState.key === viewKey ? cursorState.seq : null;
  const setCursor = useCallback(
    (seq: number | null) => setCursorState({ key: viewKey, seq }),
    [viewKey],
  );
  const open = useCallback(
    (seq: number | null) => {
      setCursor(seq);
      setOpen(seq);
    },
    [setOpen, setCursor],
  );
  return { cursor, setCursor, open, current: urlOpen ?? cursor };
}

/** One row down (1) or up (-1) from the open message or the cursor, in display order. */
export function useCursorStep({
  current,
  anchor,
  rows,
  order,
  browsing,
  store,
  urlOpen,
  open,
  setCursor,
}: {
  current: number | null;
  /** Where the view started (before any cursor). */
  anchor: number | null;
  rows: Row[];
  order: 'asc' | 'desc';
  /** The Browse tab with a windowed store (rows far from the view may have been dropped). */
  browsing: boolean;
  store: BrowseStore | null;
  urlOpen: number | null;
  open: (seq: number | null) => void;
  setCursor: (seq: number | null) => void;
}) {
  return useCallback(
    (d: 1 | -1) => {
      const from = current ?? anchor;
      const idx = from === null ? -1 : indexOfSeq(rows, order, from);
      const move = (seq: number) => (urlOpen !== null ? open(seq) : setCursor(seq));
      if (idx < 0 && current !== null && browsing && store) {
        // The window dropped the rows around the open message: read them again, then step.
        void store.reopen(current, order).then(() => {
          const r = store.getSnapshot().rows;
          const i = indexOfSeq(r, order, current);
          const next = i < 0 ? undefined : rowAt(r, order, i + d);
          if (next) move(next.seq);
        });
        return true;
      }
      const next = rowAt(rows, order, idx < 0 ? 0 : idx + d);
      if (next) move(next.seq);
      return true;
    },
    [current, anchor, browsing, store, rows, order, urlOpen, open, setCursor],
  );
}
