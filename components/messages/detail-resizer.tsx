'use client';

import { useCallback, useEffect, useState, type RefObject } from 'react';
import { MIN_ROW_PX } from '@/lib/browse/columns';

const KEY = 'agent-replay.messages.detail-width';
/** Narrowest detail panel, and the least width left for the table. */
const MIN_DETAIL = 320;
/**
 * The table keeps room for its compact columns (lib/browse/columns.ts: every column but the
 * content preview) plus its border and scrollbar, so a dragged or saved width never pushes
 * Size off screen (a width saved on a wide screen is capped on a narrow one, see detailWidthCss).
 */
const MIN_TABLE = MIN_ROW_PX + 36;

/**
 * CSS width of a dragged detail panel, capped to leave the table MIN_TABLE px of its container
 * besides `reserved` px taken by other panels (the subject explorer).
 */
export function detailWidthCss(w: number, reserved = 0): string {
  return `clamp(${MIN_DETAIL}px, ${Math.round(w)}px, calc(100% - ${MIN_TABLE + reserved}px))`;
}

/**
 * The detail panel's width: null = the CSS default (clamp(20rem, 38%, 40rem), 30% when the
 * subject explorer is open too); a dragged
 * width in px is kept in localStorage so it survives reloads.
 */
export function useDetailWidth() {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const saved = Number(localStorage.getItem(KEY));
    // Read after mount: the server render has no localStorage.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (Number.isFinite(saved) && saved >= MIN_DETAIL) setWidth(saved);
  }, []);
  const set = useCallback((w: number | null) => {
    setWidth(w);
    if (w === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, String(Math.round(w)));
  }, []);
  return [width, set] as const;
}

/** Clamps a detail width so the table keeps MIN_TABLE px of `container` (less `reserved` px). */
function clampWidth(w: number, container: number, reserved: number): number {
  return Math.round(Math.max(MIN_DETAIL, Math.min(w, container - MIN_TABLE - reserved)));
}

/**
 * The drag handle between the table and the detail panel (pointer drag, ←/→ keys, double
 * click resets to the default width).
 */
export function DetailResizer({
  container,
  panel,
  width,
  reserved = 0,
  onWidth,
}: {
  container: RefObject<HTMLElement | null>;
  panel: RefObject<HTMLElement | null>;
  width: number | null;
  /** px of the container other panels take (the subject explorer). */ reserved?: number;
  onWidth: (w: number | null) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const total = () => container.current?.getBoundingClientRect().width ?? 1280;
  const current = () => width ?? panel.current?.getBoundingClientRect().width ?? MIN_DETAIL;
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize message detail"
      aria-valuenow={Math.round(width ?? 0)}
      aria-valuemin={MIN_DETAIL}
      tabIndex={0}
      title="Drag to resize (←/→); double-click to reset"
      className={`group flex w-2 shrink-0 cursor-col-resize items-stretch justify-center outline-none ${dragging ? 'bg-accent/20' : ''}`}
      onPointerDown={(e) => {
        e.preventDefault();
        (e.target as HTMLElement).setPointerCapture(e.pointerId);
        setDragging(true);
      }}
      onPointerMove={(e) => {
        if (!dragging || !container.current) return;
        const r = container.current.getBoundingClientRect();
        onWidth(clampWidth(r.right - e.clientX, r.width, reserved));
      }}
      onPointerUp={() => setDragging(false)}
      onPointerCancel={() => setDragging(false)}
      onDoubleClick={() => onWidth(null)}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        e.stopPropagation();
        onWidth(clampWidth(current() + (e.key === 'ArrowLeft' ? 32 : -32), total(), reserved));
      }}
    >
      <div className="my-2 w-0.5 rounded bg-border group-hover:bg-accent group-focus-visible:bg-accent" />
    </div>
  );
}
