/**
 * Notices a stream deleted, recreated or purged under an open page (issue #17 item 5): a
 * light STREAM.INFO every few seconds compares the stream's `created` time and first/last
 * sequence with what the page loaded, and JetStream's stream CREATED/DELETED advisories,
 * where the user may subscribe to them, make that check at once. Framework-free; the page
 * reads it with useSyncExternalStore and offers to reload.
 */
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import type { JetStreamManager, StreamInfo } from '@nats-io/jetstream';

/** What identifies the stream a page loaded. */
export type StreamMark = { created: string; firstSeq: number; lastSeq: number };

export type StreamChange =
  | { kind: 'ok' }
  | { kind: 'deleted' }
  /** Deleted and created again: same name, sequences that mean other messages. */
  | { kind: 'recreated'; firstSeq: number; lastSeq: number }
  /** Everything the page saw at the mark is gone (purged, or aged out). */
  | { kind: 'purged'; firstSeq: number; lastSeq: number };

/** The mark of a STREAM.INFO answer. */
export function markOf(info: Pick<StreamInfo, 'created' | 'state'>): StreamMark {
  return {
    created: String(info.created),
    firstSeq: info.state.first_seq,
    lastSeq: info.state.last_seq,
  };
}

/** How the stream now (`null`: not found) differs from the mark the page loaded. */
export function compareStream(base: StreamMark, now: StreamMark | null): StreamChange {
  if (!now) return { kind: 'deleted' };
  // The sequence going back can only be a new stream (a creation time can come back reformatted).
  if (Date.parse(now.created) !== Date.parse(base.created) || now.lastSeq < base.lastSeq)
    return { kind: 'recreated', firstSeq: now.firstSeq, lastSeq: now.lastSeq };
  if (base.lastSeq > 0 && now.firstSeq > base.lastSeq)
    return { kind: 'purged', firstSeq: now.firstSeq, lastSeq: now.lastSeq };
  return { kind: 'ok' };
}

/** True for the API's "no such stream" answer. */
export function isStreamNotFound(e: unknown): boolean {
  return /stream not found|10059/i.test(String((e as Error)?.message ?? e));
}

export const WATCH_INTERVAL_MS = 5000;

export type StreamWatchConn = { nc: NatsConnection; jsm: JetStreamManager };

/**
 * Watches `stream` against the mark of its first STREAM.INFO (or `base`). The snapshot stays
 * what it last found until rebase(): a deleted stream that comes back reads "recreated".
 */
export class StreamWatch {
  private change: StreamChange = { kind: 'ok' };
  private base: StreamMark | null;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private subs: Subscription[] = [];
  private checking: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly getConn: () => Promise<StreamWatchConn>,
    private readonly stream: string,
    private readonly opts: { base?: StreamMark; intervalMs?: number } = {},
  ) {
    this.base = opts.base ?? null;
  }

  /** Starts checking (again after stop(): the mark is kept); the first check runs at once. */
  start(): this {
    if (this.timer) return this;
    this.stopped = false;
    this.timer = setInterval(() => void this.check(), this.opts.intervalMs ?? WATCH_INTERVAL_MS);
    void this.listen();
    void this.check();
    return this;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getSnapshot = (): StreamChange => this.change;

  private set(c: StreamChange) {
    if (c.kind === this.change.kind && JSON.stringify(c) === JSON.stringify(this.change)) return;
    this.change = c;
    for (const fn of this.listeners) fn();
  }

  /** Advisories where permitted; a refused subscription only leaves the periodic check. */
  private async listen() {
    try {
      const { nc } = await this.getConn();
      if (this.stopped || this.subs.length) return;
      for (const kind of ['DELETED', 'CREATED']) {
        this.subs.push(
          nc.subscribe(`$JS.EVENT.ADVISORY.STREAM.${kind}.${this.stream}`, {
            callback: (err) => void (err ? null : this.check()),
          }),
        );
      }
    } catch {
      // No connection yet: the periodic check still runs.
    }
  }

  /** One STREAM.INFO compared with the mark (the first one sets it). Errors other than "not found" change nothing. */
  check(): Promise<void> {
    this.checking ??= (async () => {
      try {
        const { jsm } = await this.getConn();
        let now: StreamMark | null;
        try {
          now = markOf(await jsm.streams.info(this.stream));
        } catch (e) {
          if (!isStreamNotFound(e)) return;
          now = null;
        }
        // No mark yet: a stream that is not there was never shown (the page says it cannot read it).
        if (!this.base) {
          this.base = now;
          return;
        }
        this.set(compareStream(this.base, now));
      } catch {
        // Not connected: the next check will tell.
      } finally {
        this.checking = null;
      }
    })();
    return this.checking;
  }

  /** The page reloaded: what the stream is now becomes the mark. */
  rebase(mark: StreamMark | null): void {
    this.base = mark;
    this.set({ kind: 'ok' });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
  }
}
