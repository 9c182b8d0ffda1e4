'use client';

import { useCallback, useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import {
  columnLayout,
  clampColumnWidth,
  parseColumnWidths,
  type ColumnLayout,
  type ColumnWidths,
  type ResizableKey,
} from '@/lib/browse/columns';

/** Where the widths the user chose are remembered (per browser, all streams). */
export const COLUMN_WIDTHS_KEY = 'agent-replay.message-columns';

/**
 * Column widths for the grid from the scroller's width (ResizeObserver, which also reports
 * the first size right after mount) and the widths the user chose (localStorage, read after
 * mount so the server render and hydration agree); until then the narrowest table's layout.
 */
export function useColumnLayout(
  scroller: RefObject<HTMLElement | null>,
  created = false,
): {
  cols: ColumnLayout;
  custom: ColumnWidths;
  /** Sets (px) or forgets (null: back to sharing the free space) a column's width. */
  setWidth: (key: ResizableKey, px: number | null, persist?: boolean) => void;
} {
  const [width, setTableWidth] = useState(0);
  const [custom, setCustom] = useState<ColumnWidths>({});
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setTableWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [scroller]);
  useLayoutEffect(() => {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(COLUMN_WIDTHS_KEY);
    } catch {
      // Storage blocked (private mode, policy): widths are not remembered.
    }
    const w = parseColumnWidths(stored);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage is read after mount so hydration matches the server render
    if (Object.keys(w).length > 0) setCustom(w);
  }, []);
  const setWidth = useCallback((key: ResizableKey, px: number | null, persist = true) => {
    setCustom((prev) => {
      const next = { ...prev };
      const v = px === null ? null : clampColumnWidth(px);
      if (v === null) delete next[key];
      else next[key] = v;
      if (persist) {
        try {
          localStorage.setItem(COLUMN_WIDTHS_KEY, JSON.stringify(next));
        } catch {
          // Not remembered; the width still applies to this page.
        }
      }
      return next;
    });
  }, []);
  const cols = useMemo(() => columnLayout(width, custom, { created }), [width, custom, created]);
  return { cols, custom, setWidth };
}
