'use client';

import { memo, useSyncExternalStore } from 'react';
import { roleColor } from '@/lib/agents/colors';
import type { ReplayController } from '@/lib/replay/controller';
import { sequenceLayout, type Lane, type SeqRow } from '@/lib/replay/sequence';
import type { ReplayData } from '@/lib/replay/store';
import { Card, CardHeader } from '@/components/ui/card';
import { showHidden } from '@/lib/hidden-chars';

const LANE_W = 110;
const ROW_H = 26;
const TOP = 34;
const x = (k: number) => k * LANE_W + LANE_W / 2;

/** A lane's name for the SVG (plain text: hidden characters as marks, long names cut). */
function laneLabel(label: string): string {
  const l = showHidden(label);
  return l.length > 16 ? `${l.slice(0, 15)}…` : l;
}

type RowProps = { r: SeqRow; lanes: Lane[]; width: number; onSeek: (index: number) => void };

/**
 * One message row, drawn at y = 0; the parent places it with a transform. When the playhead
 * moves, the window shifts and a row whose content did not change (only its place) is not
 * re-rendered (`r` is a fresh object per layout, so its fields are compared).
 */
const SeqRowG = memo(
  function SeqRowG({ r, lanes, width, onSeek }: RowProps) {
    const color = roleColor(lanes[r.from]?.role ?? null);
    const opacity = r.future ? 0.18 : r.current ? 1 : 0.7;
    const left = r.to[0] !== undefined && r.to[0] < r.from;
    return (
      <g data-seq={r.seq} opacity={opacity} className="cursor-pointer" onClick={() => onSeek(r.index)}>
        {r.current ? <rect x={0} y={-ROW_H / 2 + 2} width={width} height={ROW_H - 4} fill="var(--accent)" opacity={0.12} rx={4} /> : null}
        {r.to.map((t) => (
          <line key={t} x1={x(r.from)} x2={x(t) + (t > r.from ? -4 : 4)} y1={0} y2={0} stroke={color} strokeWidth={r.current ? 2.5 : 1.5} strokeDasharray={r.broadcast ? '4 3' : undefined} markerEnd="url(#replay-arrow)" style={{ color }} />
        ))}
        <text x={x(r.from) + (left ? -6 : 6)} y={-4} fontSize={10} textAnchor={left ? 'end' : 'start'} fill="currentColor">
          {showHidden(r.type)}
          {r.broadcast ? ' (broadcast)' : ''}
        </text>
      </g>
    );
  },
  (a, b) =>
    a.lanes === b.lanes && a.width === b.width && a.onSeek === b.onSeek && a.r.seq === b.r.seq && a.r.index === b.r.index &&
    a.r.current === b.r.current && a.r.future === b.r.future && a.r.from === b.r.from && a.r.to.join() === b.r.to.join(),
);

/**
 * Lifelines per agent and arrows for the messages around the playhead (SVG): only that
 * window is laid out and drawn, so a move costs ~20 rows whatever the range.
 */
export const SequenceDiagram = memo(function SequenceDiagram({ data, ctl, version }: { data: ReplayData; ctl: ReplayController; version: number }) {
  const index = useSyncExternalStore(ctl.playhead.subscribe, () => ctl.playhead.getSnapshot().index, () => -1);
  // Lanes cover the whole loaded range so they do not jump around while playing; the store
  // keeps them per batch (the same array until an agent is added).
  void version;
  const lanes = data.lanes();
  const { rows } = sequenceLayout(data.events, lanes, index);
  const width = Math.max(1, lanes.length) * LANE_W;
  const height = TOP + Math.max(1, rows.length) * ROW_H + 10;
  return (
    <Card>
      <CardHeader title="Sequence diagram" actions={<span className="text-xs text-muted">messages around the playhead</span>} />
      <div className="overflow-x-auto p-2">
        {lanes.length === 0 ? (
          <p className="p-2 text-sm text-muted">No messages in this range.</p>
        ) : (
          <svg width={width} height={height} role="img" aria-label="Sequence diagram" className="text-fg">
            <defs>
              <marker id="replay-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
              </marker>
            </defs>
            {lanes.map((l, k) => (
              <g key={l.id}>
                <text x={x(k)} y={14} textAnchor="middle" fontSize={11} fontWeight={600} fill={roleColor(l.role)}>
                  {laneLabel(l.label)}
                </text>
                <line x1={x(k)} x2={x(k)} y1={22} y2={height} stroke="currentColor" strokeOpacity={0.15} strokeDasharray="3 3" />
              </g>
            ))}
            {rows.map((r, i) => (
              <g key={r.seq} transform={`translate(0 ${TOP + i * ROW_H + ROW_H / 2})`}>
                <SeqRowG r={r} lanes={lanes} width={width} onSeek={ctl.seek} />
              </g>
            ))}
          </svg>
        )}
      </div>
    </Card>
  );
});
