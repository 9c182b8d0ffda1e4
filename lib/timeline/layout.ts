/** Geometry shared by the canvas drawing and its hit testing (CSS pixels). */
import type { TimeZone } from '@/lib/time-zone';

export const LAYOUT = { axisH: 22, densityH: 40, laneH: 32, labelW: 190 } as const;

/** Height of an aggregated lane's density columns (from the lane's bottom, below the bars). */
export const AGG_H = 8;

/** Top of agent lane `i`. */
export function laneTop(i: number): number {
  return LAYOUT.axisH + LAYOUT.densityH + i * LAYOUT.laneH;
}

/** Canvas height for `lanes` agent lanes. */
export function canvasHeight(lanes: number): number {
  return laneTop(Math.max(lanes, 1)) + 6;
}

/** What the view shows: filters applied to lanes and marks. */
export type DrawFilters = {
  kinds: ReadonlySet<string>;
  task: string | null;
  /** Zone of the axis labels and tooltip times (local when absent). */
  tz?: TimeZone;
};
