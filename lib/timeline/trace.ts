/**
 * Opt-in User Timing marks for profiling the timeline (`globalThis.__timelineTrace = true`
 * before the page loads). Off by default: measures accumulate in the performance buffer.
 */
const on = () => (globalThis as { __timelineTrace?: boolean }).__timelineTrace === true;

/** Start time for `traceEnd`, or -1 when tracing is off. */
export function traceStart(): number {
  return on() ? performance.now() : -1;
}

/** Records `name` from `start` to now as a performance measure (no-op when tracing is off). */
export function traceEnd(name: string, start: number): void {
  if (start >= 0) performance.measure(name, { start, end: performance.now() });
}
