'use client';

import { memo, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { roleColor } from '@/lib/agents/colors';
import type { ReplayController } from '@/lib/replay/controller';
import {
  diagramMetrics,
  sequenceLayout,
  type DiagramMetrics,
  type Lane,
  type SeqRow,
} from '@/lib/replay/sequence';
import type { ReplayData } from '@/lib/replay/store';
import { Card, CardHeader } from '@/components/ui/card';
import { showHidden } from '@/lib/hidden-chars';

type RowProps = {
  r: SeqRow;
  lanes: Lane[];
  width: number;
  m: DiagramMetrics;
  onSeek: (index: number) => void;
  hit: boolean;
};

const rowEqual = (a: RowProps, b: RowProps) =>
  a.hit === b.hit &&
  a.lanes === b.lanes &&
  a.width === b.width &&
  a.m === b.m &&
  a.onSeek === b.onSeek &&
  a.r.seq === b.r.seq &&
  a.r.index === b.r.index &&
  a.r.current === b.r.current &&
  a.r.future === b.r.future &&
  a.r.from === b.r.from &&
  a.r.to.join() === b.r.to.join();

/** A lane's name for the SVG (plain text: hidden characters as marks, long names cut). */
function laneLabel(label: string, chars: number): string {
  const l = showHidden(label);
  return l.length > chars ? `${l.slice(0, chars - 1)}…` : l;
}

const opacityOf = (r: SeqRow) => (r.future ? 0.25 : r.current ? 1 : 0.75);

/** One message's arrows, drawn at y = 0 (the parent places it); labels are drawn in a later pass. */
const SeqArrows = memo(function SeqArrows({ r, lanes, width, m, onSeek, hit }: RowProps) {
  const color = roleColor(lanes[r.from]?.role ?? null);
  return (
    <g
      data-seq={r.seq}
      opacity={opacityOf(r)}
      className="cursor-pointer"
      onClick={() => onSeek(r.index)}
    >
      {r.current ? (
        <rect
          x={0}
          y={-m.rowH / 2 + 1}
          width={width}
          height={m.rowH - 2}
          fill={hit ? 'var(--bad)' : 'var(--accent)'}
          opacity={hit ? 0.18 : 0.12}
          rx={4}
          data-breakpoint-hit={hit || undefined}
        />
      ) : null}
      {r.to.map((t) => (
        <line
          key={t}
          x1={m.x(r.from)}
          x2={m.x(t) + (t > r.from ? -4 : 4)}
          y1={m.arrowY}
          y2={m.arrowY}
          stroke={color}
          strokeWidth={r.current ? 3 : 2}
          strokeDasharray={r.broadcast ? '5 4' : undefined}
          markerEnd="url(#replay-arrow)"
          style={{ color }}
        />
      ))}
    </g>
  );
}, rowEqual);

/**
 * One message's label, above its arrow. Drawn after every arrow, with a halo in the panel's
 * colour, so no arrow (the current one is thicker) ever paints over a label.
 */
const SeqLabel = memo(function SeqLabel({ r, m, onSeek }: RowProps) {
  const left = r.to[0] !== undefined && r.to[0] < r.from;
  return (
    <text
      data-seq-label={r.seq}
      x={m.x(r.from) + (left ? -8 : 8)}
      y={m.arrowY - 5}
      fontSize={m.labelPx}
      fontWeight={r.current ? 600 : 400}
      textAnchor={left ? 'end' : 'start'}
      fill="currentColor"
      opacity={opacityOf(r)}
      stroke="var(--panel)"
      strokeWidth={4}
      paintOrder="stroke"
      className="cursor-pointer"
      onClick={() => onSeek(r.index)}
    >
      {showHidden(r.type)}
      {r.broadcast ? ' (broadcast)' : ''}
    </text>
  );
}, rowEqual);

/** Width of the element, kept current (ResizeObserver). */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [w, setW] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setW(Math.floor(e?.contentRect.width ?? 0)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w] as const;
}

/**
 * Lifelines per agent spread over the card's width and arrows for the messages around the
 * playhead (SVG): only that window is laid out and drawn, so a move costs ~20 rows whatever the
 * range. "Large" is the presentation size (projector): bigger labels and rows.
 */
export const SequenceDiagram = memo(function SequenceDiagram({
  data,
  ctl,
  version,
  large,
  onLarge,
  hit = '',
}: {
  data: ReplayData;
  ctl: ReplayController;
  version: number;
  large: boolean;
  onLarge: (large: boolean) => void;
  /** The breakpoints (numbers from 1) that stopped on the current event, if any. */
  hit?: string;
}) {
  const index = useSyncExternalStore(
    ctl.playhead.subscribe,
    () => ctl.playhead.getSnapshot().index,
    () => -1,
  );
  // Lanes cover the whole loaded range so they do not jump around while playing; the store
  // keeps them per batch (the same array until an agent is added).
  void version;
  const lanes = data.lanes();
  const [box, boxWidth] = useWidth<HTMLDivElement>();
  const m = useMemo(
    () => diagramMetrics(lanes.length, boxWidth, large),
    [lanes.length, boxWidth, large],
  );
  const { rows } = sequenceLayout(data.events, lanes, index);
  const height = m.top + Math.max(1, rows.length) * m.rowH + 10;
  const props = (r: SeqRow) => ({
    r,
    lanes,
    width: m.width,
    m,
    onSeek: ctl.seek,
    hit: hit !== '' && r.index === index,
  });
  return (
    <Card>
      <CardHeader
        title="Sequence diagram"
        actions={
          <span className="flex items-center gap-3 text-xs text-muted">
            {hit ? <span className="font-medium text-bad">stopped on breakpoint {hit}</span> : null}
            messages around the playhead
            <label className="flex items-center gap-1">
              <input type="checkbox" checked={large} onChange={(e) => onLarge(e.target.checked)} />
              Presentation size
            </label>
          </span>
        }
      />
      <div ref={box} className="overflow-x-auto p-2">
        {lanes.length === 0 ? (
          <p className="p-2 text-sm text-muted">No messages in this range.</p>
        ) : boxWidth === 0 ? null : (
          <svg
            width={m.width}
            height={height}
            role="img"
            aria-label="Sequence diagram"
            className="text-fg"
            data-testid="sequence-diagram"
          >
            <defs>
              <marker
                id="replay-arrow"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="6"
                markerHeight="6"
                orient="auto-start-reverse"
              >
                <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
              </marker>
            </defs>
            {lanes.map((l, k) => (
              <g key={l.id}>
                <line
                  x1={m.x(k)}
                  x2={m.x(k)}
                  y1={m.top - 8}
                  y2={height}
                  stroke="currentColor"
                  strokeOpacity={0.2}
                  strokeDasharray="3 3"
                />
                <text
                  data-lane={l.id}
                  x={m.x(k)}
                  y={m.lanePx + 4}
                  textAnchor="middle"
                  fontSize={m.lanePx}
                  fontWeight={600}
                  fill={roleColor(l.role)}
                >
                  <title>{showHidden(l.label)}</title>
                  {laneLabel(l.label, m.laneChars)}
                </text>
              </g>
            ))}
            {rows.map((r, i) => (
              <g key={r.seq} transform={`translate(0 ${m.top + i * m.rowH + m.rowH / 2})`}>
                <SeqArrows {...props(r)} />
              </g>
            ))}
            {rows.map((r, i) => (
              <g key={`l${r.seq}`} transform={`translate(0 ${m.top + i * m.rowH + m.rowH / 2})`}>
                <SeqLabel {...props(r)} />
              </g>
            ))}
          </svg>
        )}
      </div>
    </Card>
  );
});
