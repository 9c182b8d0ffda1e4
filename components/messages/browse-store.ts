/**
 * The loaded rows of the browser for one (stream, filter, start) view: an external store
 * (useSyncExternalStore) that reads pages above and below an anchor sequence on demand.
 * Rows are kept ascending by sequence; the table decides the display order. One page at a
 * time per side; everything stops on dispose().
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { nextPageSize, prefetchRows } from '@/lib/browse/paging';
import { readNewer, readOlder } from '@/lib/browse/pages';
import { toRow, type Row } from '@/lib/browse/rows';
import { explainNatsError } from '@/lib/nats/errors';

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
};

type Side = 'older' | 'newer';

/** Rows of one view; `anchor` is the first row read ("newer" side starts at it). */
export class BrowseStore {
  private state: BrowseState = { rows: [], anchor: null, hasOlder: true, hasNewer: true, loadingOlder: false, loadingNewer: false, error: null, ready: false, notice: null };
  private listeners = new Set<() => void>();
  private ac = new AbortController();
  /** Pages read per side by scrolling since the view opened (sets the next page's size). */
  private pages = { older: 0, newer: 0 };

  constructor(
    private readonly js: () => Promise<JetStreamClient>,
    private readonly o: { stream: string; filter?: string; first: number },
  ) {}

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.state;

  private set(p: Partial<BrowseState>) {
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  }

  /** Resolves the anchor (async, may set a notice) and opens the view there. Restartable. */
  async start(resolve: (signal: AbortSignal) => Promise<{ anchor: number | null; notice: string | null }>, order: 'asc' | 'desc'): Promise<void> {
    this.ac.abort();
    this.ac = new AbortController();
    this.pages = { older: 0, newer: 0 };
    const signal = this.ac.signal;
    this.state = { ...this.state, rows: [], anchor: null, ready: false, error: null, notice: null };
    try {
      const r = await resolve(signal);
      if (signal.aborted) return;
      this.set({ notice: r.notice });
      if (r.anchor === null) return this.set({ ready: true, hasOlder: false, hasNewer: false });
      await this.open(r.anchor, order);
    } catch (e) {
      if (!signal.aborted) this.set({ ready: true, error: explainNatsError(e, { stream: this.o.stream }).message });
    }
  }

  /** Opens the view at `anchor`: desc reads the page ending at it, asc the page starting at it. */
  async open(anchor: number, order: 'asc' | 'desc'): Promise<void> {
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
    const edge = side === 'older' ? (s.rows[0]?.seq ?? (s.anchor ?? 1)) - 1 : (s.rows[s.rows.length - 1]?.seq ?? (s.anchor ?? 1) - 1) + 1;
    // The view's first pages (open) are not counted: a seek does not start the growth.
    void this.load(side, edge, nextPageSize(this.pages[side]++));
  }

  /**
   * The view is `rowsLeft` rows from the loaded end on `side`: reads the next page once that
   * is within prefetch distance of the next page's size (called on every visible-range change).
   */
  near(side: Side, rowsLeft: number): void {
    if (rowsLeft < prefetchRows(nextPageSize(this.pages[side]))) this.more(side);
  }

  /** Looks for messages newer than the last row again (the stream may have grown). */
  refreshNewer(): void {
    this.set({ hasNewer: true });
    this.more('newer');
  }

  private async load(side: Side, edge: number, limit = nextPageSize(0)): Promise<void> {
    const key = side === 'older' ? 'loadingOlder' : 'loadingNewer';
    if (side === 'older' && edge < this.o.first) {
      this.set({ hasOlder: false, ready: true });
      return;
    }
    this.set({ [key]: true });
    try {
      const js = await this.js();
      const signal = this.ac.signal;
      const page =
        side === 'older'
          ? await readOlder(js, this.o.stream, { to: edge, first: this.o.first, filter: this.o.filter, limit, signal, map: toRow })
          : await readNewer(js, this.o.stream, { from: edge, filter: this.o.filter, limit, signal, map: toRow });
      if (signal.aborted) return;
      const rows = page.msgs;
      const cur = this.state.rows;
      // Guard against overlap (e.g. a refresh racing a page): keep sequences strictly ascending.
      const merged =
        side === 'older'
          ? rows.filter((r) => cur.length === 0 || r.seq < (cur[0] as Row).seq).concat(cur)
          : cur.concat(rows.filter((r) => cur.length === 0 || r.seq > (cur[cur.length - 1] as Row).seq));
      this.set({ rows: merged, [key]: false, ready: true, ...(side === 'older' ? { hasOlder: page.more } : { hasNewer: page.more }) });
    } catch (e) {
      if (this.ac.signal.aborted) return;
      this.set({ [key]: false, ready: true, error: explainNatsError(e, { stream: this.o.stream }).message });
    }
  }

  /** Stops reading (pages in flight are dropped). */
  stop(): void {
    this.ac.abort();
  }
}
