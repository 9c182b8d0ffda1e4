'use client';

import { useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import { columnLayout, type ColumnLayout } from '@/lib/browse/columns';

/**
 * Column widths for the grid from the scroller's width (ResizeObserver, which also reports
 * the first size right after mount); until then (server render, the first frame: no rows are
 * loaded yet) the narrowest table's layout is used.
 */
export function useColumnLayout(scroller: RefObject<HTMLElement | null>): ColumnLayout {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [scroller]);
  return useMemo(() => columnLayout(width), [width]);
}
