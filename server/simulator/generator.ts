/**
 * Deterministic Agent Squad traffic. A small scheduler interleaves several task
 * conversations (task-script.ts) with background squad life (squad-life.ts); a separate
 * clock (timing.ts) stamps created_at. Content and clock draw from two seeded streams, so
 * the same seed + startMs (+ options) yields the same subjects and payload bytes, and a
 * caller that stamps events itself (live traffic) gets the same conversation as a backfill.
 */
import { templatesByRole } from './catalog';
import type { SimEvent } from './events';
import { createRng, mixSeed } from './prng';
import { SimContext } from './sim-context';
import { squadLifeEvent } from './squad-life';
import { buildSquad } from './squad';
import { taskScript } from './task-script';
import { createClock } from './timing';

export type { SimEvent } from './events';

export type SquadGeneratorOptions = {
  seed: number;
  /** created_at of the first event (epoch ms). */
  startMs: number;
  /** With `count`: created_at values are spread over [startMs, startMs + spanMs]. */
  spanMs?: number;
  /** Number of events; unlimited when unset. */
  count?: number;
  /** Agents in the squad (default 8; 3..40). */
  squadSize?: number;
};

export type SquadGenerator = {
  /**
   * The next event. `atMs` overrides the generated created_at (live traffic stamps "now");
   * throws once `count` events were produced.
   */
  next(atMs?: number): SimEvent;
};

/** Share of events that are background squad life (status churn, announcements). */
const BACKGROUND_SHARE = 0.06;
/** Chance per event to open a new task while below the concurrency target. */
const SPAWN_CHANCE = 0.3;

/** Creates a seeded generator of Agent Squad events (see SquadGeneratorOptions). */
export function createSquadGenerator(opts: SquadGeneratorOptions): SquadGenerator {
  const rng = createRng(mixSeed(opts.seed, opts.startMs, 2));
  const clock = createClock({ ...opts, seed: mixSeed(opts.seed, opts.startMs, 1) });
  const ctx = new SimContext(rng, buildSquad(opts.squadSize));
  const templates = templatesByRole();
  // About 60% of the task-taking agents are busy at once: several threads interleave,
  // yet there is usually someone free to pick up the next task.
  const target = Math.max(2, Math.round((ctx.agents.length - 1) * 0.6));
  const tasks: Array<ReturnType<typeof taskScript>> = [];

  // The squad starts up: the PM and the tech lead first, then the others in seeded order.
  const others = ctx.agents.filter((a) => a !== ctx.pm && a !== ctx.lead);
  const boot = [ctx.pm, ctx.lead];
  while (others.length > 0)
    boot.push(others.splice(rng.int(others.length), 1)[0] as (typeof boot)[number]);
  let booted = 0;
  let produced = 0;

  const step = (): SimEvent => {
    const agent = boot[booted];
    if (agent) {
      booted++;
      return ctx.status(agent, 'online', 'Session started', null);
    }
    // A few attempts: a task may have nothing to say yet (waiting for an agent).
    for (let attempt = 0; attempt < 8; attempt++) {
      if (rng.chance(BACKGROUND_SHARE)) {
        const e = squadLifeEvent(ctx);
        if (e) return e;
      }
      if (tasks.length < target && (tasks.length === 0 || rng.chance(SPAWN_CHANCE))) {
        const roles = [...ctx.freeRoles()].filter((r) => templates.has(r));
        if (roles.length > 0) {
          const script = taskScript(ctx, rng.pick(templates.get(rng.pick(roles)) ?? []));
          tasks.push(script);
          const first = script.next();
          if (!first.done && first.value) return first.value;
        }
      }
      if (tasks.length === 0) continue;
      const i = rng.int(tasks.length);
      const r = (tasks[i] as (typeof tasks)[number]).next();
      if (r.done) {
        tasks.splice(i, 1);
        continue;
      }
      if (r.value) return r.value;
    }
    return squadLifeEvent(ctx, true) as SimEvent;
  };

  return {
    next(atMs?: number): SimEvent {
      if (opts.count !== undefined && produced >= opts.count) {
        throw new RangeError(`the generator was created for ${opts.count} events`);
      }
      produced++;
      // Always draw from the clock so an override does not shift later generated times.
      const generated = clock.next();
      ctx.now = atMs ?? generated;
      return step();
    },
  };
}
