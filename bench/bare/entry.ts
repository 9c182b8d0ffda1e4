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

type Kept = { seq: number; subject: string; data: Uint8Array; timeMs: number };

type ReadOpts = {
  ws: string;
  stream: string;
  startSeq: number;
  count: number;
  needle?: string;
  keep?: boolean;
  batch?: number;
  /** One subject filter (the /tasks scenario reads agent.task.> alone). */
  filter?: string;
};

/** Reads `count` messages from startSeq with an ordered consumer; optional substring search. */
async function read(o: ReadOpts) {
  const js = jetstream(await conn(o.ws));
  const dec = new TextDecoder();
  const kept: Kept[] = [];
  const t0 = performance.now();
  const c = await js.consumers.get(o.stream, {
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: o.startSeq,
    ...(o.filter ? { filter_subjects: o.filter } : {}),
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
        if (o.keep)
          kept.push({
            seq: m.seq,
            subject: m.subject,
            data: m.data,
            timeMs: Number(m.info.timestampNanos) / 1e6,
          });
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

/**
 * The scroll baseline: the messages kept by the last `read` shown in a plain virtualized list
 * (a spacer, ~30 absolutely placed rows of seven clipped cells, texts rewritten on each scroll
 * event from the payload decoded then), scrolled three screens a frame until its end or
 * until `budgetMs` ran out. No framework, no app code: what a frame of such a list
 * costs on this machine at this moment.
 */
async function scroll(o: { budgetMs: number }) {
  const kept = ((globalThis as { __bareKept?: Kept[] }).__bareKept ?? []) as Kept[];
  const dec = new TextDecoder();
  const ROW = 32;
  const widths = [72, 150, 300, 140, 220, 420, 64];
  document.body.innerHTML = '';
  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;inset:0;overflow:auto;font:12px sans-serif';
  const spacer = document.createElement('div');
  spacer.style.cssText = `position:relative;height:${kept.length * ROW}px`;
  box.append(spacer);
  document.body.append(box);
  const rows: HTMLElement[][] = [];
  const block = document.createElement('div');
  block.style.cssText = 'position:absolute;left:0;right:0;top:0';
  spacer.append(block);
  const visible = Math.ceil(box.clientHeight / ROW) + 4;
  for (let i = 0; i < visible; i++) {
    const row = document.createElement('div');
    row.style.cssText = `display:flex;gap:8px;height:${ROW}px;align-items:center;border-bottom:1px solid #ddd;white-space:nowrap`;
    const cells = widths.map((w) => {
      const c = document.createElement('div');
      c.style.cssText = `width:${w}px;flex:none;overflow:hidden;text-overflow:ellipsis`;
      row.append(c);
      return c;
    });
    block.append(row);
    rows.push(cells);
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const draw = () => {
    const first = Math.max(0, Math.floor(box.scrollTop / ROW) - 2);
    block.style.transform = `translateY(${first * ROW}px)`;
    for (let i = 0; i < rows.length; i++) {
      const m = kept[first + i];
      const cells = rows[i]!;
      if (!m) {
        for (const c of cells) c.textContent = '';
        continue;
      }
      let p: Record<string, unknown> = {};
      try {
        p = JSON.parse(dec.decode(m.data)) as Record<string, unknown>;
      } catch {
        // not JSON: empty cells
      }
      const md = (p.metadata ?? {}) as Record<string, unknown>;
      cells[0]!.textContent = String(m.seq);
      cells[1]!.textContent = new Date(m.timeMs).toISOString().slice(11, 23);
      cells[2]!.textContent = m.subject;
      cells[3]!.textContent = text(p.message_type) || text(p.status) || text(p.event);
      cells[4]!.textContent = `${text(md.sender_role) || text(p.agent_role) || text(p.created_by)} → ${text(md.recipient_role) || text(p.assignee_role)}`;
      cells[5]!.textContent = (text(p.content) || text(p.title) || text(p.reason)).slice(0, 160);
      cells[6]!.textContent = `${m.data.length} B`;
    }
  };
  box.addEventListener('scroll', draw, { passive: true });
  draw();
  const t0 = performance.now();
  let frames = 0;
  const end = kept.length * ROW - box.clientHeight;
  while (box.scrollTop < end && performance.now() - t0 < o.budgetMs) {
    box.scrollTop += box.clientHeight * 3;
    await new Promise((r) => requestAnimationFrame(r));
    frames++;
  }
  return { frames };
}

async function close() {
  await nc?.close();
  nc = null;
}

/**
 * The cold baselines: a blank page that, from its navigation, connects and either reads
 * `count` messages from `startSeq` with an ordered consumer or direct-gets `seq` once. Run
 * from the page's own `<script src>` (bench/bare/page-server.ts), so the client is loaded like
 * any page's and no round trip of the test driver counts; times are the page's clock
 * (0 = navigation start).
 */
type ColdOpts = {
  ws: string;
  stream: string;
  mode: 'read' | 'get';
  startSeq: number;
  count: number;
  seq: number;
};
/** What the cold page leaves in `window.__bareCold` (bench/scenarios/cold.ts reads it). */
export type ColdResult = {
  html: number;
  /** The client script loaded (its response's end). */
  js: number;
  connected: number;
  readStart: number;
  done: number;
  count: number;
};

async function cold(o: ColdOpts): Promise<ColdResult> {
  const c = await wsconnect({ servers: o.ws, name: 'bench bare cold client' });
  const connected = performance.now();
  let count = 0;
  if (o.mode === 'get') {
    // No API check: one request, the direct get.
    const jsm = await jetstreamManager(c, { checkAPI: false });
    const m = await jsm.direct.getMessage(o.stream, { seq: o.seq });
    count = m ? 1 : 0;
  } else {
    const js = jetstream(c);
    const con = await js.consumers.get(o.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: o.startSeq,
    });
    await new Promise<void>((resolve, reject) => {
      con
        .consume({
          max_messages: 1000,
          callback: (m) => {
            if (count >= o.count) return;
            count++;
            if (count >= o.count || m.info.pending === 0) resolve();
          },
        })
        .catch(reject);
    });
    void con.delete().catch(() => {});
  }
  const done = performance.now();
  void c.close();
  const nav = performance.getEntriesByType('navigation')[0] as
    PerformanceNavigationTiming | undefined;
  const js = performance
    .getEntriesByType('resource')
    .filter((r) => (r as PerformanceResourceTiming).initiatorType === 'script')
    .reduce((m, r) => Math.max(m, (r as PerformanceResourceTiming).responseEnd), 0);
  return { html: nav?.responseEnd ?? NaN, js, connected, readStart: connected, done, count };
}

(globalThis as unknown as { __bare: unknown }).__bare = { read, directPage, live, scroll, close };

// The cold page's config: a <meta> of the page that loads this script (page-server.ts).
const coldMeta =
  typeof document !== 'undefined'
    ? document.querySelector('meta[name="bare-cold"]')?.getAttribute('content')
    : null;
const coldCfg = coldMeta ? (JSON.parse(coldMeta) as ColdOpts) : undefined;
if (coldCfg) {
  const w = globalThis as { __bareCold?: ColdResult | { error: string } };
  cold(coldCfg).then(
    (r) => (w.__bareCold = r),
    (e: unknown) => (w.__bareCold = { error: String(e) }),
  );
}
