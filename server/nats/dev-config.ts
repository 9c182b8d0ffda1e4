/**
 * Ports and data folder for the long-running development / demo nats-server, from the
 * environment (the seed's NATS_URL plus NATS_WS_URL and NATS_HTTP_PORT). Defaults that are
 * taken by another process are replaced by free ports, and the user is told.
 */
import path from 'node:path';
import { portInUse, freePort } from '../free-port';

export type DevPorts = {
  port: number;
  wsPort: number;
  httpPort: number;
  host: string;
  notes: string[];
};

const DEFAULTS = { port: 4222, wsPort: 9222, httpPort: 8222 };

function portFromUrl(u: string | undefined, what: string): number | undefined {
  if (!u) return undefined;
  try {
    const p = new URL(u).port;
    if (!p) throw new Error('no port');
    return Number(p);
  } catch {
    throw new Error(
      `${what}="${u}" is not a URL with a port (e.g. ${what === 'NATS_URL' ? 'nats://127.0.0.1:4222' : 'ws://127.0.0.1:9222'})`,
    );
  }
}

/** Resolves the dev server's ports: explicit env values are used as given; defaults fall back to free ports. */
export async function resolveDevPorts(env: Record<string, string | undefined>): Promise<DevPorts> {
  const wsList = env.NATS_WS_URL?.split(',')[0]?.trim();
  const explicit = {
    port: portFromUrl(env.NATS_URL?.split(',')[0]?.trim(), 'NATS_URL'),
    wsPort: portFromUrl(wsList, 'NATS_WS_URL'),
    httpPort: env.NATS_HTTP_PORT ? Number(env.NATS_HTTP_PORT) : undefined,
  };
  const notes: string[] = [];
  const out = { host: '127.0.0.1', notes } as DevPorts;
  for (const k of ['port', 'wsPort', 'httpPort'] as const) {
    const given = explicit[k];
    if (given !== undefined) {
      if (!Number.isInteger(given) || given <= 0 || given > 65535)
        throw new Error(`invalid port for ${k}: ${given}`);
      out[k] = given;
      continue;
    }
    const d = DEFAULTS[k];
    if (await portInUse(d)) {
      out[k] = await freePort();
      notes.push(
        `default ${k === 'port' ? 'client' : k === 'wsPort' ? 'WebSocket' : 'monitoring'} port ${d} is busy; using ${out[k]}`,
      );
    } else out[k] = d;
  }
  return out;
}

/** The persistent JetStream store of the dev server (git-ignored). */
export const DEV_STORE_DIR = path.resolve(import.meta.dirname, '..', '..', '.data', 'nats');
