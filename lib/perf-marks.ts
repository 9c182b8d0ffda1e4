/**
 * Cheap User Timing marks on the cold path (navigation → connected → read → data), set once
 * per page load so a benchmark or a developer's profiler can split "time to the first row"
 * by stage (`performance.getEntriesByType('mark')`). A mark costs microseconds; repeats are
 * ignored so the buffer never grows.
 */
export type ColdMark =
  | 'ar:connect-start'
  | 'ar:hydrated'
  | 'ar:connected'
  | 'ar:read-start'
  | 'ar:first-data'
  | 'ar:loaded';

const seen = new Set<string>();

/** Marks `name` the first time it happens in this page (no-op where User Timing is missing). */
export function markOnce(name: ColdMark): void {
  if (seen.has(name)) return;
  seen.add(name);
  try {
    globalThis.performance?.mark?.(name);
  } catch {
    // no User Timing: nothing to record
  }
}
