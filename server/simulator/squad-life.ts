/**
 * Everything that happens between tasks: agents coming online, idling, going offline for a
 * while, recovering from errors, and the PM's occasional broadcast announcement. The PM and
 * the tech lead never leave: every conversation goes through them.
 */
import { ANNOUNCEMENTS, ERROR_REASONS, OFFLINE_REASONS } from './catalog';
import type { SimEvent } from './events';
import type { AgentState, SimContext } from './sim-context';

function isCore(ctx: SimContext, a: AgentState): boolean {
  return a === ctx.pm || a === ctx.lead;
}

/**
 * One background event, or null when nothing fits right now (everyone busy and present).
 * With `force`, an announcement stands in for "nothing", so the caller always gets an event.
 */
export function squadLifeEvent(ctx: SimContext, force = false): SimEvent | null {
  const { rng, agents } = ctx;
  const announce = () =>
    ctx.message(ctx.pm, null, 'announcement', rng.pick(ANNOUNCEMENTS), null, [
      ['audience', 'squad'],
    ]);
  // Announcements are rare: a few a day for a squad publishing tens of thousands of events.
  if (rng.chance(0.04)) return announce();
  const free = agents.filter((a) => a.taskId === null);
  const recovering = free.filter((a) => a.status === 'error');
  const away = free.filter((a) => a.status === 'offline');
  // The PM stays "online": the squad's coordinator is never idle while anyone works.
  const idleable = free.filter((a) => a !== ctx.pm && a.status === 'online');
  const leavable = free.filter(
    (a) => !isCore(ctx, a) && (a.status === 'online' || a.status === 'idle'),
  );
  // Keep at least two task-taking agents around so work never stalls for long.
  const canLeave = leavable.length > 2;

  // Weighted choice among what is possible now; errors and absences are short-lived (high
  // weights to come back).
  const options: Array<[number, () => SimEvent]> = [
    [
      recovering.length > 0 ? 6 : 0,
      () =>
        ctx.status(rng.pick(recovering), 'online', 'Recovered after an automatic restart', null),
    ],
    [away.length > 0 ? 4 : 0, () => ctx.status(rng.pick(away), 'online', 'Session started', null)],
    [
      idleable.length > 0 ? 3 : 0,
      () => ctx.status(rng.pick(idleable), 'idle', 'No task in the queue', null),
    ],
    [
      canLeave ? 2 : 0,
      () => ctx.status(rng.pick(leavable), 'offline', rng.pick(OFFLINE_REASONS), null),
    ],
    [
      canLeave ? 0.5 : 0,
      () => ctx.status(rng.pick(leavable), 'error', rng.pick(ERROR_REASONS), null),
    ],
  ];
  const total = options.reduce((sum, [w]) => sum + w, 0);
  if (total === 0) return force ? announce() : null;
  let r = rng.next() * total;
  for (const [w, make] of options) {
    if (w > 0 && r < w) return make();
    r -= w;
  }
  // Floating-point edge: r landed exactly on the total; take the last possible option.
  const last = options.filter(([w]) => w > 0).at(-1);
  return last ? last[1]() : announce();
}
