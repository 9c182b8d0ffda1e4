/**
 * A minimal reverse proxy that serves the app and the NATS WebSocket on one origin, as a
 * production nginx in front of both would: plain requests go to the app, WebSocket upgrades
 * to nats-server with the browser's Host and Origin unchanged (what `same_origin` compares).
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { freePort } from '../server/free-port';

export type OneOriginProxy = { url: string; wsUrl: string; stop(): Promise<void> };

/** Starts the proxy on a free loopback port: http → appPort, upgrades → wsPort. */
export async function startOneOriginProxy(
  appPort: number,
  wsPort: number,
): Promise<OneOriginProxy> {
  const sockets = new Set<Socket | Duplex>();
  const server = createServer((req, res) => {
    const up = request(
      { host: '127.0.0.1', port: appPort, path: req.url, method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    const up = netConnect(wsPort, '127.0.0.1', () => {
      const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) up.write(head);
      socket.pipe(up).pipe(socket);
    });
    sockets.add(up);
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
    up.on('close', () => socket.destroy());
    socket.on('close', () => up.destroy());
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    stop: async () => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
