/**
 * Serves the cold baselines' blank page over HTTP, as the app serves its own pages: the page
 * loads the bare client (bench/bare/bundle.ts) as a same-origin `<script src>`, gzipped when
 * the browser accepts it (Next compresses its scripts too), with no cache. A fresh browser
 * context (empty cache) therefore fetches, parses and runs the client before it connects,
 * like any real page that connects; an init script would skip that load.
 */
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';

export type BarePageServer = {
  url: string;
  /** The bare client's size on the wire (gzip) and raw, in bytes. */
  scriptBytes: { gzip: number; raw: number };
  stop(): Promise<void>;
};

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Starts the server on 127.0.0.1 (a free port). `GET /cold?cfg=<json>` is the blank page with
 * the config in a `<meta>` (read by the client as the app reads its servers' `<meta>`);
 * `GET /bare.js` is the client.
 */
export async function startBarePageServer(script: string): Promise<BarePageServer> {
  const raw = Buffer.from(script);
  const gz = gzipSync(raw);
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname === '/bare.js') {
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      res.writeHead(200, {
        'Content-Type': 'application/javascript; charset=utf-8',
        'Cache-Control': 'no-store',
        ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
      });
      res.end(gzip ? gz : raw);
      return;
    }
    if (u.pathname === '/cold') {
      const cfg = u.searchParams.get('cfg') ?? '{}';
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(
        `<!doctype html><html><head><meta charset="utf-8"><title>bare cold page</title>` +
          `<meta name="bare-cold" content="${escapeAttr(cfg)}">` +
          `<script src="/bare.js" async></script></head><body></body></html>`,
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('bare page server has no port');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    scriptBytes: { gzip: gz.length, raw: raw.length },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
