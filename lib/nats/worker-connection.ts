/**
 * A worker's own NATS connection, opened from the tab's ConnectSpec and watched with the same
 * watchConnection as the tab's NatsClient. A tab opens one connection for itself and one per
 * worker it runs (the reader worker for replay and search, the timeline's reader), so WebSocket
 * frames and decoding of big reads never compete with rendering; all report the same states.
 */
import { wsconnect, type NatsConnection } from '@nats-io/nats-core';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connectOptions, watchConnection, type ConnectSpec } from './connection';

export type WorkerLink = { nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager };

/** What a worker reports of its connection (the page marks gaps and shows the state). */
export type LinkState = { state: 'connected' | 'reconnecting'; reconnects: number };

/**
 * A worker's own connection from the tab's spec: opened on first use, starting on the tab's
 * server when `preferFirst`; a connection that closed (not a reconnect: nats.js resumes those)
 * is replaced on the next `get()`. Each new connection after the first counts as a reconnect.
 */
export class WorkerConnection {
  private conn: Promise<WorkerLink> | null = null;
  private reconnects = 0;
  private opened = 0;
  private stopped = false;

  constructor(
    private readonly spec: ConnectSpec,
    private readonly preferFirst: boolean,
    private readonly onState: (s: LinkState) => void = () => {},
  ) {}

  /** The live connection (opening or replacing it as needed). */
  async get(): Promise<WorkerLink> {
    const pending = this.conn;
    const c = pending ? await pending.catch(() => null) : null;
    if (c && !c.nc.isClosed()) return c;
    // Another caller replaced it while this one waited: share theirs, never open two.
    if (this.conn !== pending && this.conn) return this.conn;
    this.conn = this.open();
    return this.conn;
  }

  private async open(): Promise<WorkerLink> {
    const nc = await wsconnect({ ...connectOptions(this.spec), noRandomize: this.preferFirst });
    this.onState({ state: 'connected', reconnects: this.opened++ > 0 ? ++this.reconnects : 0 });
    void watchConnection(
      nc,
      {
        reconnecting: () => this.onState({ state: 'reconnecting', reconnects: this.reconnects }),
        reconnected: () => this.onState({ state: 'connected', reconnects: ++this.reconnects }),
        closed: () => this.onState({ state: 'reconnecting', reconnects: this.reconnects }),
      },
      () => !this.stopped,
    );
    return { nc, js: jetstream(nc), jsm: await jetstreamManager(nc, { checkAPI: false }) };
  }

  /** Closes the connection for good. */
  async close(): Promise<void> {
    this.stopped = true;
    const c = this.conn ? await this.conn.catch(() => null) : null;
    await c?.nc.close().catch(() => {});
  }
}
