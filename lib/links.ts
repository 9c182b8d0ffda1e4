/**
 * Deep links between the views. Every page's URL state is built here so that "open in
 * browser", "replay from here" and copied links agree on parameter names.
 */

type Params = Record<string, string | number | readonly string[] | null | undefined>;

/**
 * The time zone a link carries: only a zone the user chose (URL or remembered), so a link
 * opened elsewhere shows what its sender saw; null leaves the receiver's own default.
 */
type Tz = { tz?: 'utc' | 'local' | null };

function href(path: string, p: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    // A list is a repeated parameter (`break=a&break=b`).
    if (Array.isArray(v)) for (const x of v as readonly string[]) q.append(k, x);
    else if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * /messages: `filter`, start `seq` or `time`, `order` (asc|desc), `open` message, search `q`
 * (with its `dir` and `range`), `live=off`, extra `cols`, time zone `tz`.
 */
export function messagesHref(p: {
  stream?: string | null;
  filter?: string | null;
  seq?: number | null;
  time?: string | null;
  order?: 'asc' | 'desc' | null;
  open?: number | null;
  q?: string | null;
  dir?: 'forward' | 'backward' | null;
  range?: 'all' | 'here' | null;
  live?: 'off' | null;
  cols?: string | null;
  tz?: 'utc' | 'local' | null;
}): string {
  return href('/messages', {
    stream: p.stream,
    filter: p.filter,
    seq: p.seq,
    time: p.time,
    order: p.order,
    open: p.open,
    q: p.q,
    dir: p.dir,
    range: p.range,
    live: p.live,
    cols: p.cols,
    tz: p.tz,
  });
}

/**
 * /replay: range `from`..`to` (seq), scope (`task`, `agent`, `filter`), `speed`, playhead `at`,
 * breakpoints `break` (repeated; `~expr` = disabled, lib/replay/breakpoints.ts), time zone `tz`.
 */
export function replayHref(
  p: {
    stream?: string | null;
    from?: number | string | null;
    to?: number | string | null;
    task?: string | null;
    agent?: string | null;
    filter?: string | null;
    speed?: string | null;
    at?: number | null;
    break?: readonly string[] | null;
  } & Tz,
): string {
  return href('/replay', {
    stream: p.stream,
    from: p.from,
    to: p.to,
    task: p.task,
    agent: p.agent,
    filter: p.filter,
    speed: p.speed,
    at: p.at,
    break: p.break,
    tz: p.tz,
  });
}

/**
 * "Replay from here" on one message: the conversation it belongs to (its task), positioned at
 * it, when it has one; else the stream from it.
 */
export function replayFromHereHref(
  p: {
    stream?: string | null;
    seq: number;
    task?: string | null;
  } & Tz,
): string {
  return p.task
    ? replayHref({ stream: p.stream, task: p.task, at: p.seq, tz: p.tz })
    : replayHref({ stream: p.stream, from: p.seq, at: p.seq, tz: p.tz });
}

/**
 * /timeline: backfill `window`, `agents`, `kinds`, `task`, `pauseOn` (an expression to pause on),
 * `clock` (`stream`; the agents' clock is the default and is left out), time zone `tz`.
 */
export function timelineHref(
  p: {
    stream?: string | null;
    window?: string | null;
    agents?: string | null;
    kinds?: string | null;
    task?: string | null;
    pauseOn?: string | null;
    clock?: 'agent' | 'stream' | null;
  } & Tz,
): string {
  return href('/timeline', {
    stream: p.stream,
    window: p.window,
    agents: p.agents,
    kinds: p.kinds,
    task: p.task,
    pauseOn: p.pauseOn,
    clock: p.clock === 'agent' ? null : p.clock,
    tz: p.tz,
  });
}

/** /stats: `tab`, time zone `tz`. */
export function statsHref(p: { stream?: string | null; tab?: string | null } & Tz): string {
  return href('/stats', { stream: p.stream, tab: p.tab, tz: p.tz });
}

/** /tasks/<id>: one task's story. */
export function taskHref(p: { stream?: string | null; task: string } & Tz): string {
  return href(`/tasks/${encodeURIComponent(p.task)}`, { stream: p.stream, tz: p.tz });
}

/** /tasks: all tasks, with the table's `q` filter and `sort` (`key` or `-key` for descending). */
export function tasksHref(
  p: { stream?: string | null; q?: string | null; sort?: string | null } & Tz = {},
): string {
  return href('/tasks', { stream: p.stream, q: p.q, sort: p.sort, tz: p.tz });
}

/** /compare: sides `a` and `b`, each a task id, `<task id>@<attempt>` or a range `from-to` / `from..to`. */
export function compareHref(
  p: {
    stream?: string | null;
    a?: string | null;
    b?: string | null;
  } & Tz,
): string {
  return href('/compare', { stream: p.stream, a: p.a, b: p.b, tz: p.tz });
}
