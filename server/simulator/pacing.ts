/**
 * The live traffic schedule: how many events should have been published `t` seconds after
 * start. It follows `rate` on average but breathes: two slow waves with seeded phases make
 * bursts (up to ~1.5× the rate) and lulls (down to ~0.5×), while the cumulative count never
 * strays more than 0.25 s worth of events from rate × t, so a short run still hits its total.
 */
import { createRng } from './prng';

/** Cumulative target count as a function of elapsed seconds (non-decreasing). */
export type Pace = (elapsedSec: number) => number;

// Amplitudes (s) and periods (s) of the two waves. Max slope 2π(0.08/2.9 + 0.045/0.9) ≈ 0.49
// keeps the instantaneous rate within 0.51×..1.49×; twice the sum of amplitudes bounds drift.
const WAVES: ReadonlyArray<readonly [number, number]> = [
  [0.08, 2.9],
  [0.045, 0.9],
];

/** A seeded pace for `rate` events per second. */
export function createPace(rate: number, seed: number): Pace {
  const rng = createRng(seed);
  const phases = WAVES.map(() => rng.next() * 2 * Math.PI);
  // Subtract the waves' value at t = 0 so the schedule starts at exactly 0 events.
  const wobble = (t: number) =>
    WAVES.reduce(
      (s, [amp, period], i) => s + amp * Math.sin((2 * Math.PI * t) / period + (phases[i] ?? 0)),
      0,
    );
  const w0 = wobble(0);
  return (t) => Math.max(0, rate * (t + wobble(t) - w0));
}
