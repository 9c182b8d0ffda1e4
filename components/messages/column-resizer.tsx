'use client';

import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { COL_MAX_PX, COL_MIN_PX, type ResizableKey } from '@/lib/browse/columns';

/** Arrow keys move a column edge by this much (Shift: four times as far), px. */
const KEY_STEP = 16;

/**
 * The drag handle on a column header's right edge: drag it, or focus it and use the arrow keys
 * (Home: back to the automatic width). A separator with a value, as ARIA's window splitter.
 */
export function ColumnResizer({
  colKey,
  label,
  width,
  onResize,
}: {
  colKey: ResizableKey;
  label: string;
  width: number;
  onResize: (key: ResizableKey, px: number | null, persist?: boolean) => void;
}) {
  const drag = useRef<{ x: number; w: number } | null>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight')
      onResize(colKey, width + (e.key === 'ArrowRight' ? step : -step));
    else if (e.key === 'Home') onResize(colKey, null);
    else return;
    e.preventDefault();
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, w: width };
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    // Remembered on release, not on every move.
    if (d) onResize(colKey, d.w + e.clientX - d.x, false);
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (d) onResize(colKey, d.w + e.clientX - d.x);
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${label} column`}
      aria-valuenow={width}
      aria-valuemin={COL_MIN_PX}
      aria-valuemax={COL_MAX_PX}
      title={`Drag, or use ← → (Home: automatic width)`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => onResize(colKey, null)}
      className="absolute inset-y-1 -right-[6px] z-20 w-[8px] cursor-col-resize touch-none rounded-sm after:absolute after:inset-y-0 after:left-[3px] after:w-[2px] after:bg-border hover:after:bg-accent focus-visible:outline-2 focus-visible:outline-accent focus-visible:after:bg-accent"
    />
  );
}
