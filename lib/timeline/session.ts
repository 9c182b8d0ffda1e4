/**
 * The /timeline session's framework-free parts: the words the header shows for the clock and
 * the read's state, the view filters built from the URL, and the key that restarts a session.
 */
import type { TimeZone } from '@/lib/time-zone';
import type { DrawFilters } from './layout';

/** Which clock the axis and the rates follow, in words (the toolbar switches it). */
export const CLOCK_LABEL = {
  agent: "agents' clock (created_at; stream time where absent)",
  stream: 'stream time (ingest)',
} as const;

/** The header's state: paused, reading the backfill, live, or the connection's own state. */
export function sessionStateLabel(
  h: { paused: boolean; catchingUp: boolean },
  connection: string,
): string {
  return h.paused
    ? 'paused'
    : h.catchingUp
      ? 'reading backfill…'
      : connection === 'connected'
        ? 'live'
        : connection;
}

/** What the canvas and the log show: the kind and task filters plus the agents' lanes. */
export type ViewFilters = DrawFilters & { agents: readonly string[] };

/** View filters from the URL's comma-joined kinds and agents (empty agents = all). */
export function viewFilters(
  kindsKey: string,
  task: string | null,
  agentsKey: string,
  tz?: TimeZone,
): ViewFilters {
  return {
    kinds: new Set(kindsKey.split(',')),
    task,
    agents: agentsKey ? agentsKey.split(',') : [],
    tz,
  };
}

const clientIds = new WeakMap<object, number>();
let nextClientId = 1;

/** A small number per connection object, stable for its life (0 for none): part of the session key. */
export function clientKey(c: object | null): number {
  if (!c) return 0;
  if (!clientIds.has(c)) clientIds.set(c, nextClientId++);
  return clientIds.get(c)!;
}
