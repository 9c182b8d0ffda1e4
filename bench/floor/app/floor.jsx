'use client';
/**
 * The floor's one client component: what the bare page does (bench/bare/entry.ts `cold`) —
 * connect, then one direct get or an ordered read of `count` messages — started when this
 * module is evaluated (before hydration, the earliest the framework runs our code), and the
 * row (or the first of the read) rendered with React once it is in.
 * Config: `?cfg={"ws","stream","mode":"get"|"read","startSeq","count","seq"}`.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { wsconnect } from '@nats-io/nats-core';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';

const mark = (name) => performance.mark(`floor:${name}`);
const listeners = new Set();
let result = null;
const publish = (r) => {
  result = r;
  for (const l of listeners) l();
};

const rowOf = (m) => ({ seq: m.seq, subject: m.subject, text: m.string() });

async function run(o) {
  const nc = await wsconnect({ servers: o.ws, name: 'bench floor client' });
  mark('connected');
  try {
    if (o.mode === 'get') {
      // No API check, as the bare page: one request, the direct get.
      const jsm = await jetstreamManager(nc, { checkAPI: false });
      const m = await jsm.direct.getMessage(o.stream, { seq: o.seq });
      mark('first-data');
      if (!m) throw new Error(`no message at ${o.seq}`);
      return { count: 1, row: rowOf(m) };
    }
    const js = jetstream(nc);
    const con = await js.consumers.get(o.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: o.startSeq,
    });
    let count = 0;
    let row = null;
    await new Promise((resolve, reject) => {
      con
        .consume({
          max_messages: 1000,
          callback: (m) => {
            if (count >= o.count) return;
            if (count === 0) {
              mark('first-data');
              row = rowOf(m);
            }
            count++;
            if (count >= o.count || m.info.pending === 0) resolve();
          },
        })
        .catch(reject);
    });
    void con.delete().catch(() => {});
    return { count, row };
  } finally {
    void nc.close();
  }
}

if (typeof window !== 'undefined') {
  const cfg = new URLSearchParams(location.search).get('cfg');
  if (cfg) {
    mark('connect-start');
    run(JSON.parse(cfg)).then(
      (r) => {
        mark('loaded');
        publish(r);
      },
      (e) => publish({ error: String(e) }),
    );
  }
}

const subscribe = (l) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function Floor() {
  const r = useSyncExternalStore(
    subscribe,
    () => result,
    () => null,
  );
  // Runs once hydration has committed (the app marks its provider's render right after it).
  useEffect(() => mark('hydrated'), []);
  if (!r) return <p>Reading…</p>;
  if (r.error) return <p data-floor-error="">{r.error}</p>;
  return (
    <div role="grid" aria-label="Messages">
      <p>{r.count} messages</p>
      <div role="row" data-seq={r.row?.seq}>
        <span role="gridcell">{r.row?.seq}</span>
        <span role="gridcell">{r.row?.subject}</span>
        <span role="gridcell">{r.row?.text}</span>
      </div>
    </div>
  );
}
