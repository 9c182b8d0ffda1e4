'use client';

/** Width (px) of a character at the axis font size, for cutting labels to the axis (an estimate). */
const CHAR_PX = 7.2;

const cut = (s: string, max: number) =>
  s.length > max ? `${s.slice(0, Math.max(1, max - 1))}…` : s;

/**
 * A category-axis label of the group chart. An agent's label ("Ada · Backend developer") is
 * drawn on two lines, name above role, so neither is cut at 1024 px; anything still longer than
 * the axis is cut with an ellipsis, and the whole label with the id is in an SVG <title>. With
 * an `href` (an agent) the label is a link to its messages.
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
  rows: readonly { key: string; label: string; tip: string; href?: string }[];
}) {
  const key = String(payload?.value ?? '');
  const row = rows.find((r) => r.key === key);
  const label = row?.label ?? key;
  const max = Math.floor((width - 8) / CHAR_PX);
  const [name, role] = label.includes(' · ') ? label.split(' · ', 2) : [label, undefined];
  const text = (
    <text x={-6} y={0} textAnchor="end" fill="var(--muted)" fontSize={13} data-testid="group-label">
      <title>{row?.tip ?? key}</title>
      {role === undefined ? (
        <tspan x={-6} dy="0.355em">
          {cut(name!, max)}
        </tspan>
      ) : (
        <>
          <tspan x={-6} dy="-0.2em" fill="var(--fg)">
            {cut(name!, max)}
          </tspan>
          <tspan x={-6} dy="1.15em" fontSize={12}>
            {cut(role, max)}
          </tspan>
        </>
      )}
    </text>
  );
  return (
    <g transform={`translate(${Number(x ?? 0)},${Number(y ?? 0)})`}>
      {row?.href ? (
        <a href={row.href} aria-label={`Messages of ${label}`} className="hover:underline">
          {text}
        </a>
      ) : (
        text
      )}
    </g>
  );
}
