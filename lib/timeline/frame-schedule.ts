/** When the store applies queued events: the next animation frame, or a timeout standing in. */

export type Schedule = (cb: () => void) => void;

/**
 * Runs `cb` on the next animation frame, or after 250 ms if none comes first: rAF does not
 * fire in background tabs, and the queue must not grow there for ever.
 */
export const frameSchedule: Schedule = (cb) => {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cb();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  setTimeout(run, 250);
};
