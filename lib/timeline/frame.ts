/**
 * A prepared timeline frame: what one frame draws, and where, as plain data (prepare.ts builds
 * it, draw.ts paints it). CSS pixels throughout.
 */
import type { LaneColumns } from './lane-columns';
import type { DrawFilters } from './layout';
import type { AgentInfo, TimelineModel } from './model';
import type { Theme } from './paint-state';
import type { Gap } from './snapshot';
import type { Viewport } from './viewport';

export type PrepareInput = {
  width: number;
  height: number;
  model: TimelineModel;
  view: Viewport;
  /** The time open segments and running bars extend to (frozen while paused). */
  nowMs: number;
  /** Newest sequence to show (frozen while paused). */
  viewSeq: number;
  lanes: AgentInfo[];
  filters: DrawFilters;
  gaps: readonly Gap[];
  theme: Theme;
  /** Width of an axis label in the canvas font (the painter's measureText). */
  measure: (text: string) => number;
};

/** One agent lane's background and label. */
export type LaneLabel = {
  y: number;
  /** Every other lane gets a tinted background. */
  striped: boolean;
  dot: string;
  name: string;
  /** Role, and the status when known. */
  sub: string;
};

/** A grid line at x; its label is null where it would run past the plot's edges. */
export type AxisTick = { x: number; label: string | null };

/** One lane's status runs [xs[2i], xs[2i+1]) in colours[i], left to right, never overlapping. */
export type StatusRuns = { y: number; xs: number[]; colors: string[] };

/**
 * Task attempt bars rasterized per lane and pixel column (lane-columns.ts): `light` marks the
 * assigned parts, `solid` the started parts by colour code (index into `palette` + 1). A lane's
 * bars are BAR_H high from `y[lane]`, the light parts inset by LIGHT_INSET at top and bottom.
 * (Kept as columns rather than copied into rectangles: a busy frame has thousands of runs.)
 */
export type BarRects = {
  palette: string[];
  light: LaneColumns;
  solid: LaneColumns;
  y: number[];
  badges: { x: number; y: number; text: string }[];
};

/** Task event marks (MARK_W × MARK_H): the i-th at xy[2i], xy[2i+1] in colors[i] (flat: thousands a frame). */
export type TaskMarks = { xy: Float64Array; colors: string[] };

/**
 * Task events aggregated per lane and pixel column (too dense for marks): the i-th column at
 * x[i], from y[i] down h[i] px (1 px wide), holding counts[i] events, in colors[i] (the worst
 * event's). Grouped by colour. `max` is the busiest column's count.
 */
export type TaskDensity = {
  x: Float64Array;
  y: Float64Array;
  h: Float64Array;
  counts: Uint32Array;
  colors: string[];
  max: number;
};

/** Messages per pixel column of the plot (column c is at x0 + c) and each bar's height. */
export type Density = {
  counts: Uint32Array;
  max: number;
  top: number;
  h: number;
  /** Bar height per column (log scale, at least 1 px where there is a message; 0 where none). */
  heights: Float64Array;
};

export type TimelineFrame = {
  width: number;
  height: number;
  /** Left edge of the plot (the lane labels are left of it) and its width. */
  x0: number;
  plotW: number;
  lanes: LaneLabel[];
  ticks: AxisTick[];
  /** Null when status events are filtered out. */
  status: StatusRuns[] | null;
  /** Null when task events are filtered out. */
  bars: BarRects | null;
  /** Empty when the task events are aggregated (taskDensity). */
  marks: TaskMarks;
  /** Task events per lane and column, when too dense for marks; else null. */
  taskDensity: TaskDensity | null;
  /** Events in view when the task events are drawn aggregated; null when drawn as marks. */
  aggregated: number | null;
  density: Density;
  /** Reconnect gaps, x from xa to xb (at least 3 px), across every lane. */
  gaps: { xa: number; xb: number }[];
  /**
   * Right edge of the band of time whose events left memory (from the plot's left edge), when
   * it is in view; else null.
   */
  evictedX: number | null;
  /** Left edge of the 2 px "now" line, null when "now" is out of view. */
  nowX: number | null;
  /** Ring events visited in the visible window. */
  visited: number;
};

export const BAR_H = 12;
export const LIGHT_INSET = 2;
export const MARK_W = 2;
export const MARK_H = 5;

/** x for a time (the plot's offset included). */
export type Tx = (t: number) => number;
