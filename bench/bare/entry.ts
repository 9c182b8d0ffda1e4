/**
 * The bare-client baseline, bundled by esbuild into one IIFE and injected into a blank page
 * (never the app's code paths): `wsconnect` + a JetStream ordered consumer or direct gets,
 * timed with performance.now(). Exposes `window.__bare`.
 */
import { wsconnect, type NatsConnection } from '@nats-io/nats-core';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';

let nc: NatsConnection | null = null;

async function conn(ws: string): Promise<NatsConnection> {
  if (!nc) nc = await wsconnect({ servers: ws, name: 'bench bare client' });
  return nc;
}

type ReadOpts = {
  ws: string;
  stream: string;
  startSeq: number;
  count: number;
  needle?: string;
  keep?: boolean;
  batch?: number;
};

/** Reads `count` messages from startSeq with an ordered consumer; optional substring search. */
async function read(o: ReadOpts) {
  const js = jetstream(await conn(o.ws));
  const dec = new TextDecoder();
  const kept: { seq: number; subject: string; data: Uint8Array }[] = [];
  const t0 = performance.now();
  const c = await js.consumers.get(o.stream, {
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: o.startSeq,
  });
  let n = 0;
  let matches = 0;
  let lastSeq = 0;
  await new Promise<void>((resolve, reject) => {
    c.consume({
      max_messages: o.batch ?? 1000,
      callback: (m) => {
        if (n >= o.count) return;
        n++;
        lastSeq = m.seq;
        if (o.needle !== undefined && dec.decode(m.data).includes(o.needle)) matches++;
        if (o.keep) kept.push({ seq: m.seq, subject: m.subject, data: m.data });
        if (n >= o.count || m.info.pending === 0) resolve();
      },
    }).catch(reject);
  });
  const ms = performance.now() - t0;
  await c.delete().catch(() => {});
  (globalThis as { __bareKept?: unknown }).__bareKept = o.keep ? kept : undefined;
  return { count: n, lastSeq, matches, ms, msgsPerSec: (n / ms) * 1000 };
}

/** Direct gets of `size` consecutive sequences from `seq`, all in flight at once. */
async function directPage(o: { ws: string; stream: string; seq: number; size: number }) {
  const jsm = await jetstreamManager(await conn(o.ws));
  const t0 = performance.now();
  const msgs = await Promise.all(
    Array.from({ length: o.size }, (_, i) => jsm.direct.getMessage(o.stream, { seq: o.seq + i })),
  );
  return { ms: performance.now() - t0, count: msgs.filter(Boolean).length };
}

/**
 * Follows the stream from "new" for `ms` and records publish→received latency per message:
 * now − created_at (the publisher stamps created_at at publish time).
 */
async function live(o: { ws: string; stream: string; ms: number }) {
  const js = jetstream(await conn(o.ws));
  const dec = new TextDecoder();
  const c = await js.consumers.get(o.stream, { deliver_policy: DeliverPolicy.New });
  const lat: number[] = [];
  const iter = await c.consume({
    max_messages: 1000,
    callback: (m) => {
      const at = /"created_at":"([^"]+)"/.exec(dec.decode(m.data))?.[1];
      if (at) lat.push(Date.now() - Date.parse(at));
    },
  });
  await new Promise((r) => setTimeout(r, o.ms));
  await iter.close();
  await c.delete().catch(() => {});
  return lat;
}

async function close() {
  await nc?.close();
  nc = null;
}

(globalThis as unknown as { __bare: unknown }).__bare = { read, directPage, live, close };
