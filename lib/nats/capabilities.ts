/**
 * What the connected nats-server can do, detected once per connection from its INFO
 * (`version`, `api_lvl` on 2.12+) and `$JS.API.INFO` (`api.level` on 2.11+). Every fast read
 * path asks this record instead of trying and failing: 2.10+ consumers with several filter
 * subjects, 2.11+ batch direct get (`batch`, `max_bytes`, `multi_last` + `up_to_seq`).
 * The 2.9 paths stay for older servers. Pure except `capabilitiesOf` (one request, cached).
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection, ServerInfo } from '@nats-io/nats-core';

export type Capabilities = {
  /** The server's version as it reports it ("2.9.10"); "unknown" when it gave none. */
  version: string;
  /** JetStream API level (2.11+); 0 for older servers, which have none. */
  apiLevel: number;
  /** `filter_subjects` with several subjects on one consumer (2.10+). */
  multiFilter: boolean;
  /** DIRECT.GET with `batch` / `max_bytes`, pending counts on each message (2.11+). */
  batchGet: boolean;
  /** DIRECT.GET `multi_last` with `up_to_seq`: the last message per subject as of a sequence (2.11+). */
  multiLast: boolean;
  /**
   * `Nats-Num-Pending` of a batch get counts the messages after this one (2.12+); 2.11 counts
   * one more (it included the end-of-batch marker).
   */
  exactBatchPending: boolean;
};

/** The parts of a server INFO that matter here (nats.js types `api_lvl` only loosely). */
export type InfoLike = Pick<ServerInfo, 'version'> & { api_lvl?: number; jetstream?: boolean };
/** The part of `$JS.API.INFO` (account info) that matters here. */
export type AccountInfoLike = { api?: { level?: number; total?: number } } | null | undefined;

/** [major, minor, patch] of "2.11.0-beta.1" and the like; zeros for what is not a number. */
export function parseVersion(v: string | undefined): [number, number, number] {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

/** True when version `v` is at least `major.minor`. */
export function atLeast(v: string | undefined, major: number, minor: number): boolean {
  const [a, b] = parseVersion(v);
  return a > major || (a === major && b >= minor);
}

/** The capabilities record from a server's INFO and its `$JS.API.INFO` answer (pure). */
export function capabilitiesFrom(
  info: InfoLike | undefined,
  account?: AccountInfoLike,
): Capabilities {
  const version = info?.version || 'unknown';
  const level = Math.max(Number(info?.api_lvl ?? 0) || 0, Number(account?.api?.level ?? 0) || 0);
  return {
    version,
    apiLevel: level,
    multiFilter: atLeast(version, 2, 10),
    // The API level is the server's own word; the version covers a JS API INFO that failed.
    batchGet: level >= 1 || atLeast(version, 2, 11),
    multiLast: level >= 1 || atLeast(version, 2, 11),
    exactBatchPending: atLeast(version, 2, 12),
  };
}

/** What the 2.9 paths assume: nothing beyond single-filter consumers and single gets. */
export const BASELINE: Capabilities = capabilitiesFrom({ version: '2.9.0' });

/** One line for people: "nats-server 2.12.5 · JetStream API level 2 · batch direct get ✓". */
export function capabilityLine(c: Capabilities): string {
  const parts = [`nats-server ${c.version}`];
  parts.push(
    c.apiLevel > 0 ? `JetStream API level ${c.apiLevel}` : 'JetStream API level – (before 2.11)',
  );
  parts.push(`batch direct get ${c.batchGet ? '✓' : '✗'}`);
  parts.push(`multi-filter consumers ${c.multiFilter ? '✓' : '✗'}`);
  return parts.join(' · ');
}

const cache = new WeakMap<object, Promise<Capabilities>>();

/** The NatsConnection behind a JetStream client (nats.js keeps it as `nc`). */
function connectionOf(js: JetStreamClient): NatsConnection | undefined {
  return (js as unknown as { nc?: NatsConnection }).nc;
}

/**
 * What the server's INFO alone says (no request): enough for the paths that depend on the
 * version only (`multiFilter`), so a first read need not wait for `$JS.API.INFO`. The API
 * level and what follows from it come from capabilitiesOf.
 */
export function infoCapabilities(js: JetStreamClient): Capabilities {
  return capabilitiesFrom(connectionOf(js)?.info as InfoLike | undefined);
}

/**
 * The connected server's capabilities, asked once per connection: `$JS.API.INFO` for the API
 * level (the INFO's version alone where that request fails, e.g. a user without it). A
 * reconnect to another server of a cluster keeps the first answer: clusters are upgraded
 * node by node, so the fast paths ask for what the oldest may be, and 2.9 paths remain safe.
 */
export function capabilitiesOf(js: JetStreamClient): Promise<Capabilities> {
  const nc = connectionOf(js);
  const owner: object = nc ?? js;
  let hit = cache.get(owner);
  if (!hit) {
    hit = (async () => {
      const info = nc?.info as InfoLike | undefined;
      const account = await js
        .jetstreamManager(false)
        .then((jsm) => jsm.getAccountInfo())
        .catch(() => null);
      return capabilitiesFrom(info, account as AccountInfoLike);
    })();
    cache.set(owner, hit);
  }
  return hit;
}

/** Capabilities of a plain connection (the connection card, the connect dialog). */
export async function connectionCapabilities(nc: NatsConnection): Promise<Capabilities> {
  const { jetstream } = await import('@nats-io/jetstream');
  return capabilitiesOf(jetstream(nc));
}
