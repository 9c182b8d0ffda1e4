import { describe, expect, it } from 'vitest';
import { appOverFloor, floorAgainstGoal } from './floor-note';

describe('floor notes', () => {
  it('says when the floor alone is above the goal', () => {
    expect(floorAgainstGoal(450, 150, 2)).toMatch(
      /^the floor alone is 3\.00× .*below what this stack can do/,
    );
    expect(floorAgainstGoal(250, 200, 1.5)).toMatch(/^the floor is 1\.25× .*the app's own/);
    // Exactly at the goal is within it (the goals are ≤).
    expect(floorAgainstGoal(300, 150, 2)).toMatch(/within/);
    expect(floorAgainstGoal(502, 329, 1.5)).toMatch(/^the floor alone is 1\.53× /);
  });
  it('never divides by a missing figure', () => {
    expect(floorAgainstGoal(NaN, 150, 2)).toBe('floor or bare page not measured');
    expect(floorAgainstGoal(300, 0, 2)).toBe('floor or bare page not measured');
    expect(appOverFloor(500, NaN)).toBe('app or floor not measured');
  });
  it('gives the app over the floor in ms and as a ratio', () => {
    expect(appOverFloor(700, 500)).toBe('app = floor + 200 ms (1.4×)');
    expect(appOverFloor(480, 500)).toBe('app = floor − 20 ms (0.96×)');
  });
});
