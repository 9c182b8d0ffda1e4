/**
 * WebSocket origin checks (`websocket { same_origin, allowed_origins }`) against a real
 * nats-server, with the Origin header a browser sends from the app's page. A raw upgrade
 * request is enough (Node 20 has no WebSocket client): 101 plus the server's INFO frame means
 * the browser would connect; any other answer means it is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { startNatsServer, type NatsServer } from './launcher';
import { freePort } from '../free-port';

type Upgrade = { accepted: true; firstFrame: string } | { accepted: false; status: number };

/** One WebSocket opening handshake to ws://127.0.0.1:port with this Origin (none: no header). */
function upgrade(port: number, origin?: string): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/',
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        ...(origin ? { Origin: origin } : {}),
      },
    });
    req.on('upgrade', (_res, socket, head: Buffer) => {
      // The server speaks first: a frame carrying `INFO {…}` (it may have come with the 101).
      const done = (b: Buffer) => {
        resolve({ accepted: true, firstFrame: b.subarray(0, 64).toString('latin1') });
        socket.destroy();
      };
      if (head.length > 0) done(head);
      else socket.once('data', done);
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ accepted: false, status: res.statusCode ?? 0 });
    });
    req.on('error', reject);
    req.setTimeout(10_000, () =>
      req.destroy(new Error(`no answer to the upgrade on port ${port}`)),
    );
    req.end();
  });
}

/** Versions with the stricter origin checks (scheme compared by same_origin, absolute URLs). */
function strictOrigins(version: string): boolean {
  const [maj = 0, min = 0, patch = 0] = version.split(/[.-]/).map(Number);
  if (maj !== 2) return maj > 2;
  return (
    min >= 14 ||
    (min === 12 && patch >= 5) ||
    (min === 13 && patch >= 0) ||
    (min === 11 && patch >= 14)
  );
}

async function serverVersion(s: NatsServer): Promise<string> {
  const nc = await connect({ servers: s.natsUrl });
  const v = nc.info?.version ?? '0.0.0';
  await nc.close();
  return v;
}

describe('WebSocket origins', () => {
  let server: NatsServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('allowed_origins with the app’s origin: the app’s page connects, another origin is refused', async () => {
    const appPort = await freePort();
    const app = `http://127.0.0.1:${appPort}`;
    server = await startNatsServer({ websocketConfig: `allowed_origins: ["${app}"]` });
    const own = await upgrade(server.wsPort, app);
    expect(own).toMatchObject({ accepted: true });
    expect(own.accepted && own.firstFrame).toContain('INFO {');
    // Same host, another port; another host name for the same address; https instead of http.
    for (const other of [
      `http://127.0.0.1:${appPort + 1}`,
      `http://localhost:${appPort}`,
      `https://127.0.0.1:${appPort}`,
      'https://evil.example',
    ]) {
      expect(await upgrade(server.wsPort, other), other).toEqual({ accepted: false, status: 403 });
    }
    // What an operator finds in the server's log when the app cannot connect.
    expect(server.log()).toMatch(/websocket handshake error: origin not allowed/);
    // No Origin at all is a non-browser client (RFC 6455 §1.6): the server lets it in.
    expect(await upgrade(server.wsPort)).toMatchObject({ accepted: true });
  });

  it('same_origin: only a page served from the WebSocket’s own host:port connects, so not the app on its own port', async () => {
    server = await startNatsServer({ websocketConfig: 'same_origin: true' });
    const version = await serverVersion(server);
    const appOrigin = `http://127.0.0.1:${await freePort()}`;
    expect(await upgrade(server.wsPort, appOrigin)).toEqual({ accepted: false, status: 403 });
    // What a page behind a reverse proxy that serves the app and /ws on one origin would send.
    expect(await upgrade(server.wsPort, `http://127.0.0.1:${server.wsPort}`)).toMatchObject({
      accepted: true,
    });
    const wrongScheme = await upgrade(server.wsPort, `https://127.0.0.1:${server.wsPort}`);
    if (strictOrigins(version)) expect(wrongScheme).toEqual({ accepted: false, status: 403 });
    else
      console.log(
        `[origins] nats-server ${version} predates the scheme check of same_origin: https origin ${wrongScheme.accepted ? 'accepted' : 'refused'}`,
      );
  });

  it('an allowed origin without a scheme: newer servers refuse the config, older ones never match it', async () => {
    const appPort = await freePort();
    const started = await startNatsServer({
      websocketConfig: `allowed_origins: ["127.0.0.1:${appPort}"]`,
    }).then(
      (s) => s,
      (e: unknown) => e as Error,
    );
    if (started instanceof Error) {
      expect(started.message).toMatch(/allowed origin/i);
      return;
    }
    server = started;
    const version = await serverVersion(server);
    expect(
      strictOrigins(version),
      `nats-server ${version} accepted a scheme-less allowed origin`,
    ).toBe(false);
    // The old server takes the entry but the app's real origin (with its scheme) is not in the list.
    expect(await upgrade(server.wsPort, `http://127.0.0.1:${appPort}`)).toMatchObject({
      accepted: false,
    });
  });
});
