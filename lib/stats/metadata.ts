/**
 * Stream and consumer `metadata` as the user set it. Newer servers (2.11+) add their own
 * `_nats.*` keys (`_nats.ver`, `_nats.level`, `_nats.req.level`) to every asset's metadata;
 * those describe the server, not the user's configuration, so config views hide them.
 */

/** The reserved prefix of server-written metadata keys. */
export const SERVER_METADATA_PREFIX = '_nats.';

/** User metadata entries sorted by key, without the server's `_nats.*` keys. */
export function userMetadata(
  metadata: Record<string, string> | null | undefined,
): [string, string][] {
  if (!metadata || typeof metadata !== 'object') return [];
  return Object.entries(metadata)
    .filter(([k]) => !k.startsWith(SERVER_METADATA_PREFIX))
    .map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : String(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One line for a config table: `k=v, k2=v2`, or "—" when the user set none. */
export function formatUserMetadata(metadata: Record<string, string> | null | undefined): string {
  const entries = userMetadata(metadata);
  return entries.length === 0 ? '—' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}
