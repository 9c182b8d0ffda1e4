import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareVersions, natsCliBin, newestNatsServerBin } from './tool-bins';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function fakeCache(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tool-bins-'));
  for (const v of ['2.9.25', '2.15.3', '2.11.17', '2.12.15']) {
    mkdirSync(path.join(dir, 'agent-replay', 'nats-server', v), { recursive: true });
    writeFileSync(path.join(dir, 'agent-replay', 'nats-server', v, 'nats-server'), '');
  }
  mkdirSync(path.join(dir, 'agent-replay', 'nats-server', '2.99.0'), { recursive: true }); // still building: no binary
  mkdirSync(path.join(dir, 'agent-replay', 'natscli', '0.5.0'), { recursive: true });
  writeFileSync(path.join(dir, 'agent-replay', 'natscli', '0.5.0', 'nats'), '');
  return dir;
}

describe('tool binaries', () => {
  it('orders versions numerically, not as text', () => {
    expect(['2.9.10', '2.15.3', '2.11.17', '2.12.5'].sort(compareVersions)).toEqual([
      '2.9.10',
      '2.11.17',
      '2.12.5',
      '2.15.3',
    ]);
    expect(compareVersions('2.12.0-beta', '2.12.0')).toBe(0);
  });

  it('takes the newest built nats-server from the cache, and an env var first', () => {
    const dir = fakeCache();
    try {
      delete process.env.NATS_NEWEST_SERVER_BIN;
      process.env.XDG_CACHE_HOME = dir;
      expect(newestNatsServerBin()).toBe(
        path.join(dir, 'agent-replay', 'nats-server', '2.15.3', 'nats-server'),
      );
      expect(natsCliBin()).toBe(path.join(dir, 'agent-replay', 'natscli', '0.5.0', 'nats'));
      process.env.NATS_NEWEST_SERVER_BIN = path.join(dir, 'missing');
      expect(newestNatsServerBin()).toBeNull();
      process.env.NATS_CLI_BIN = path.join(dir, 'agent-replay', 'natscli', '0.5.0', 'nats');
      expect(natsCliBin()).toBe(process.env.NATS_CLI_BIN);
      process.env.NATS_CLI_BIN = path.join(dir, 'nope');
      expect(natsCliBin()).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
