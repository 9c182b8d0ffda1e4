/**
 * When events happen: a bursty arrival process (quick exchanges inside a burst, idle periods
 * of minutes between bursts). With a span and a count, the gaps are scaled so the count
 * events fill exactly [startMs, startMs + spanMs]; the scale needs the sum of all gaps, so a
 * first pass draws them from a copy of the same seeded stream (O(count) time, O(1) memory).
 */
import { createRng, type Rng } from './prng';

/** Mean idle period between bursts of activity. */
const IDLE_MEAN_MS = 3.5 * 60_000;
/** Share of a span spent idle (between bursts) when the span is long enough to allow it. */
const IDLE_SHARE = 0.4;
/** Mean gap inside a burst when no span is given (agents answer each other in ~1 s). */
const NATURAL_BURST_GAP_MS = 1_200;
/** Mean number of events per burst when no span is given. */
const NATURAL_BURST_LEN = 60;

type Gap = { idle: boolean; w: number };

function drawGap(rng: Rng, pIdle: number): Gap {
  if (rng.chance(pIdle)) {
    // 1 minute plus an exponential tail, capped at 20 minutes: a coffee break, not a night.
    return { idle: true, w: Math.min(20 * 60_000, 60_000 + rng.exp(IDLE_MEAN_MS - 60_000)) };
  }
  // Most replies come quickly; about one in eight follows a longer "thinking" pause.
  return { idle: false, w: rng.exp(1) * (rng.chance(0.12) ? 6 : 1) };
}

export type Clock = {
  /** created_at (epoch ms) of the next event; non-decreasing. */
  next(): number;
};

/** A clock for `count` events spread over the span, or an open-ended natural clock. */
export function createClock(opts: {
  seed: number;
  startMs: number;
  spanMs?: number;
  count?: number;
}): Clock {
  const { seed, startMs, spanMs, count } = opts;
  let pIdle = 1 / NATURAL_BURST_LEN;
  let burstScale = NATURAL_BURST_GAP_MS;
  let idleScale = 1;
  let endMs = Number.POSITIVE_INFINITY;

  if (spanMs !== undefined && count !== undefined && count > 1 && spanMs > 0) {
    const gaps = count - 1;
    // Aim for idle gaps of a few minutes that together take IDLE_SHARE of the span; bursts
    // keep at least ~12 events so the squad still "talks" between pauses.
    pIdle = Math.min(1 / 12, (IDLE_SHARE * spanMs) / IDLE_MEAN_MS / gaps);
    const probe = createRng(seed);
    let idleSum = 0;
    let burstSum = 0;
    for (let i = 0; i < gaps; i++) {
      const g = drawGap(probe, pIdle);
      if (g.idle) idleSum += g.w;
      else burstSum += g.w;
    }
    if (burstSum === 0) {
      idleScale = spanMs / idleSum;
      burstScale = 0;
    } else {
      const maxIdle = 0.6 * spanMs;
      idleScale = idleSum > maxIdle ? maxIdle / idleSum : 1;
      burstScale = (spanMs - idleSum * idleScale) / burstSum;
    }
    endMs = startMs + spanMs;
  }

  const rng = createRng(seed);
  let cum = 0;
  let first = true;
  return {
    next() {
      if (first) {
        first = false;
        return startMs;
      }
      const g = drawGap(rng, pIdle);
      cum += g.w * (g.idle ? idleScale : burstScale);
      // Floating-point sums may overshoot the span by a hair; the span is a hard bound.
      return Math.min(endMs, startMs + Math.floor(cum));
    },
  };
}
