import { describe, expect, it } from 'vitest';
import { buildConfig, startNatsServer } from './launcher';

describe('buildConfig', () => {
  const base = {
    host: '127.0.0.1',
    port: -1,
    wsPort: -1,
    httpPort: -1,
    storeDir: '/s',
    portsDir: '/p',
    jetstream: true,
  };
  it('has JetStream, a plain WebSocket listener on loopback and a ports file', () => {
    const c = buildConfig(base);
    expect(c).toContain('jetstream { store_dir: "/s" }');
    expect(c).toMatch(/websocket \{\n {2}host: "127.0.0.1"\n {2}port: -1\n {2}no_tls: true/);
    expect(c).toContain('ports_file_dir: "/p"');
    expect(c).toContain('http: "127.0.0.1:-1"');
  });
  it('drops no_tls when the websocket block brings TLS, and can turn JetStream off', () => {
    const c = buildConfig({
      ...base,
      jetstream: false,
      websocketConfig: 'tls { cert_file: "c" key_file: "k" }',
    });
    expect(c).not.toContain('no_tls');
    expect(c).not.toContain('jetstream');
  });
});

describe('startNatsServer with a given binary', () => {
  it('says which path is missing instead of failing to spawn', async () => {
    await expect(startNatsServer({ bin: '/nonexistent/nats-server' })).rejects.toThrow(
      'nats-server binary not found at /nonexistent/nats-server',
    );
  });
});
