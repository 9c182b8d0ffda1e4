/**
 * Replay breakpoints: search expressions (lib/browse/search.ts, the same parser and matcher as
 * /messages) that stop the replay clock on the events they match. The hits over the loaded
 * range are precomputed here, off React, in slices that leave the main thread free, and
 * extended as the load appends events; the clock never plays past what has been looked at.
 * Framework-free; the view reads `version` through `subscribe/getSnapshot`.
 */
import { compileSearch, parseSearch, searchErrorAt, type SearchErrorAt } from '@/lib/browse/search';
import type { StreamMessage } from '@/lib/stream/reader';
import { eventHeaders } from './event';
import type { ReplayData } from './store';
import type { StoredEvent } from './events';

export type Breakpoint = { expr: string; enabled: boolean };

/** A `break=` URL value starting with this is a disabled breakpoint. */
export const DISABLED_MARK = '~';

/** Breakpoints from the repeated `break=` URL values (blank ones dropped). */
export function parseBreakParam(values: readonly string[] | null | undefined): Breakpoint[] {
  const out: Breakpoint[] = [];
  for (const v of values ?? []) {
    const off = v.startsWith(DISABLED_MARK);
    const expr = (off ? v.slice(DISABLED_MARK.length) : v).trim();
    if (expr) out.push({ expr, enabled: !off });
  }
  return out;
}

/** The `break=` URL values of a list of breakpoints (null when there are none). */
export function formatBreakParam(bps: readonly Breakpoint[]): string[] | null {
  return bps.length ? bps.map((b) => (b.enabled ? b.expr : DISABLED_MARK + b.expr)) : null;
}

/** What an expression is wrong about, with the bad token's place; null when it can be used. */
export function breakpointError(expr: string): SearchErrorAt | null {
  const e = searchErrorAt(expr);
  return e && e.start === 0 && e.end === 0
    ? { ...e, message: 'Type an expression, e.g. event:failed or from:qa_tester type:error.' }
    : e;
}

/**
 * The event as the search matcher reads a stored message: same subject, headers and payload
 * bytes, so a breakpoint matches exactly the events a search of /messages finds.
 */
export function eventAsMessage(e: StoredEvent, withHeaders = true): StreamMessage {
  return {
    seq: e.seq,
    subject: e.subject,
    timeMs: e.timeMs,
    time: e.time ?? '',
    headers: withHeaders ? eventHeaders(e) : NO_HEADERS,
    data: e.data,
    size: e.data.length,
  };
}

const NO_HEADERS: [string, string][] = [];

/** A predicate over replay events for an expression, or null when it has an error. */
export function compileBreakpoint(expr: string): ((e: StoredEvent) => boolean) | null {
  if (breakpointError(expr)) return null;
  const q = parseSearch(expr);
  const match = compileSearch(q);
  // Headers are parsed from the raw block only for header:… (most events never need them).
  const withHeaders = q.header !== undefined;
  const status = q.status?.toLowerCase();
  const event = q.event?.toLowerCase();
  return (e) => {
    // Sound shortcuts over what the decoder already read from the same payload: a decoded
    // status / task event with another value cannot match (the matcher would read the same field).
    if (
      status !== undefined &&
      (e.kind === 'status' ? e.status.toLowerCase() !== status : e.kind !== 'generic')
    )
      return false;
    if (
      event !== undefined &&
      (e.kind === 'task' ? e.event.toLowerCase() !== event : e.kind !== 'generic')
    )
      return false;
    return match(eventAsMessage(e, withHeaders));
  };
}

/** The first value ≥ `x` in ascending `a` (its index; a.length when none). */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type SliceHost = {
  schedule(fn: () => void): unknown;
  cancel(h: unknown): void;
  now(): number;
};

const defaultHost: SliceHost = {
  schedule: (fn) => setTimeout(fn, 0),
  cancel: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
};

/** Main-thread time one scan slice may take (ms) before it yields to the page. */
export const SLICE_MS = 8;
/** Tell the view about progress at most this often (ms) while scanning. */
const NOTIFY_MS = 200;

/** The hits of a list of breakpoints over one loaded replay, scanned in slices. */
export class BreakpointIndex {
  readonly breakpoints: readonly Breakpoint[];
  /** Per breakpoint, its error (it then has no hits) or null. */
  readonly errors: readonly (SearchErrorAt | null)[];
  /** Per breakpoint, the indexes of the events it matches (ascending). */
  readonly hits: number[][];
  /** Indexes of the events any enabled breakpoint matches (ascending). */
  readonly stops: number[] = [];
  /** Events looked at so far (from index 0). */
  scanned = 0;
  private matchers: (((e: StoredEvent) => boolean) | null)[];
  private version = 0;
  private listeners = new Set<() => void>();
  private timer: unknown = null;
  private lastNotify = 0;
  private unsubscribe: (() => void) | null = null;
  private untap: (() => void) | null = null;
  private enabled: boolean[];
  /** A read of the range again, for events whose payloads are no longer kept. */
  private rereading: AbortController | null = null;
  /** Why the range could not be read again (the hits then stop at `scanned`), or null. */
  error: string | null = null;

  constructor(
    private data: ReplayData,
    breakpoints: readonly Breakpoint[],
    private host: SliceHost = defaultHost,
  ) {
    this.breakpoints = breakpoints;
    this.errors = breakpoints.map((b) => breakpointError(b.expr));
    this.matchers = breakpoints.map((b) => compileBreakpoint(b.expr));
    this.hits = breakpoints.map(() => []);
    this.enabled = breakpoints.map((b) => b.enabled);
  }

  /**
   * Starts scanning what is loaded and what the load appends; returns dispose. A batch
   * appended while the scan is caught up is matched at once, while its payloads are in hand,
   * so the hits never trail the load (Continue never waits on a scan).
   */
  start(): () => void {
    this.unsubscribe ??= this.data.subscribe(() => this.kick());
    this.untap ??= this.data.tap((from, to) => {
      if (from !== this.scanned || !this.matchers.some(Boolean)) return;
      const events = this.data.events;
      for (let i = from; i < to; i++) this.matchOne(i, events.stored(i) as StoredEvent);
      this.scanned = to;
      if (this.host.now() - this.lastNotify >= NOTIFY_MS) this.notify();
    });
    this.kick();
    return () => this.dispose();
  }

  /** True when some enabled breakpoint can stop the replay. */
  get active(): boolean {
    return this.breakpoints.some((b, i) => b.enabled && this.matchers[i]);
  }

  /** True when every loaded event has been looked at. */
  get done(): boolean {
    return this.scanned >= this.data.events.length;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getSnapshot = (): number => this.version;

  private notify() {
    this.lastNotify = this.host.now();
    this.version++;
    for (const fn of this.listeners) fn();
  }

  private kick() {
    if (
      this.timer === null &&
      this.rereading === null &&
      this.error === null &&
      !this.done &&
      this.matchers.some(Boolean)
    )
      this.timer = this.host.schedule(this.slice);
  }

  private matchOne(i: number, e: StoredEvent) {
    const ms = this.matchers;
    let stop = false;
    for (let b = 0; b < ms.length; b++) {
      const m = ms[b];
      if (m && m(e)) {
        (this.hits[b] as number[]).push(i);
        if (this.enabled[b]) stop = true;
      }
    }
    if (stop) this.stops.push(i);
  }

  /**
   * Looks at events for up to `budgetMs` (Infinity: all loaded); returns true when done.
   * Stops at the first event whose payload is no longer kept (see reread).
   */
  scan(budgetMs = Infinity): boolean {
    const events = this.data.events;
    const end = this.host.now() + budgetMs;
    let i = this.scanned;
    while (i < events.length) {
      const e = events.stored(i);
      if (!e) break;
      this.matchOne(i, e);
      i++;
      // The clock reads per 256 events: cheap, and a slice stays near its budget.
      if ((i & 255) === 0 && this.host.now() >= end) break;
    }
    this.scanned = i;
    return this.done;
  }

  /** Reads the rest of the loaded range again (payloads past the budget) and matches it. */
  private reread() {
    const ac = new AbortController();
    this.rereading = ac;
    const events = this.data.events;
    events
      .eachFull(
        this.scanned,
        events.length - 1,
        (i, e) => {
          if (i !== this.scanned) return;
          this.matchOne(i, e);
          this.scanned = i + 1;
          if (this.host.now() - this.lastNotify >= NOTIFY_MS) this.notify();
        },
        ac.signal,
      )
      .catch((err: unknown) => {
        if (!ac.signal.aborted) this.error = err instanceof Error ? err.message : String(err);
      })
      .finally(() => {
        if (this.rereading !== ac) return;
        this.rereading = null;
        this.notify();
        this.kick();
      });
  }

  private slice = () => {
    this.timer = null;
    const done = this.scan(SLICE_MS);
    if (!done && this.data.events.payloadState(this.scanned) !== 'held') this.reread();
    else if (!done) this.timer = this.host.schedule(this.slice);
    if (done || this.host.now() - this.lastNotify >= NOTIFY_MS) this.notify();
  };

  /** The first stop in [from, to] that has been looked at, or -1 (the clock's stopAt). */
  stopIn(from: number, to: number): number {
    const k = lowerBound(this.stops, from);
    const s = this.stops[k];
    return s !== undefined && s <= to ? s : -1;
  }

  /** The first stop after event `index`, or -1 when none is known (yet). */
  next(index: number): number {
    return this.stops[lowerBound(this.stops, index + 1)] ?? -1;
  }

  /** The last stop before event `index`, or -1. */
  previous(index: number): number {
    return this.stops[lowerBound(this.stops, index) - 1] ?? -1;
  }

  /** The breakpoints (0-based) that stop on event `index`: enabled ones that match it. */
  at(index: number): number[] {
    if (index < 0 || index >= this.scanned) return [];
    const out: number[] = [];
    this.hits.forEach((h, b) => {
      if (this.breakpoints[b]?.enabled && h[lowerBound(h, index)] === index) out.push(b);
    });
    return out;
  }

  /** Stops the scan and the subscription to the load. */
  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.untap?.();
    this.untap = null;
    this.rereading?.abort();
    this.rereading = null;
    if (this.timer !== null) this.host.cancel(this.timer);
    this.timer = null;
  }
}
