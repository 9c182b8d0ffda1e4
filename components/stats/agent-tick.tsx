'use client';

/** Characters that fit the label axis at the chart's font size (monospace-free estimate). */
const MAX_CHARS_PER_PX = 1 / 7.2;

/**
 * A category-axis label of the group chart: the row's label (an agent's name and role),
 * cut with an ellipsis to the axis width, the whole label and the id in an SVG <title>.
 */
export function AgentTick({
  x,
  y,
  payload,
  width,
  rows,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  width: number;
  rows: readonly { key: string; label: string; tip: string }[];
}) {
  const key = String(payload?.value ?? '');
  const row = rows.find((r) => r.key === key);
  const label = row?.label ?? key;
  const max = Math.floor((width - 8) * MAX_CHARS_PER_PX);
  const shown = label.length > max ? `${label.slice(0, Math.max(1, max - 1))}…` : label;
  return (
    <g transform={`translate(${Number(x ?? 0)},${Number(y ?? 0)})`}>
      <text
        x={-6}
        y={0}
        dy="0.355em"
        textAnchor="end"
        fill="var(--muted)"
        fontSize={13}
        data-testid="group-label"
      >
        <title>{row?.tip ?? key}</title>
        {shown}
      </text>
    </g>
  );
}
