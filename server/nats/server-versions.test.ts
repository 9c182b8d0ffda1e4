import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cachedServerPath,
  defaultServer,
  resolveServer,
  serverVersion,
  versions,
} from '../../scripts/nats-server.mjs';

const saved = { cache: process.env.AGENT_REPLAY_CACHE, bin: process.env.NATS_SERVER_BIN };
// Temporary caches a test made, removed after it.
const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const [k, v] of [
    ['AGENT_REPLAY_CACHE', saved.cache],
    ['NATS_SERVER_BIN', saved.bin],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** A stand-in binary that prints a version the way nats-server does. */
function fakeServer(file: string, version: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\necho "nats-server: v${version}"\n`);
  chmodSync(file, 0o755);
}

describe('the server version matrix', () => {
  const key = (v: string) =>
    v
      .split('.')
      .map((n) => n.padStart(4, '0'))
      .join('.');
  it('runs from the oldest supported line (2.9) to the newest pinned release, in order', () => {
    expect(versions.matrix[0]).toMatch(/^2\.9\./);
    expect(versions.matrix.at(-1)).toBe(versions.newest);
    expect([...versions.matrix].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      versions.matrix,
    );
  });

  it('takes a cached pinned build, and NATS_SERVER_BIN over everything', () => {
    process.env.AGENT_REPLAY_CACHE = mkdtempSync(path.join(tmpdir(), 'ar-cache-'));
    temps.push(process.env.AGENT_REPLAY_CACHE);
    delete process.env.NATS_SERVER_BIN;
    const cached = cachedServerPath(versions.newest);
    fakeServer(cached, versions.newest);
    expect(serverVersion(cached)).toBe(versions.newest);
    expect(resolveServer(versions.newest)).toMatchObject({ bin: cached, version: versions.newest });
    expect(defaultServer()).toMatchObject({ bin: cached });
    const own = path.join(process.env.AGENT_REPLAY_CACHE, 'own', 'nats-server');
    fakeServer(own, '2.14.1');
    process.env.NATS_SERVER_BIN = own;
    expect(defaultServer()).toMatchObject({
      bin: own,
      version: '2.14.1',
      source: 'NATS_SERVER_BIN',
    });
    process.env.NATS_SERVER_BIN = path.join(own, 'missing');
    expect(defaultServer()).toBeNull();
  });
});
