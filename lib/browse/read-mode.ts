/**
 * How a stream can be read for a given filter: through an ephemeral consumer (the fast path),
 * or by message get where a consumer can't read. Decided before any consumer is made, from
 * STREAM.INFO (cached briefly per connection and stream), and corrected from the server's
 * refusal when a consumer is made anyway (remembered per stream + filter):
 *
 * - work-queue retention: never a consumer. nats-server refuses an ack-none pull consumer
 *   there ("consumer in pull mode requires ack policy") and an ack-explicit one would compete
 *   with the real workers (and delete what it acks); every read is by message get.
 * - a filter that is not within one stream subject (`agent.*.*.*` on `agent.status.>`, …):
 *   nats-server 2.9 refuses it as a consumer filter ("not a valid subset"). Pages read it by
 *   get with next_by_subj; bulk reads (scan, export) read unfiltered and match the subject here.
 * - a filter that overlaps none of the stream's subjects: nothing can match, an empty read.
 * - no permission to create consumers (but to get messages): by get, learnt from the refusal.
 * On nats-server 2.10+ (capabilities.ts) a filter spanning several stream subjects is split
 * into one per subject (`agent.*.*.*` → `agent.message.*.*`, …) for one consumer with
 * `filter_subjects`; where it is still read by get, 2.11+ reads by batch (batch-get.ts).
 */
import type { JetStreamClient, StreamInfo } from '@nats-io/jetstream';
import { filterFit, narrowing, validateSubjectFilter, type FilterFit } from '@/lib/nats/subjects';
import { jetStreamApiError, permissionViolation } from '@/lib/nats/errors';
import { infoCapabilities } from '@/lib/nats/capabilities';
import { splitAcross } from './pushdown';

export type ReadMode =
  /**
   * A consumer may read (with the filter, if any); `filters` (2.10+) is a filter spanning
   * several stream subjects split into one per subject, read as `filter_subjects`.
   */
  | { kind: 'consumer'; filters?: string[] }
  /** A consumer may read the stream, but not with this filter: read unfiltered, match here. */
  | { kind: 'unfiltered' }
  /** Read by message get: `direct` = DIRECT.GET (allow_direct), else STREAM.MSG.GET. */
  | { kind: 'get'; direct: boolean }
  /** The filter matches nothing the stream can hold. */
  | { kind: 'empty' };

/** How long a stream's info is reused for choosing a mode (subjects are rarely edited). */
const INFO_TTL_MS = 15_000;

type Cached = { at: number; info: Promise<StreamInfo | null> };
const infos = new WeakMap<object, Map<string, Cached>>();
/** Stream + filter pairs whose consumer the server refused (per connection). */
const refused = new WeakMap<object, Set<string>>();

const key = (stream: string, filter?: string) => `${stream}\u0000${narrowing(filter) ?? ''}`;

/** This connection's cached infos by stream. */
function infosOf(js: JetStreamClient): Map<string, Cached> {
  let m = infos.get(js);
  if (!m) infos.set(js, (m = new Map()));
  return m;
}

/** STREAM.INFO for choosing a mode, reused for INFO_TTL_MS; null when it can't be read. */
export function modeInfo(js: JetStreamClient, stream: string): Promise<StreamInfo | null> {
  const hit = infosOf(js).get(stream);
  if (hit && Date.now() - hit.at < INFO_TTL_MS) return hit.info;
  return freshInfo(js, stream).catch(() => null);
}

/**
 * STREAM.INFO read now (a get read needs the current first and last sequence), kept for the
 * next mode choice. Rejects when it can't be read.
 */
export function freshInfo(js: JetStreamClient, stream: string): Promise<StreamInfo> {
  const info = js.jetstreamManager(false).then((jsm) => jsm.streams.info(stream));
  infosOf(js).set(stream, { at: Date.now(), info: info.catch(() => null) });
  return info;
}

/**
 * The mode from the stream's info alone (pure): `bulk` reads (scan, export) read a
 * partial filter unfiltered through a consumer, pages read it by get.
 */
export function modeFromInfo(
  info: Pick<StreamInfo, 'config'> | null,
  filter: string | undefined,
  o: { bulk: boolean; refused: boolean; multiFilter?: boolean },
): ReadMode {
  const fit: FilterFit = info ? filterFit(info.config.subjects, filter) : 'all';
  if (fit === 'disjoint') return { kind: 'empty' };
  const direct = info?.config.allow_direct === true;
  if (o.refused || info?.config.retention === 'workqueue') return { kind: 'get', direct };
  if (fit === 'partial' && o.multiFilter && info && filter)
    return { kind: 'consumer', filters: splitAcross(info.config.subjects, filter) };
  if (fit === 'partial') return o.bulk ? { kind: 'unfiltered' } : { kind: 'get', direct };
  return { kind: 'consumer' };
}

/** How to read `stream` with `filter` on this connection (see the module comment). */
export async function readMode(
  js: JetStreamClient,
  stream: string,
  filter: string | undefined,
  bulk: boolean,
): Promise<ReadMode> {
  filter = narrowing(filter);
  // An invalid filter goes the consumer way, whose validation explains it (InvalidReadError).
  if (filter && !validateSubjectFilter(filter).ok) return { kind: 'consumer' };
  const info = await modeInfo(js, stream);
  const r = refused.get(js)?.has(key(stream, filter)) === true;
  // multiFilter follows from the version in the server's INFO: no `$JS.API.INFO` round trip
  // on a page's first read.
  const { multiFilter } = infoCapabilities(js);
  return modeFromInfo(info, filter, { bulk, refused: r, multiFilter });
}

/**
 * True for the server's refusals of a read-only consumer that a message get can work
 * around: work-queue rules, a filter that is not a subset of the stream's subjects, no
 * permission to create consumers.
 */
export function isConsumerRefusal(e: unknown): boolean {
  const code = jetStreamApiError(e)?.code;
  return (
    permissionViolation(e) !== undefined || (code !== undefined && CONSUMER_REFUSALS.has(code))
  );
}

/**
 * The API's err_codes for a consumer a message get can stand in for: pull requires an ack policy
 * (10084), filter not a subset (10093), work queue: explicit ack (10098), multiple unfiltered
 * (10099), filter not unique (10100), not deliver-all (10101).
 */
const CONSUMER_REFUSALS = new Set([10084, 10093, 10098, 10099, 10100, 10101]);

/** Remembers that a consumer for `stream` + `filter` was refused here: read by get from now on. */
export function rememberRefusal(
  js: JetStreamClient,
  stream: string,
  filter: string | undefined,
): void {
  let s = refused.get(js);
  if (!s) refused.set(js, (s = new Set()));
  s.add(key(stream, filter));
  // The refusal may come from subjects edited since the info was read.
  infos.get(js)?.delete(stream);
}
