/**
 * What a frame draws from the ring's events in view: the message density histogram and the
 * task event marks, in one pass over the ring's flat columns.
 */
import { TASK_COLORS } from '@/lib/agents/colors';
import { KIND_CODE } from './event';
import type { PrepareInput, TaskMarks } from './frame';
import { LAYOUT, laneTop } from './layout';

/**
 * One pass over the visible events: the density histogram (a count per pixel column) and task
 * marks, one per lane and pixel column (the newest wins).
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
      ticks.set(li * nCols + c, ev.what ?? '');
    }
  }
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
    marks.colors[m++] = TASK_COLORS[what] ?? d.theme.muted;
  }
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
  return { density: { counts, max, top, h, heights }, marks, visited };
}
