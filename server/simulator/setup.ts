/**
 * Creates (or brings back to the seed's configuration) the `agent-messages` stream, the
 * `agent-processor` durable consumer, and a small stream that keeps the consumer's
 * dead-letter advisories, so "what died and why" has history. Idempotent: running it again
 * changes nothing when everything already matches.
 */
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  jetstreamManager,
  type ConsumerConfig,
  type ConsumerInfo,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { CONSUMER_NAME, STREAM_NAME } from '../../lib/agents/schema';
import { advisoryCaptureSubjects } from '../../lib/stats/advisories';

/** Stream that captures MAX_DELIVERIES and MSG_TERMINATED advisories of the agent stream. */
export const ADVISORY_STREAM = 'agent-advisories';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The seed's stream configuration (plus allow_direct for the browser's direct gets). Without
 * `replicas` the replica count is left to the server (1 on create; an existing R3 stream in a
 * cluster keeps its 3 instead of being scaled down by a setup run).
 */
export function agentStreamConfig(name: string = STREAM_NAME, replicas?: number): StreamConfig {
  return {
    name,
    subjects: ['agent.message.>', 'agent.status.>', 'agent.task.>'],
    retention: RetentionPolicy.Limits,
    max_msgs: 1_000_000,
    max_age: nanos(7 * DAY_MS),
    storage: StorageType.File,
    max_msg_size: 1024 * 1024,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(120_000),
    allow_direct: true,
    ...(replicas === undefined ? {} : { num_replicas: replicas }),
  } as StreamConfig;
}

/** The seed's durable consumer configuration. */
export function agentConsumerConfig(): Partial<ConsumerConfig> {
  return {
    durable_name: CONSUMER_NAME,
    deliver_policy: DeliverPolicy.All,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(30_000),
    max_deliver: 3,
    filter_subject: 'agent.>',
    replay_policy: ReplayPolicy.Instant,
  };
}

/** The advisory stream's configuration for the advisories of `stream`. */
export function advisoryStreamConfig(stream: string = STREAM_NAME): StreamConfig {
  return {
    name: ADVISORY_STREAM,
    // Dead letters, plus the consumer pause / pin / unpin and abandoned-batch advisories of
    // newer servers (older ones never publish those; capturing them costs nothing).
    subjects: advisoryCaptureSubjects(stream),
    retention: RetentionPolicy.Limits,
    max_msgs: 100_000,
    max_age: nanos(7 * DAY_MS),
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
  } as StreamConfig;
}

function isNotFound(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Keys of `want` whose value differs from `have` (arrays compared in order). */
function differingKeys(want: object, have: object): string[] {
  const h = have as Record<string, unknown>;
  return Object.entries(want)
    .filter(([k, v]) => !sameValue(v, h[k]))
    .map(([k]) => k);
}

async function ensureStreamConfig(jsm: JetStreamManager, cfg: StreamConfig): Promise<StreamInfo> {
  let info: StreamInfo;
  try {
    info = await jsm.streams.info(cfg.name);
  } catch (err) {
    if (!isNotFound(err, JetStreamApiCodes.StreamNotFound)) throw err;
    return jsm.streams.add(cfg);
  }
  // Only update when something drifted: an update is a write to the meta layer.
  if (differingKeys(cfg, info.config).length === 0) return info;
  const { name: _name, storage: _storage, ...updatable } = cfg;
  return jsm.streams.update(cfg.name, updatable);
}

/** Creates or updates the agent stream with exactly the seed's configuration. */
export async function ensureStream(
  jsm: JetStreamManager,
  opts: { name?: string; replicas?: number } = {},
): Promise<StreamInfo> {
  return ensureStreamConfig(jsm, agentStreamConfig(opts.name, opts.replicas));
}

/** Creates or updates the `agent-processor` durable consumer per the seed. */
export async function ensureConsumer(
  jsm: JetStreamManager,
  opts: { stream?: string } = {},
): Promise<ConsumerInfo> {
  const stream = opts.stream ?? STREAM_NAME;
  const cfg = agentConsumerConfig();
  let info: ConsumerInfo;
  try {
    info = await jsm.consumers.info(stream, CONSUMER_NAME);
  } catch (err) {
    if (!isNotFound(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
    return jsm.consumers.add(stream, cfg);
  }
  const drift = differingKeys(cfg, info.config);
  if (drift.length === 0) return info;
  // deliver_policy and replay_policy cannot change on a live consumer; recreate it then
  // (its position is lost, which is what "deliver all" from the seed means anyway).
  if (drift.some((k) => k === 'deliver_policy' || k === 'replay_policy')) {
    await jsm.consumers.delete(stream, CONSUMER_NAME);
    return jsm.consumers.add(stream, cfg);
  }
  const { ack_wait, max_deliver, filter_subject } = cfg;
  return jsm.consumers.update(stream, CONSUMER_NAME, { ack_wait, max_deliver, filter_subject });
}

/** Creates or updates the stream that keeps dead-letter advisories of `stream`. */
export async function ensureAdvisoryStream(
  jsm: JetStreamManager,
  opts: { stream?: string } = {},
): Promise<StreamInfo> {
  return ensureStreamConfig(jsm, advisoryStreamConfig(opts.stream));
}

export type SetupResult = { stream: StreamInfo; consumer: ConsumerInfo; advisories: StreamInfo };

/** Runs the three ensure steps: stream, consumer, advisory stream. */
export async function setupAll(
  nc: NatsConnection,
  opts: { name?: string; replicas?: number } = {},
): Promise<SetupResult> {
  const jsm = await jetstreamManager(nc);
  const stream = await ensureStream(jsm, opts);
  const consumer = await ensureConsumer(jsm, { stream: stream.config.name });
  const advisories = await ensureAdvisoryStream(jsm, { stream: stream.config.name });
  return { stream, consumer, advisories };
}
