/**
 * A cold deep link (`/messages?seq=N`) against a real nats-server: the target is read by one
 * direct get beside the page's STREAM.INFO and shown before the pages around it, and the
 * first page needs no second STREAM.INFO and no `$JS.API.INFO` (the way MessagesView drives
 * the store: earlyRow at render, streamInfoQuery → freshInfo, then BrowseStore).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { NatsClient } from '@/lib/nats/connection';
import { BrowseStore } from './browse-store';
import { idle } from './store-idle.test-util';
import { earlyRow, readEarlyRow } from './early-row';
import { freshInfo } from './read-mode';
import type { Row } from './rows';

const DIRECT = 'deep-link-direct';
const PLAIN = 'deep-link-plain';
const N = 1000;
const subjectOf = (i: number) =>
  i % 2 ? `agent.message.role${i % 4}.question` : `agent.status.a${i % 5}.online`;

describe('a cold deep link against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let spy: NatsConnection;
  const clients: NatsClient[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    spy = await connect({ servers: server.natsUrl });
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    await jsm.streams.add({ name: DIRECT, subjects: ['agent.>'], allow_direct: true });
    await jsm.streams.add({ name: PLAIN, subjects: ['other.>'], allow_direct: false });
    for (let b = 1; b <= N; b += 250) {
      const ps = [];
      for (let i = b; i < b + 250 && i <= N; i++) {
        ps.push(js.publish(subjectOf(i), JSON.stringify({ i })));
        ps.push(js.publish(`other.${i}`, JSON.stringify({ i })));
      }
      await Promise.all(ps);
    }
    await jsm.streams.deleteMessage(DIRECT, 600, false);
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await spy?.close();
    await nc?.drain();
    await server?.stop();
  });

  const newClient = () => {
    const c = new NatsClient({ servers: [server.natsUrl], connect });
    clients.push(c);
    return c;
  };

  /** Opens `seq` of `stream` as a cold page does; the rows of each snapshot that had rows. */
  async function openLink(
    stream: string,
    seq: number,
    filter?: string,
    order: 'asc' | 'desc' = 'desc',
  ) {
    const client = newClient();
    // Started during the first render, before the connection is up.
    const early = { seq, row: earlyRow(client, stream, seq) };
    const info = await freshInfo(await client.js(), stream);
    const store = new BrowseStore(() => client.js(), {
      stream,
      filter,
      first: info.state.first_seq,
      early,
    });
    const seen: Row[][] = [];
    store.subscribe(() => {
      const r = store.getSnapshot().rows;
      if (r.length && seen[seen.length - 1] !== r) seen.push(r);
    });
    await store.start(async () => ({ anchor: seq, notice: null }), order);
    await idle(store);
    store.stop();
    return { seen, rows: store.getSnapshot().rows, state: store.getSnapshot() };
  }

  it('shows the target alone first, then the pages around it, each sequence once', async () => {
    const { seen, rows } = await openLink(DIRECT, 400);
    expect(seen[0]?.map((r) => r.seq)).toEqual([400]);
    const seqs = rows.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // The same 400 rows as a page load without the early row: the 200 ending at the target,
    // then 200 newer (600 was deleted: 601 takes its place).
    expect(seqs).toHaveLength(400);
    expect(seqs[0]).toBe(201);
    expect(seqs).toContain(400);
    expect(seqs.includes(600)).toBe(false);
    expect(seqs[seqs.length - 1]).toBe(601);
  });

  it('asks for the target before the first page and needs one STREAM.INFO and no $JS.API.INFO', async () => {
    const requests: string[] = [];
    const sub = spy.subscribe('$JS.API.>', { callback: (_, m) => void requests.push(m.subject) });
    await spy.flush();
    await openLink(DIRECT, 700);
    await spy.flush();
    sub.unsubscribe();
    const firstCreate = requests.findIndex((s) => s.startsWith('$JS.API.CONSUMER.CREATE.'));
    expect(firstCreate).toBeGreaterThan(0);
    // A previous test's consumers are deleted without waiting: their deletes may land here.
    const before = requests
      .slice(0, firstCreate)
      .filter((s) => !s.startsWith('$JS.API.CONSUMER.DELETE.'));
    // The direct get and the view's STREAM.INFO, in either order; nothing else.
    expect(before.sort()).toEqual([
      `$JS.API.DIRECT.GET.${DIRECT}`,
      `$JS.API.STREAM.INFO.${DIRECT}`,
    ]);
    expect(requests).not.toContain('$JS.API.INFO');
  });

  it('opened oldest first at the first sequence, it ends reading: nothing is older', async () => {
    // idle() would wait forever if the older side stayed "loading" (then newer could not be read).
    const { seen, rows, state } = await openLink(DIRECT, 1, undefined, 'asc');
    expect(seen[0]?.map((r) => r.seq)).toEqual([1]);
    expect(rows[0]?.seq).toBe(1);
    expect(state.hasOlder).toBe(false);
    expect(state.loadingOlder).toBe(false);
  });

  it('leaves out a target the filter does not match', async () => {
    // 401 is a message subject; the view shows status events only.
    const { seen, rows } = await openLink(DIRECT, 401, 'agent.status.>');
    expect(seen[0]?.some((r) => r.seq === 401)).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.subject.startsWith('agent.status.'))).toBe(true);
  });

  it('reads the pages as before when the target cannot be had by direct get', async () => {
    const client = newClient();
    // No allow_direct: nobody answers a direct get; a deleted message: nothing there.
    expect(await readEarlyRow(client, PLAIN, 10)).toBeNull();
    expect(await readEarlyRow(client, DIRECT, 600)).toBeNull();
    const plain = await openLink(PLAIN, 500);
    expect(plain.rows.map((r) => r.seq)).toContain(500);
    expect(plain.seen[0]?.length).toBeGreaterThan(1);
    const gone = await openLink(DIRECT, 600);
    expect(gone.rows.map((r) => r.seq)).toContain(599);
  });
});
