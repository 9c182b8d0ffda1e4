/**
 * Layout of the sequence diagram: one lifeline per agent (ordered by role, then name) and one
 * row per message in a window around the playhead, arrows sender → recipient (a broadcast
 * fans out to every other lifeline). Pure; the SVG view only draws it.
 */
import { AGENT_ROLES } from '@/lib/agents/schema';
import { metaAccess, type EventMeta, type MetaList } from './columns';

type Events = readonly EventMeta[] | MetaList;
type MessageMeta = Extract<EventMeta, { kind: 'message' }>;

export type Lane = { id: string; label: string; role: string | null };
export type SeqRow = {
  seq: number;
  index: number;
  from: number;
  to: number[];
  type: string;
  broadcast: boolean;
  current: boolean;
  future: boolean;
};
export type SequenceLayout = { lanes: Lane[]; rows: SeqRow[] };

const roleRank = (r: string | null) => {
  const i = AGENT_ROLES.indexOf((r ?? '') as (typeof AGENT_ROLES)[number]);
  return i < 0 ? AGENT_ROLES.length : i;
};

/**
 * Adds the agents of `events[from..to)` to `m` (message senders/recipients and status
 * events; a later event may fill in a role or name). Returns true when `m` changed.
 */
export function addLanes(
  m: Map<string, Lane>,
  events: Events,
  from = 0,
  to = events.length,
): boolean {
  const at = metaAccess(events);
  let changed = false;
  const add = (id: string, role: string | null, name: string | null) => {
    const cur = m.get(id);
    if (!cur || (cur.role === null && role)) {
      m.set(id, { id, role, label: name ?? cur?.label ?? id });
      changed = true;
    }
  };
  for (let i = from; i < to; i++) {
    const e = at(i);
    if (e.kind === 'message') {
      add(e.from, e.fromRole, e.fromName);
      if (e.to) add(e.to, e.toRole, e.toName);
    } else if (e.kind === 'status') add(e.agent, e.role, e.name);
  }
  return changed;
}

/** The lanes of `m` in diagram order (by role, then label). */
export function sortLanes(m: Map<string, Lane>): Lane[] {
  return [...m.values()].sort(
    (a, b) => roleRank(a.role) - roleRank(b.role) || a.label.localeCompare(b.label),
  );
}

/** Lanes for every agent in `events` (message senders/recipients and status events). */
export function lanesOf(events: Events, from = 0, to = events.length): Lane[] {
  const m = new Map<string, Lane>();
  addLanes(m, events, from, to);
  return sortLanes(m);
}

/**
 * Rows for the messages among `events[center-before .. center+after]`, `center` marked
 * current (or the last message before it), later ones marked future.
 */
export function sequenceLayout(
  events: Events,
  lanes: Lane[],
  center: number,
  before = 12,
  after = 6,
): SequenceLayout {
  const at = metaAccess(events);
  const pos = new Map(lanes.map((l, i) => [l.id, i]));
  const rows: SeqRow[] = [];
  // Walk outwards from the playhead collecting messages only, so the window is in messages.
  const back: SeqRow[] = [];
  const row = (e: MessageMeta, i: number): SeqRow | null => {
    const f = pos.get(e.from);
    if (f === undefined) return null;
    const to =
      e.to === null
        ? lanes.map((_, k) => k).filter((k) => k !== f)
        : [pos.get(e.to)].filter((x): x is number => x !== undefined);
    return {
      seq: e.seq,
      index: i,
      from: f,
      to,
      type: e.type,
      broadcast: e.to === null,
      current: false,
      future: i > center,
    };
  };
  for (let i = Math.min(center, events.length - 1); i >= 0 && back.length < before + 1; i--) {
    const e = at(i);
    if (e.kind === 'message') {
      const r = row(e, i);
      if (r) back.push(r);
    }
  }
  const first = back[0];
  if (first) first.current = true;
  rows.push(...back.reverse());
  let ahead = 0;
  for (let i = center + 1; i < events.length && ahead < after; i++) {
    const e = at(i);
    if (e.kind === 'message') {
      const r = row(e, i);
      if (r) {
        rows.push(r);
        ahead++;
      }
    }
  }
  return { lanes, rows };
}

/** Sizes of the sequence diagram for a number of lanes in an available width. */
export type DiagramMetrics = {
  /** Width of the drawing (the available width, or more when lanes would be narrower than their minimum). */
  width: number;
  laneW: number;
  rowH: number;
  top: number;
  /** Font sizes (px) of lane names and message labels: at least 12, larger at presentation size. */
  lanePx: number;
  labelPx: number;
  /** Characters of a lane name shown before it is cut (the full name is in its tooltip). */
  laneChars: number;
  /** Where a row's arrow runs, below its label. */
  arrowY: number;
  x: (lane: number) => number;
};

/** Lifelines spread over `available` px (each at least a readable minimum wide). */
export function diagramMetrics(lanes: number, available: number, large = false): DiagramMetrics {
  const minLane = large ? 150 : 120;
  const laneW = Math.max(minLane, Math.floor(Math.max(0, available - 4) / Math.max(1, lanes)));
  const lanePx = large ? 17 : 13;
  const labelPx = large ? 16 : 12;
  const rowH = large ? 44 : 32;
  return {
    width: laneW * Math.max(1, lanes),
    laneW,
    rowH,
    top: lanePx + 22,
    lanePx,
    labelPx,
    laneChars: Math.max(8, Math.floor(laneW / (lanePx * 0.62))),
    arrowY: Math.round(rowH / 2 - 6),
    x: (k: number) => k * laneW + laneW / 2,
  };
}
