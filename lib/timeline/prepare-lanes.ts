/**
 * What a frame draws inside the agent lanes from the model's projections: status runs and task
 * attempt bars, merged per pixel column so a zoomed-out frame stays small.
 */
import { STATUS_COLORS, TASK_COLORS } from '@/lib/agents/colors';
import { LaneColumns } from './lane-columns';
import { laneTop } from './layout';
import { BAR_H, type BarRects, type PrepareInput, type StatusRuns, type Tx } from './frame';
import { lastStartingBy } from './segments';

/**
 * Status segments as runs per lane. Segments are merged per pixel column: once a column is
 * taken, later segments that end inside it are skipped (a busy agent changes status many
 * times per pixel when zoomed out).
 */
export function statusRuns(
  d: PrepareInput,
  laneIndex: Map<string, number>,
  tx: Tx,
  x0: number,
  startMs: number,
) {
  const out: StatusRuns[] = [];
  for (const [agentId, segs] of d.model.segments) {
    const li = laneIndex.get(agentId);
    if (li === undefined) continue;
    let painted = -Infinity;
    const xs: number[] = [];
    const colors: string[] = [];
    for (let k = Math.max(0, lastStartingBy(segs, startMs)); k < segs.length; k++) {
      const s = segs[k]!;
      if (s.startMs > d.view.endMs) break;
      if (s.seq > d.viewSeq) break;
      const end = s.endMs ?? d.nowMs;
      const xa = Math.max(x0, painted, Math.floor(tx(s.startMs)));
      const xb = Math.min(d.width, Math.ceil(tx(end)));
      if (xb <= xa) continue;
      painted = xb;
      xs.push(xa, xb);
      colors.push(STATUS_COLORS[s.status] ?? d.theme.muted);
    }
    if (colors.length) out.push({ y: laneTop(li), xs, colors });
  }
  return out;
}

/**
 * Task attempt bars (Temporal-style): assigned → started lighter, started → end solid.
 * Rasterized per lane and pixel column first (lane-columns.ts: zoomed out, a lane holds many
 * bars per column), so the painter draws at most a rectangle per lane and column in each layer
 * whatever the number of bars.
 */
export function barRects(
  d: PrepareInput,
  laneIndex: Map<string, number>,
  tx: Tx,
  x0: number,
  startMs: number,
): BarRects {
  const { filters, view } = d;
  const cols = Math.ceil(d.width);
  const light = new LaneColumns(d.lanes.length, cols);
  const solid = new LaneColumns(d.lanes.length, cols);
  const palette: string[] = [];
  const badges: BarRects['badges'] = [];
  for (const b of d.model.tasks.bars.values()) {
    if (b.firstSeq > d.viewSeq || !b.agentId) continue;
    if (filters.task && b.taskId !== filters.task) continue;
    const li = laneIndex.get(b.agentId);
    if (li === undefined) continue;
    const settled = b.lastSeq <= d.viewSeq && b.endMs !== null;
    const end = settled ? b.endMs! : d.nowMs;
    if (end < startMs || b.startMs > view.endMs) continue;
    const outcome = settled ? b.outcome : 'running';
    const color =
      b.blocked && !settled
        ? TASK_COLORS.blocked!
        : outcome === 'completed'
          ? TASK_COLORS.completed!
          : outcome === 'failed'
            ? TASK_COLORS.failed!
            : TASK_COLORS.started!;
    let code = palette.indexOf(color) + 1;
    if (code === 0) code = palette.push(color);
    const xs = tx(b.startMs);
    const xStarted = b.startedMs !== null && b.startedMs <= end ? tx(b.startedMs) : tx(end);
    const xe = Math.max(tx(end), xs + 2);
    if (xStarted > xs) light.fill(li, Math.max(x0, xs), xStarted, 1);
    solid.fill(li, Math.max(x0, xStarted), xStarted + Math.max(2, xe - xStarted), code);
    if (b.retries > 0 && xe - xs > 18)
      badges.push({
        x: Math.max(x0 + 2, xs + 2),
        y: laneTop(li) + 11 + BAR_H / 2,
        text: `↻${b.retries}`,
      });
  }
  const y = d.lanes.map((_, li) => laneTop(li) + 11);
  return { palette, light, solid, y, badges };
}
