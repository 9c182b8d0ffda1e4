import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect as tlsConnect } from 'node:tls';
import { readFileSync } from 'node:fs';
import { startNatsServer, type NatsServer } from './launcher';
import { generateTestPki, type TestPki } from './tls';

describe('wss:// with a CA generated for the test', () => {
  let pki: TestPki;
  let server: NatsServer;
  beforeAll(async () => {
    pki = await generateTestPki();
    server = await startNatsServer({ websocketConfig: pki.websocketTls });
  });
  afterAll(async () => {
    await server?.stop();
    await pki?.remove();
  });

  const handshake = (ca?: Buffer) =>
    new Promise<{ authorized: boolean; error?: string }>((resolve) => {
      const s = tlsConnect(
        {
          host: '127.0.0.1',
          port: server.wsPort,
          ca,
          servername: 'localhost',
          rejectUnauthorized: false,
        },
        () => {
          resolve({
            authorized: s.authorized,
            error: s.authorizationError ? String(s.authorizationError) : undefined,
          });
          s.end();
        },
      );
      s.on('error', (e) => resolve({ authorized: false, error: String(e) }));
    });

  it('the WebSocket listener speaks TLS with a certificate the CA verifies, and only that CA', async () => {
    expect(server.wsUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    expect(await handshake(readFileSync(pki.caFile))).toEqual({
      authorized: true,
      error: undefined,
    });
    const untrusted = await handshake();
    expect(untrusted.authorized).toBe(false);
    expect(untrusted.error).toMatch(/self[- ]signed|unable[ _]to[ _](get|verify)/i);
    expect(pki.spkiSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
});
