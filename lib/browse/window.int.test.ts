import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { errors, type NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { subjectMatches } from '@/lib/nats/subjects';
import { BrowseStore } from '@/lib/browse/browse-store';
import { idle } from './store-idle.test-util';

const STREAM = 'window-test';
const N = 3000;
const subjectOf = (i: number) =>
  i % 3 === 0 ? `agent.status.a${i % 5}.online` : `agent.message.role${i % 4}.question`;
// A window far smaller than the stream, so scrolling it end to end drops and re-reads pages.
const WINDOW = { rows: 1200, margin: 300 };

describe('the browse window against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  const deleted = new Set([7, 8, 1200, 1201, 2500]);
  const live = (f?: string) =>
    Array.from({ length: N }, (_, i) => i + 1).filter(
      (s) => !deleted.has(s) && (!f || subjectMatches(f, subjectOf(s))),
    );

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    const jsm = await jetstreamManager(nc);
    js = jetstream(nc);
    await jsm.streams.add({ name: STREAM, subjects: ['agent.>'], allow_direct: true });
    for (let b = 1; b <= N; b += 500) {
      const ps = [];
      for (let i = b; i < b + 500 && i <= N; i++)
        ps.push(js.publish(subjectOf(i), JSON.stringify({ i })));
      await Promise.all(ps);
    }
    for (const s of deleted) await jsm.streams.deleteMessage(STREAM, s, false);
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  // Scrolls the view (a sequence in the loaded rows) by `step` rows at a time towards `dir`
  // until the stream's end on that side, the way the table reports its edges; after every
  // page the rows must be an exact contiguous run of the stream, within the window.
  async function scroll(
    store: BrowseStore,
    want: number[],
    from: number,
    dir: 'older' | 'newer',
    step: number,
    seen: Set<number>,
  ) {
    let view = from;
    for (let guard = 0; guard < 10_000; guard++) {
      const rows = store.getSnapshot().rows;
      const first = want.indexOf(rows[0]!.seq);
      expect(rows.map((r) => r.seq)).toEqual(want.slice(first, first + rows.length));
      expect(rows.length).toBeLessThanOrEqual(WINDOW.rows + 1000);
      for (const r of rows) seen.add(r.seq);
      const v = rows.findIndex((r) => r.seq === view);
      expect(v).toBeGreaterThanOrEqual(0);
      store.near('older', v);
      store.near('newer', rows.length - 1 - v);
      await idle(store);
      const now = store.getSnapshot().rows;
      const at = now.findIndex((r) => r.seq === view);
      const next = Math.max(0, Math.min(now.length - 1, at + (dir === 'newer' ? step : -step)));
      const s = store.getSnapshot();
      if (next === at && !(dir === 'newer' ? s.hasNewer : s.hasOlder)) return view;
      view = now[next]!.seq;
    }
    throw new Error('scroll did not end');
  }

  it('a page that fails with a timeout (e.g. just after a reconnect) is read again by itself', async () => {
    // The first read's client gives a timeout, as a request sent while the server was away does
    // once it is back; nothing else would retry it (no reconnect event comes any more).
    let failures = 1;
    const store = new BrowseStore(
      async () => {
        if (failures-- > 0) throw new errors.TimeoutError();
        return js;
      },
      { stream: STREAM, first: 1, window: WINDOW },
    );
    await store.start(async () => ({ anchor: 100, notice: null }), 'asc');
    await idle(store);
    expect(store.getSnapshot().error).toBeTruthy();
    await expect
      .poll(
        () => {
          const s = store.getSnapshot();
          return s.error === null && s.rows.some((r) => r.seq === 100);
        },
        { timeout: 5000 },
      )
      .toBe(true);
    const rows = store.getSnapshot().rows.map((r) => r.seq);
    expect(rows).toEqual(live().slice(0, rows.length));
    store.stop();
  });

  it('a seek whose resolve step fails with a timeout is made again by itself', async () => {
    // A time seek resolves its sequence with a request of its own before any page is read.
    let failures = 1;
    const store = new BrowseStore(async () => js, { stream: STREAM, first: 1, window: WINDOW });
    const resolve = async () => {
      if (failures-- > 0) throw new errors.TimeoutError();
      return { anchor: 2000, notice: null };
    };
    await store.start(resolve, 'desc');
    expect(store.getSnapshot().error).toBeTruthy();
    await expect
      .poll(
        () => {
          const s = store.getSnapshot();
          return s.error === null && s.rows.some((r) => r.seq === 2000);
        },
        { timeout: 5000 },
      )
      .toBe(true);
    await idle(store);
    const rows = store.getSnapshot().rows.map((r) => r.seq);
    const want = live();
    const first = want.indexOf(rows[0]!);
    expect(rows).toEqual(want.slice(first, first + rows.length));
    store.stop();
  });

  for (const f of [undefined, 'agent.status.>']) {
    for (const order of ['asc', 'desc'] as const) {
      it(`scrolls far, drops pages, scrolls back: exact rows (${order}, filter ${f ?? 'none'})`, async () => {
        const want = live(f);
        const store = new BrowseStore(async () => js, {
          stream: STREAM,
          filter: f,
          first: 1,
          window: WINDOW,
        });
        const start = order === 'asc' ? want[0]! : want[want.length - 1]!;
        await store.start(async () => ({ anchor: start, notice: null }), order);
        await idle(store);
        const away = order === 'asc' ? 'newer' : 'older';
        const back = order === 'asc' ? 'older' : 'newer';
        const seen = new Set<number>();
        const end = await scroll(store, want, start, away, 150, seen);
        expect(end).toBe(order === 'asc' ? want[want.length - 1] : want[0]);
        expect(store.getSnapshot().windowed).toBe(want.length > WINDOW.rows);
        expect([...seen].sort((a, b) => a - b)).toEqual(want);
        if (want.length > WINDOW.rows)
          expect(
            store.getSnapshot().rows[0]!.seq === want[0] &&
              store.getSnapshot().rows.at(-1)!.seq === want.at(-1),
          ).toBe(false);
        // Back to where the view opened: the dropped pages are read again, exactly.
        const home = await scroll(store, want, end, back, 150, new Set());
        expect(home).toBe(start);
        store.stop();
      });
    }
  }
});
