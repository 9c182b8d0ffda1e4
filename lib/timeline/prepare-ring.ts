/**
 * What a frame draws from the ring's events in view: the message density histogram and the
 * task event marks, in one pass over the ring's flat columns. Above what can be drawn legibly
 * the marks are aggregated into per-lane density columns (see AGGREGATE_ABOVE).
 */
import { TASK_COLORS } from '@/lib/agents/colors';
import { KIND_CODE } from './event';
import type { PrepareInput, TaskDensity, TaskMarks } from './frame';
import { AGG_H, LAYOUT, laneTop } from './layout';

/**
 * Distinct task event times per occupied lane column above which marks are aggregated. A mark
 * is 2 px wide and a column shows one: past two per column on average most events are hidden
 * under another, and zooming in would separate them. Times, not events: a publisher stamps a
 * batch with one time (the simulator every 20 ms), and events of one millisecond stay in one
 * column at any zoom, so counting them would keep a zoomed-in view aggregated for good.
 * Measured on simulator traffic (20 ms batches, 8 agents) at 1440 px: see docs/timeline.md.
 */
export const AGGREGATE_ABOVE = 2;

/**
 * The notice while task events are drawn as density: the events in view to two significant
 * figures (it changes every frame; the exact figure would flicker) and how to get marks back.
 */
export function aggregatedNotice(inView: number): string {
  const p = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, inView))) - 1);
  const n = Math.round(inView / p) * p;
  return `Aggregated: ${n.toLocaleString('en-US')} events in view · zoom in for single marks`;
}

/**
 * Which task event wins an aggregated column's colour: the worst (failed, then blocked, then
 * running work) rather than the newest, so a failure in a busy column is never painted over.
 */
const SEVERITY: Record<string, number> = {
  failed: 6,
  blocked: 5,
  progress: 4,
  started: 3,
  assigned: 2,
  completed: 1,
};
const BY_SEVERITY = Object.entries(SEVERITY)
  .sort((a, b) => a[1] - b[1])
  .map(([k]) => k);

/**
 * One pass over the visible events: the density histogram (a count per pixel column), and task
 * marks, one per lane and pixel column (the newest wins) — or, when the marks are too dense to
 * read (AGGREGATE_ABOVE), a count per lane and column drawn as density, the worst event's colour
 * winning. `aggregated` is the number of events in view when so, else null.
 */
export function scanRing(
  d: PrepareInput,
  laneIndex: Map<string, number>,
  x0: number,
  plotW: number,
  startMs: number,
) {
  const { model, view, filters, viewSeq } = d;
  const ring = model.ring;
  const i0 = ring.lowerBoundTime(startMs);
  const i1 = ring.lowerBoundTime(view.endMs + 1);
  const nCols = Math.ceil(plotW) + 1;
  const counts = new Uint32Array(nCols);
  const ticks = new Map<number, string>();
  // Per lane and column: task events, and the worst one's severity (SEVERITY; 0 = other).
  const laneCounts = new Uint32Array(Math.max(0, d.lanes.length * nCols));
  const worst = new Uint8Array(laneCounts.length);
  // Distinct times per lane column (events come in time order, near enough: a time differing
  // from the column's previous one counts as new).
  const lastT = new Float64Array(laneCounts.length).fill(NaN);
  let distinctTimes = 0;
  let visited = 0;
  const showMsg = filters.kinds.has('message');
  const showTask = filters.kinds.has('task');
  const pxPerMs = plotW / view.spanMs;
  // The ring's columns (flat numbers by slot): only task events are visited as objects.
  const { seqs, times, codes, capacity } = ring;
  for (let i = i0, k = ring.slot(i0); i < i1; i++, k = k + 1 === capacity ? 0 : k + 1) {
    if (seqs[k]! > viewSeq) continue;
    visited++;
    const code = codes[k]!;
    // Messages and generic (undecoded) events share the density lane.
    if (code <= KIND_CODE.generic) {
      if (!showMsg) continue;
      const c = Math.floor((times[k]! - startMs) * pxPerMs);
      if (c >= 0 && c < nCols) counts[c]!++;
    } else if (code === KIND_CODE.task && showTask) {
      const ev = ring.at(i);
      if (!ev.agentId) continue;
      if (filters.task && ev.taskId !== filters.task) continue;
      const li = laneIndex.get(ev.agentId);
      if (li === undefined) continue;
      const c = Math.round((ev.timeMs - startMs) * pxPerMs);
      if (c < 0 || c >= nCols) continue;
      const key = li * nCols + c;
      const what = ev.what ?? '';
      ticks.set(key, what);
      laneCounts[key]!++;
      const sev = SEVERITY[what] ?? 0;
      if (sev > worst[key]!) worst[key] = sev;
      if (lastT[key] !== ev.timeMs) {
        lastT[key] = ev.timeMs;
        distinctTimes++;
      }
    }
  }
  const aggregate = ticks.size > 0 && distinctTimes / ticks.size > AGGREGATE_ABOVE;
  const marks: TaskMarks = aggregate
    ? { xy: new Float64Array(0), colors: [] }
    : markList(ticks, nCols, x0, d.theme.muted);
  const taskDensity = aggregate ? densityList(laneCounts, worst, ticks.size, nCols, x0, d) : null;
  let max = 0;
  for (let c = 0; c < nCols; c++) if (counts[c]! > max) max = counts[c]!;
  const top = LAYOUT.axisH + 4;
  const h = LAYOUT.densityH - 8;
  const heights = new Float64Array(nCols);
  if (max > 0) {
    const lm = Math.log1p(max);
    for (let c = 0; c < nCols; c++) {
      const n = counts[c]!;
      if (n > 0) heights[c] = Math.max(1, (Math.log1p(n) / lm) * h);
    }
  }
  return {
    density: { counts, max, top, h, heights },
    marks,
    taskDensity,
    aggregated: aggregate ? visited : null,
    visited,
  };
}

/** One mark per lane and column, the newest event's colour. */
function markList(ticks: Map<number, string>, nCols: number, x0: number, muted: string) {
  // Sized once: a busy frame has thousands of marks, and growing arrays showed in the timings.
  const marks: TaskMarks = {
    xy: new Float64Array(2 * ticks.size),
    colors: new Array<string>(ticks.size),
  };
  let m = 0;
  for (const [key, what] of ticks) {
    const li = Math.floor(key / nCols);
    marks.xy[2 * m] = x0 + (key - li * nCols);
    marks.xy[2 * m + 1] = laneTop(li) + LAYOUT.laneH - 7;
    marks.colors[m++] = TASK_COLORS[what] ?? muted;
  }
  return marks;
}

/**
 * A bar per occupied lane column, AGG_H at most from the lane's bottom, log-scaled against the
 * busiest column of the frame, grouped by colour (few canvas state changes).
 */
function densityList(
  laneCounts: Uint32Array,
  worst: Uint8Array,
  occupied: number,
  nCols: number,
  x0: number,
  d: PrepareInput,
): TaskDensity {
  let max = 0;
  for (let i = 0; i < laneCounts.length; i++) if (laneCounts[i]! > max) max = laneCounts[i]!;
  const lm = Math.log1p(max);
  const out: TaskDensity = {
    x: new Float64Array(occupied),
    y: new Float64Array(occupied),
    h: new Float64Array(occupied),
    counts: new Uint32Array(occupied),
    colors: new Array<string>(occupied),
    max,
  };
  let m = 0;
  // Severity-major order: each colour is set once per frame.
  for (let sev = 0; sev <= BY_SEVERITY.length; sev++) {
    const color = sev === 0 ? d.theme.muted : TASK_COLORS[BY_SEVERITY[sev - 1]!]!;
    for (let key = 0; key < laneCounts.length; key++) {
      const n = laneCounts[key]!;
      if (n === 0 || worst[key] !== sev) continue;
      const li = Math.floor(key / nCols);
      const bh = Math.max(2, (Math.log1p(n) / lm) * AGG_H);
      out.x[m] = x0 + (key - li * nCols);
      out.y[m] = laneTop(li) + LAYOUT.laneH - 1 - bh;
      out.h[m] = bh;
      out.counts[m] = n;
      out.colors[m++] = color;
    }
  }
  return out;
}
