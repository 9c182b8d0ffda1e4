'use client';

import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { splitLines } from '@/lib/browse/payload';
import { showBidiControls } from '@/lib/hidden-chars';

const LINE_H = 20;

/**
 * Big text (a 1 MiB payload after "Show all", a long hex dump) as fixed-height lines in a
 * virtualized scroller: one huge <pre> takes seconds to lay out; this renders only what is
 * on screen. Long lines are cut into `width`-character pieces (a ↩ marks the cut).
 */
export function VirtualLines({
  text,
  width = 120,
  label,
}: {
  text: string;
  width?: number;
  label: string;
}) {
  const lines = useMemo(() => splitLines(text, width), [text, width]);
  const parent = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: lines.length,
    getScrollElement: () => parent.current,
    estimateSize: () => LINE_H,
    overscan: 20,
  });
  return (
    <div
      ref={parent}
      className="h-[55vh] overflow-auto"
      role="region"
      aria-label={label}
      data-testid="virtual-lines"
      data-lines={lines.length}
    >
      <pre
        className="relative font-mono text-xs whitespace-pre"
        style={{ height: v.getTotalSize() }}
      >
        {v.getVirtualItems().map((it) => (
          <div key={it.index} className="absolute left-0" style={{ top: it.start, height: LINE_H }}>
            {showBidiControls(lines[it.index] ?? '')}
          </div>
        ))}
      </pre>
    </div>
  );
}
