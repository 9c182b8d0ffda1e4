/** What the floor baseline says about a cold row's goal (pure, unit-tested). */
import { formatRatio } from './table';

/**
 * The floor's reading against the app's ratio goal: a bare Next.js page at `floor` ms beside the
 * bare page's `bare` ms. Above the goal, no app of this stack can meet it on this machine.
 */
export function floorAgainstGoal(floor: number, bare: number, goal: number): string {
  if (!(floor > 0) || !(bare > 0)) return 'floor or bare page not measured';
  const r = floor / bare;
  // Two decimals: a floor of 1.52× must not read as "1.5×, above ≤ 1.5×".
  const x = `${r.toFixed(2)}×`;
  return r > goal
    ? `the floor alone is ${x} the bare page, above the app's goal (≤ ${goal}×): the goal is below what this stack can do here`
    : `the floor is ${x} the bare page, within the app's goal (≤ ${goal}×): the rest of the gap is the app's own`;
}

/** The app against the floor: what is the app's own beyond any Next.js page, e.g. "app = floor + 210 ms (1.4×)". */
export function appOverFloor(app: number, floor: number): string {
  if (!(app > 0) || !(floor > 0)) return 'app or floor not measured';
  const d = Math.round(app - floor);
  return `app = floor ${d >= 0 ? '+' : '−'} ${Math.abs(d)} ms (${formatRatio(app / floor)})`;
}
