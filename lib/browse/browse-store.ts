/**
 * The loaded rows of the browser for one (stream, filter, start) view: an external store
 * (useSyncExternalStore) that reads pages above and below an anchor sequence on demand.
 * Rows are kept ascending by sequence; the table decides the display order. One page at a
 * time per side; at most a window of rows around the view is kept (lib/browse/window.ts):
 * a page added on one side drops rows far from the view on the other, read again on demand.
 * Everything stops on stop().
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { nextPageSize, prefetchRows } from '@/lib/browse/paging';
import { readNewer, readOlder } from '@/lib/browse/pages';
import { toRow, type Row } from '@/lib/browse/rows';
import { applyPage, otherSide } from '@/lib/browse/window';
import { fromJsMsg, nextStoredSeq, tailStream, type Tail } from '@/lib/stream/reader';
import { subjectMatches } from '@/lib/nats/subjects';
import { isConsumerRefusal, readMode, rememberRefusal } from './read-mode';
import { explainNatsError, isTransientNatsError } from '@/lib/nats/errors';
import { markOnce } from '@/lib/perf-marks';

export type BrowseState = {
  rows: Row[];
  /** The sequence the view was opened at (null while resolving). */
  anchor: number | null;
  hasOlder: boolean;
  hasNewer: boolean;
  loadingOlder: boolean;
  loadingNewer: boolean;
  error: string | null;
  /** True once the first page arrived. */
  ready: boolean;
  /** Why the start was moved (clamped sequence or time), for the user. */
  notice: string | null;
  /** True once the window dropped rows (a row not loaded may be read again). */
  windowed: boolean;
  /**
   * The live tail (newest first only): `following` adds new messages at the top as they
   * arrive; `paused` (scrolled away) counts them instead; `off` otherwise.
   */
  live: 'off' | 'following' | 'paused';
  /**
   * While paused: messages stored since (exact without a filter; with one, 1 means "at least
   * one under the filter"), null until known.
   */
  newSince: number | null;
};

type Side = 'older' | 'newer';

/** Why a view is not tailed: only message gets may read it here. */
class NoTail extends Error {}

/** How often a paused live view counts the messages it has not shown. */
const PAUSE_POLL_MS = 2000;

const requestFrame = (f: () => void): number =>
  typeof requestAnimationFrame === 'function'
    ? requestAnimationFrame(f)
    : (setTimeout(f, 16) as unknown as number);
const cancelFrame = (id: number): void =>
  typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame(id) : clearTimeout(id);

/** The state of a view with no store open yet (no stream bounds, no client): nothing read. */
export const NOT_OPEN: BrowseState = {
  rows: [],
  anchor: null,
  hasOlder: false,
  hasNewer: false,
  loadingOlder: false,
  loadingNewer: false,
  error: null,
  ready: false,
  notice: null,
  windowed: false,
  live: 'off',
  newSince: null,
};

/** Automatic retries of a failed read before it waits for a reconnect or the user. */
const MAX_RETRIES = 6;

/** Rows of one view; `anchor` is the first row read ("newer" side starts at it). */
export class BrowseStore {
  // Both sides may have rows until the first read says otherwise.
  private state: BrowseState = { ...NOT_OPEN, hasOlder: true, hasNewer: true };
  private listeners = new Set<() => void>();
  private ac = new AbortController();
  /** Pages read per side by scrolling since the view opened (sets the next page's size). */
  private pages = { older: 0, newer: 0 };
  /** Loaded rows between the view and each side's edge, as last reported by the table. */
  private beyond = { older: 0, newer: 0 };
  /** Bumped when a side's rows are dropped: a page of that side still in flight is stale. */
  private gen = { older: 0, newer: 0 };

  constructor(
    private readonly js: () => Promise<JetStreamClient>,
    /** `window`: the window's size and margin (tests use small ones; default WINDOW_ROWS/MARGIN). */
    private readonly o: {
      stream: string;
      filter?: string;
      first: number;
      window?: { rows: number; margin: number };
      /**
       * A deep link's target read ahead (lib/browse/early-row.ts): when the view opens at
       * `seq`, that row shows at once and the pages around it are read after.
       */
      early?: { seq: number; row: Promise<Row | null> };
    },
  ) {
    this.early = o.early ?? null;
  }

  /** The early row, used by the first open at its sequence only. */
  private early: { seq: number; row: Promise<Row | null> } | null;

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.state;

  private set(p: Partial<BrowseState>) {
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  }

  /** Automatic retries since the last read that worked (see load's catch). */
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  /** The last start(), for retry(). */
  private started: {
    resolve: (signal: AbortSignal) => Promise<{ anchor: number | null; notice: string | null }>;
    order: 'asc' | 'desc';
  } | null = null;

  /** Resolves the anchor (async, may set a notice) and opens the view there. Restartable. */
  async start(
    resolve: (signal: AbortSignal) => Promise<{ anchor: number | null; notice: string | null }>,
    order: 'asc' | 'desc',
  ): Promise<void> {
    this.started = { resolve, order };
    this.ac.abort();
    this.ac = new AbortController();
    this.pages = { older: 0, newer: 0 };
    this.beyond = { older: 0, newer: 0 };
    const signal = this.ac.signal;
    this.stopTail();
    this.stopPausePoll();
    this.state = {
      ...this.state,
      rows: [],
      anchor: null,
      ready: false,
      error: null,
      notice: null,
      windowed: false,
      live: 'off',
      newSince: null,
    };
    markOnce('ar:read-start');
    try {
      const r = await resolve(signal);
      if (signal.aborted) return;
      this.set({ notice: r.notice });
      if (r.anchor === null) return this.set({ ready: true, hasOlder: false, hasNewer: false });
      await this.open(r.anchor, order);
    } catch (e) {
      if (signal.aborted) return;
      this.set({ ready: true, error: explainNatsError(e, { stream: this.o.stream }).message });
      this.backOff(e);
    }
  }

  /** Opens the view at `anchor`: desc reads the page ending at it, asc the page starting at it. */
  async open(anchor: number, order: 'asc' | 'desc'): Promise<void> {
    const early = this.early?.seq === anchor ? await this.early.row : null;
    this.early = null;
    const signal = this.ac.signal;
    if (signal.aborted) return;
    if (early && (!this.o.filter || subjectMatches(this.o.filter, early.subject))) {
      // The target first, then the pages on either side of it, in the order a page load reads
      // them; the second side counts as loading already so the table's edge checks do not
      // start a page of it meanwhile.
      const [first, then]: [Side, Side] =
        order === 'desc' ? ['older', 'newer'] : ['newer', 'older'];
      const edge = (side: Side) => (side === 'older' ? anchor - 1 : anchor + 1);
      markOnce('ar:first-data');
      this.set({
        anchor,
        rows: [early],
        ready: true,
        [then === 'older' ? 'loadingOlder' : 'loadingNewer']: true,
      });
      // The page that held the target holds one row fewer: the same rows as without it.
      await this.load(first, edge(first), nextPageSize(0) - 1);
      if (signal.aborted) return;
      await this.load(then, edge(then));
      return;
    }
    this.set({ anchor });
    if (order === 'desc') {
      await this.load('older', anchor);
      await this.load('newer', anchor + 1);
    } else {
      await this.load('newer', anchor);
      await this.load('older', anchor - 1);
    }
  }

  /** Reads the next page on one side (no-op while one is in flight or nothing is left). */
  more(side: Side): void {
    const s = this.state;
    if (!s.ready || s.error) return;
    if (side === 'older' ? !s.hasOlder || s.loadingOlder : !s.hasNewer || s.loadingNewer) return;
    const edge =
      side === 'older'
        ? (s.rows[0]?.seq ?? s.anchor ?? 1) - 1
        : (s.rows[s.rows.length - 1]?.seq ?? (s.anchor ?? 1) - 1) + 1;
    // The view's first pages (open) are not counted: a seek does not start the growth.
    void this.load(side, edge, nextPageSize(this.pages[side]++));
  }

  /**
   * The view is `rowsLeft` rows from the loaded end on `side`: reads the next page once that
   * is within prefetch distance of the next page's size (called on every visible-range change).
   */
  near(side: Side, rowsLeft: number): void {
    this.beyond[side] = rowsLeft;
    if (rowsLeft < prefetchRows(nextPageSize(this.pages[side]))) this.more(side);
  }

  /**
   * Opens the view again around `seq` (e.g. the open message, whose rows the window dropped)
   * and resolves once its first pages are in.
   */
  reopen(seq: number, order: 'asc' | 'desc'): Promise<void> {
    return this.start(async () => ({ anchor: seq, notice: this.state.notice }), order);
  }

  /**
   * After a failed read (e.g. NATS went away; called when the connection is back, or by the
   * user): rows already shown stay and reading on resumes from their edges; a view that never
   * got its first rows is opened again from the start. No-op without an error.
   */
  retry(): void {
    // One way back at a time: a retry (say, on reconnect) cancels the backed-off one pending.
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (!this.state.error) return;
    if (this.state.rows.length === 0) {
      if (this.started) void this.start(this.started.resolve, this.started.order);
      return;
    }
    this.set({ error: null });
    this.more('older');
    this.more('newer');
  }

  /** Looks for messages newer than the last row again (the stream may have grown). */
  refreshNewer(): void {
    this.set({ hasNewer: true });
    this.more('newer');
  }

  private async load(side: Side, edge: number, limit = nextPageSize(0)): Promise<void> {
    const key = side === 'older' ? 'loadingOlder' : 'loadingNewer';
    if (side === 'older' && edge < this.o.first) {
      // Nothing older: also ends a "loading" the deep link's early row set ahead (open).
      this.set({ hasOlder: false, loadingOlder: false, ready: true });
      return;
    }
    this.set({ [key]: true });
    const gen = this.gen[side];
    try {
      const js = await this.js();
      const signal = this.ac.signal;
      const page =
        side === 'older'
          ? await readOlder(js, this.o.stream, {
              to: edge,
              first: this.o.first,
              filter: this.o.filter,
              limit,
              signal,
              map: toRow,
            })
          : await readNewer(js, this.o.stream, {
              from: edge,
              filter: this.o.filter,
              limit,
              signal,
              map: toRow,
            });
      // This side's edge was dropped while the page was read: it no longer joins the rows.
      if (signal.aborted || gen !== this.gen[side]) return;
      const other = otherSide(side);
      const { rows, dropped } = applyPage(
        this.state.rows,
        page.msgs,
        side,
        this.beyond[other],
        this.o.window?.rows,
        this.o.window?.margin,
      );
      const patch: Partial<BrowseState> = {
        rows,
        [key]: false,
        ready: true,
        ...(side === 'older' ? { hasOlder: page.more } : { hasNewer: page.more }),
      };
      if (dropped > 0) {
        // The other side now has rows beyond its edge again; a page of it in flight is stale.
        this.gen[other]++;
        this.beyond[other] -= dropped;
        Object.assign(
          patch,
          { windowed: true },
          other === 'older'
            ? { hasOlder: true, loadingOlder: false }
            : { hasNewer: true, loadingNewer: false },
        );
      }
      this.retries = 0;
      if (patch.rows?.length) markOnce('ar:first-data');
      this.set(patch);
    } catch (e) {
      if (this.ac.signal.aborted || gen !== this.gen[side]) return;
      this.set({
        [key]: false,
        ready: true,
        error: explainNatsError(e, { stream: this.o.stream }).message,
      });
      this.backOff(e);
    }
  }

  /**
   * After a failed read or seek: a read lost with the connection can fail only after the
   * connection is back (a request sent during the outage times out later), when no reconnect
   * is left to trigger retry(). Try again by itself, backing off (1, 2, 4, 8, 8, 8 s), until a
   * read works.
   */
  private backOff(e: unknown): void {
    if (!isTransientNatsError(e) || this.retries >= MAX_RETRIES || this.retryTimer) return;
    const delay = Math.min(8000, 1000 * 2 ** this.retries++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retry();
    }, delay);
  }

  /** The running live tail (its consumer is deleted by stop()), and its start in flight. */
  private tail: Promise<Tail | null> | null = null;
  /** No consumer may read this view here (read by get): it is counted, never tailed. */
  private noTail = false;
  /** Live rows waiting for the next animation frame. */
  private liveBuf: Row[] = [];
  private liveFrame = 0;
  private pausePoll: ReturnType<typeof setInterval> | null = null;

  /** Last sequence shown (the newest row, else the view's anchor). */
  private lastShown(): number {
    const r = this.state.rows;
    return r.length ? r[r.length - 1]!.seq : (this.state.anchor ?? 0);
  }

  /**
   * Follows the stream at the top of a newest-first view (`on`: the view is at the newest and
   * the user wants it), or pauses (the user scrolled away: the tail's consumer is deleted and
   * the new messages are counted instead). No-op until the newest messages are loaded.
   */
  setLive(on: boolean, poll: number = PAUSE_POLL_MS): void {
    const s = this.state;
    const atNewest =
      s.ready && !s.error && !s.hasNewer && !s.loadingNewer && this.started?.order === 'desc';
    if (on && atNewest && !this.noTail) {
      this.stopPausePoll();
      if (!this.tail) this.startTail();
      if (s.live !== 'following' || s.newSince !== null)
        this.set({ live: 'following', newSince: null });
      return;
    }
    // Wanted but the newest rows are still being read: decided when they are in (no flash of "Paused").
    if (on && s.ready && s.loadingNewer) return;
    this.stopTail();
    // Newest first but not following (scrolled away, opened at a message, Follow off): paused,
    // and the messages above the newest row shown are counted, so the view says it is behind.
    if (s.ready && !s.error && this.started?.order === 'desc') {
      if (s.live !== 'paused') this.set({ live: 'paused', newSince: null });
      this.startPausePoll(poll);
    } else if (s.live !== 'off') this.set({ live: 'off', newSince: null });
  }

  private startTail(): void {
    const from = this.lastShown() + 1;
    const signal = this.ac.signal;
    const filter = this.o.filter || undefined;
    const p: Promise<Tail | null> = this.js()
      .then(async (js) => {
        // As pages are read (read-mode.ts): a filter a consumer can't take is tailed unfiltered
        // and matched here (2.9) or split per subject (2.10+); where no consumer may read at all
        // (work queue, no permission) there is no tail: the view counts newer messages instead.
        const mode = await readMode(js, this.o.stream, filter, true);
        if (mode.kind === 'get' || mode.kind === 'empty') throw new NoTail();
        const keep =
          mode.kind === 'unfiltered' && filter
            ? (subject: string) => subjectMatches(filter, subject)
            : undefined;
        return tailStream<Row>(js, this.o.stream, {
          start: { kind: 'seq', seq: from },
          filter: mode.kind === 'unfiltered' ? undefined : filter,
          filters: mode.kind === 'consumer' ? mode.filters : undefined,
          keep,
          flushMs: 16,
          map: (m) => toRow(fromJsMsg(m)),
          onBatch: (rows) => this.onLive(rows),
        }).catch(async (e: unknown) => {
          if (!isConsumerRefusal(e)) throw e;
          rememberRefusal(js, this.o.stream, filter);
          throw new NoTail();
        });
      })
      .then(async (t) => {
        // Stopped (paused, view changed) while it started: delete its consumer at once.
        if (signal.aborted || this.tail !== p) {
          await t.stop();
          return null;
        }
        return t;
      })
      .catch((e: unknown) => {
        if (this.tail !== p) return null;
        this.tail = null;
        if (signal.aborted) return null;
        if (e instanceof NoTail) {
          // Read by message get here: no live tail, the newer messages are counted (polled).
          this.noTail = true;
          this.set({
            live: 'paused',
            newSince: null,
            notice:
              this.state.notice ??
              'This view is read by message get (no consumer may read it here), so it does not follow live: newer messages are counted; Newest reads them.',
          });
          this.startPausePoll(PAUSE_POLL_MS);
          return null;
        }
        this.set({ error: explainNatsError(e, { stream: this.o.stream }).message, live: 'off' });
        return null;
      });
    this.tail = p;
  }

  private stopTail(): void {
    const t = this.tail;
    this.tail = null;
    this.liveBuf = [];
    if (this.liveFrame) cancelFrame(this.liveFrame);
    this.liveFrame = 0;
    void t?.then((x) => x?.stop()).catch(() => {});
  }

  /** New rows from the tail: added at the next animation frame, all at once. */
  private onLive(rows: Row[]): void {
    if (!this.tail) return;
    for (const r of rows) this.liveBuf.push(r);
    if (this.liveFrame) return;
    this.liveFrame = requestFrame(() => {
      this.liveFrame = 0;
      const add = this.liveBuf;
      this.liveBuf = [];
      if (!this.tail || add.length === 0) return;
      // Added as a page on the newer side: the window drops the oldest rows (bounded memory).
      const { rows: next, dropped } = applyPage(
        this.state.rows,
        add,
        'newer',
        this.beyond.older,
        this.o.window?.rows,
        this.o.window?.margin,
      );
      const patch: Partial<BrowseState> = { rows: next };
      if (dropped > 0) {
        this.gen.older++;
        this.beyond.older -= dropped;
        Object.assign(patch, { windowed: true, hasOlder: true, loadingOlder: false });
      }
      this.set(patch);
    });
  }

  private startPausePoll(ms: number): void {
    if (this.pausePoll) return;
    const check = async () => {
      // From the newest row shown now (scrolling up while paused loads newer rows).
      const at = this.lastShown();
      try {
        const js = await this.js();
        let n: number | null;
        if (this.o.filter) {
          const next = await nextStoredSeq(js, this.o.stream, at + 1, this.o.filter);
          n = next === undefined ? null : next === null ? 0 : 1;
        } else {
          const info = await (await js.streams.get(this.o.stream)).info();
          n = Math.max(0, info.state.last_seq - at);
        }
        if (this.pausePoll && this.state.live === 'paused' && n !== this.state.newSince)
          this.set({ newSince: n });
      } catch {
        // A failed count is tried again at the next tick; the rows are not affected.
      }
    };
    this.pausePoll = setInterval(() => void check(), ms);
    void check();
  }

  private stopPausePoll(): void {
    if (this.pausePoll) clearInterval(this.pausePoll);
    this.pausePoll = null;
  }

  /** Stops reading (pages in flight are dropped) and ends the live tail. */
  stop(): void {
    this.stopTail();
    this.stopPausePoll();
    this.ac.abort();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
