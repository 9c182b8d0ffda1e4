/**
 * What is under the pointer: the nearest event mark within a few pixels (task ticks and status
 * changes on agent lanes, messages on the density lane), else the task bar or status segment
 * covering that time. Pure; the canvas turns the answer into a tooltip or an open detail.
 */
import { roleLabel } from '@/lib/agents/schema';
import { formatDuration } from '@/lib/format';
import { formatTime, zoneTag } from '@/lib/time-zone';
import { hydrateMessage, KIND_CODE, type TimelineEvent } from '@/lib/timeline/event';
import type { AgentInfo, TimelineModel } from '@/lib/timeline/model';
import { segmentAt } from '@/lib/timeline/segments';
import { timeToX, xToTime, type Viewport } from '@/lib/timeline/viewport';
import { LAYOUT, laneTop, type DrawFilters } from '@/lib/timeline/layout';
import { showHidden } from '@/lib/hidden-chars';

/**
 * What is under the pointer. `zoomAt` (a time) marks an aggregated column: a click zooms in
 * around it rather than opening one event of many.
 */
export type Hit = { seq: number; title: string; lines: string[]; zoomAt?: number };

const NEAR_PX = 5;

/** Describes one event in words (tooltips and the accessible log). */
export function describeEvent(
  ev: TimelineEvent,
  nameOf: (id: string) => string | null | undefined = () => null,
): string {
  // One line of display text: hidden characters of ids, names and subjects shown as marks.
  return showHidden(describeRaw(ev, nameOf));
}

function describeRaw(ev: TimelineEvent, nameOf: (id: string) => string | null | undefined): string {
  // Message payloads are decoded only when described (see lib/timeline/event.ts).
  if (ev.kind === 'message') hydrateMessage(ev);
  const who = ev.agentName ?? (ev.agentId ? (nameOf(ev.agentId) ?? ev.agentId) : 'unknown');
  switch (ev.kind) {
    case 'status':
      return `${who} is ${ev.what}${ev.detail ? ` — ${ev.detail}` : ''}`;
    case 'task':
      return `task ${ev.what}${ev.retries ? ` (retry ${ev.retries})` : ''}: ${ev.detail ?? ev.taskId}${ev.agentId ? ` → ${who}` : ''}`;
    case 'message':
      return `${ev.what ?? 'message'} from ${who}${ev.detail ? ` to ${ev.detail}` : ''}`;
    default:
      return ev.subject;
  }
}

/**
 * Finds what is at (x, y) in CSS pixels of a canvas `width` wide. The tooltip's text has the
 * hidden characters of names, ids and subjects shown as marks.
 */
export function hitTest(...args: Parameters<typeof findHit>): Hit | null {
  const h = findHit(...args);
  return h && { ...h, title: showHidden(h.title), lines: h.lines.map(showHidden) };
}

function findHit(
  a: {
    model: TimelineModel;
    view: Viewport;
    lanes: AgentInfo[];
    filters: DrawFilters;
    viewSeq: number;
    nowMs: number;
    width: number;
    /** The canvas drew the task events aggregated (the last frame said so). */
    aggregated?: boolean;
  },
  x: number,
  y: number,
): Hit | null {
  const plotW = Math.max(1, a.width - LAYOUT.labelW);
  const tz = a.filters.tz ?? 'local';
  const px = x - LAYOUT.labelW;
  if (px < 0 || y < LAYOUT.axisH) return null;
  const t = xToTime(a.view, px, plotW);
  const tol = (NEAR_PX / plotW) * a.view.spanMs;
  const inDensity = y < LAYOUT.axisH + LAYOUT.densityH;
  const li = Math.floor((y - laneTop(0)) / LAYOUT.laneH);
  const lane = inDensity ? null : a.lanes[li];
  if (!inDensity && !lane) return null;

  if (lane && a.aggregated && a.filters.kinds.has('task')) {
    const h = aggregatedHit(a, lane, t, (1.5 / plotW) * a.view.spanMs, tz);
    if (h) return h;
  }

  const ring = a.model.ring;
  let best: TimelineEvent | null = null;
  let bestD = Infinity;
  for (let i = ring.lowerBoundTime(t - tol), end = ring.lowerBoundTime(t + tol + 1); i < end; i++) {
    const ev = ring.at(i);
    if (ev.seq > a.viewSeq) continue;
    const ok = inDensity
      ? (ev.kind === 'message' || ev.kind === 'generic') && a.filters.kinds.has('message')
      : ev.agentId === lane!.id &&
        ((ev.kind === 'task' &&
          a.filters.kinds.has('task') &&
          (!a.filters.task || ev.taskId === a.filters.task)) ||
          (ev.kind === 'status' && a.filters.kinds.has('status')));
    if (!ok) continue;
    const dd = Math.abs(timeToX(a.view, ev.timeMs, plotW) - px);
    if (dd < bestD) {
      bestD = dd;
      best = ev;
    }
  }
  if (best)
    return {
      seq: best.seq,
      title: `#${best.seq} · ${best.kind}`,
      lines: [
        describeEvent(best, (id) => a.model.agents.get(id)?.name),
        best.subject,
        `${formatTime(best.timeMs, tz)} ${zoneTag(tz, best.timeMs)}`,
      ],
    };
  if (!lane) return null;

  if (a.filters.kinds.has('task')) {
    for (const b of a.model.tasks.bars.values()) {
      if (b.agentId !== lane.id || b.firstSeq > a.viewSeq) continue;
      if (a.filters.task && b.taskId !== a.filters.task) continue;
      // As drawn: a bar whose end the (paused) view has not reached yet is still running.
      const settled = b.endMs !== null && b.lastSeq <= a.viewSeq;
      const end = settled ? b.endMs! : a.nowMs;
      if (t < b.startMs || t > end) continue;
      const outcome = settled ? b.outcome : 'running';
      return {
        seq: b.firstSeq,
        title: `${b.title ?? b.taskId}${b.retries ? ` · retry ${b.retries}` : ''}`,
        lines: [
          `task ${b.taskId}`,
          `${outcome}${b.blocked && !settled ? ' (blocked)' : ''} · ${formatDuration(end - b.startMs)}`,
          `on ${lane.name ?? lane.id} (${roleLabel(lane.role)})`,
        ],
      };
    }
  }
  const segs = a.model.segments.get(lane.id);
  const seg = segs && a.filters.kinds.has('status') ? segmentAt(segs, t) : null;
  if (seg && seg.seq <= a.viewSeq) {
    const end = seg.endMs ?? a.nowMs;
    return {
      seq: seg.seq,
      title: `${lane.name ?? lane.id}: ${seg.status}`,
      lines: [
        `${formatTime(seg.startMs, tz)} ${zoneTag(tz, seg.startMs)} for ${formatDuration(end - seg.startMs)}`,
        seg.reason ?? '',
        roleLabel(lane.role),
      ].filter(Boolean),
    };
  }
  return null;
}

/**
 * An aggregated lane column under the pointer: how many task events it holds (the pixel column
 * and its neighbours, ±`half` ms around `t`) by event, and that a click zooms in. Task events
 * are found through the ring's kind column, so a column of thousands of messages stays cheap.
 */
function aggregatedHit(
  a: Parameters<typeof findHit>[0],
  lane: AgentInfo,
  t: number,
  half: number,
  tz: NonNullable<DrawFilters['tz']>,
): Hit | null {
  const ring = a.model.ring;
  const { codes, capacity } = ring;
  const byWhat = new Map<string, number>();
  let n = 0;
  let first = 0;
  const i1 = ring.lowerBoundTime(t + half);
  for (let i = ring.lowerBoundTime(t - half), k = ring.slot(i); i < i1; i++) {
    const code = codes[k]!;
    k = k + 1 === capacity ? 0 : k + 1;
    if (code !== KIND_CODE.task) continue;
    const ev = ring.at(i);
    if (ev.seq > a.viewSeq || ev.agentId !== lane.id) continue;
    if (a.filters.task && ev.taskId !== a.filters.task) continue;
    if (n++ === 0) first = ev.seq;
    const w = ev.what ?? 'other';
    byWhat.set(w, (byWhat.get(w) ?? 0) + 1);
  }
  if (n === 0) return null;
  const parts = [...byWhat].sort((x, y) => y[1] - x[1]).map(([w, c]) => `${c} ${w}`);
  return {
    seq: first,
    title: `${n.toLocaleString('en-US')} task event${n === 1 ? '' : 's'} (aggregated)`,
    lines: [
      `on ${lane.name ?? lane.id}: ${parts.join(', ')}`,
      `around ${formatTime(t, tz)} ${zoneTag(tz, t)}`,
      'Click to zoom in',
    ],
    zoomAt: t,
  };
}
