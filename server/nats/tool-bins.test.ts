import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { versions } from '../../scripts/nats-server.mjs';
import { natsCliBin, newestNatsServerBin, NATS_CLI_VERSION } from './tool-bins';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function fakeCache(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tool-bins-'));
  for (const v of versions.matrix) {
    const bin = path.join(dir, 'nats-server', v, 'nats-server');
    mkdirSync(path.dirname(bin), { recursive: true });
    writeFileSync(bin, `#!/bin/sh\necho "nats-server: v${v}"\n`);
    chmodSync(bin, 0o755);
  }
  mkdirSync(path.join(dir, 'natscli', NATS_CLI_VERSION), { recursive: true });
  writeFileSync(path.join(dir, 'natscli', NATS_CLI_VERSION, 'nats'), '');
  return dir;
}

describe('tool binaries', () => {
  it('takes the newest pinned nats-server and the pinned CLI from the cache, an env var first', () => {
    const dir = fakeCache();
    try {
      delete process.env.NATS_NEWEST_SERVER_BIN;
      delete process.env.NATS_CLI_BIN;
      process.env.AGENT_REPLAY_CACHE = dir;
      expect(newestNatsServerBin()).toBe(
        path.join(dir, 'nats-server', versions.newest, 'nats-server'),
      );
      expect(natsCliBin()).toBe(path.join(dir, 'natscli', NATS_CLI_VERSION, 'nats'));
      process.env.NATS_NEWEST_SERVER_BIN = path.join(dir, 'missing');
      expect(newestNatsServerBin()).toBeNull();
      process.env.NATS_CLI_BIN = path.join(dir, 'natscli', NATS_CLI_VERSION, 'nats');
      expect(natsCliBin()).toBe(process.env.NATS_CLI_BIN);
      process.env.NATS_CLI_BIN = path.join(dir, 'nope');
      expect(natsCliBin()).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
