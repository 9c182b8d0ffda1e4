/**
 * Finds free TCP ports on loopback for listeners started a moment later (`next start`, the
 * cluster's route ports).
 *
 * Such a port is free only until someone binds it, and every nats-server started with port -1
 * binds ports the kernel picks from its ephemeral range. A port taken from that range, checked
 * and released, can be handed straight to the next of those: seen in a full run, a cluster
 * node's WebSocket listener got the route port reserved for it, and the node failed with
 * "Error listening on router port: … address already in use". So these ports come from below
 * the ephemeral range, which the kernel never hands out by itself.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** Linux's default ephemeral range (also outside macOS's and Windows' 49152–65535). */
const DEFAULT_EPHEMERAL: [number, number] = [32768, 60999];
/** The lowest port handed out here: above the well-known and most registered service ports. */
const LOWEST = 10_000;

/** Parses /proc/sys/net/ipv4/ip_local_port_range ("32768\t60999"); null when unreadable. */
export function parsePortRange(text: string): [number, number] | null {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(text);
  if (!m) return null;
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  return lo >= 1 && hi <= 65535 && lo <= hi ? [lo, hi] : null;
}

/** The kernel's ephemeral port range. */
export function ephemeralRange(): [number, number] {
  try {
    return (
      parsePortRange(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')) ??
      DEFAULT_EPHEMERAL
    );
  } catch {
    return DEFAULT_EPHEMERAL;
  }
}

/**
 * The range to pick reserved ports from: below the ephemeral range, or above it when the room
 * below is small; null when neither side has 1,000 ports (then the kernel picks).
 */
export function reservableRange([lo, hi]: [number, number]): [number, number] | null {
  if (lo - 1 - LOWEST >= 1000) return [LOWEST, lo - 1];
  if (65535 - (hi + 1) >= 1000) return [hi + 1, 65535];
  return null;
}

/** True when something already listens on host:port. */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(true));
    s.listen(port, host, () => s.close(() => resolve(false)));
  });
}

/** A port the kernel picked that was free a moment ago (from its ephemeral range). */
function kernelPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** A free port outside the ephemeral range (see above), to be bound by a listener started next. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const range = reservableRange(ephemeralRange());
  if (range) {
    const [lo, hi] = range;
    for (let i = 0; i < 50; i++) {
      const port = lo + Math.floor(Math.random() * (hi - lo + 1));
      if (!(await portInUse(port, host))) return port;
    }
  }
  return kernelPort(host);
}
