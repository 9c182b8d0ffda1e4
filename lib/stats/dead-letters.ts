/**
 * Dead letters from JetStream advisories: a message that reached a consumer's max_deliver
 * (MAX_DELIVERIES) or that a worker terminated (MSG_TERMINATED, AckTerm). Live through a
 * plain core subscription (read-only), history from the advisory stream when one exists.
 */
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { readRange } from '../stream/reader';
import { formatCount } from '../format';
import { isStreamNotFound } from '../nats/errors';

export type DeadLetterKind = 'max-deliveries' | 'terminated';

export type DeadLetter = {
  /** The advisory's id (unique; dedupes live and history). */
  id: string;
  kind: DeadLetterKind;
  stream: string;
  consumer: string;
  /** Sequence of the original message in `stream`. */
  streamSeq: number;
  deliveries: number;
  /** Epoch ms of the advisory. */
  timeMs: number;
  reason?: string;
  /** Sequence of the advisory in the advisory stream (history only). */
  advisorySeq?: number;
};

const PREFIX = '$JS.EVENT.ADVISORY.CONSUMER.';

/** Subjects of the dead-letter advisories of every consumer of `stream`. */
export function deadLetterSubjects(stream: string): string[] {
  return [`${PREFIX}MAX_DELIVERIES.${stream}.*`, `${PREFIX}MSG_TERMINATED.${stream}.*`];
}

/** Parses one advisory; null when it is not a dead-letter advisory or is malformed. */
export function parseAdvisory(subject: string, data: Uint8Array | string, advisorySeq?: number): DeadLetter | null {
  const kind: DeadLetterKind | null = subject.startsWith(`${PREFIX}MAX_DELIVERIES.`)
    ? 'max-deliveries'
    : subject.startsWith(`${PREFIX}MSG_TERMINATED.`)
      ? 'terminated'
      : null;
  if (!kind) return null;
  let a: Record<string, unknown>;
  try {
    a = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data)) as Record<string, unknown>;
  } catch {
    return null;
  }
  const seq = Number(a.stream_seq);
  if (!Number.isFinite(seq) || seq <= 0 || typeof a.stream !== 'string') return null;
  const t = typeof a.timestamp === 'string' ? Date.parse(a.timestamp) : NaN;
  const d: DeadLetter = {
    id: typeof a.id === 'string' && a.id ? a.id : `${subject}#${seq}#${String(a.timestamp)}`,
    kind,
    stream: a.stream,
    consumer: typeof a.consumer === 'string' ? a.consumer : '',
    streamSeq: seq,
    deliveries: Number(a.deliveries) || 0,
    timeMs: Number.isFinite(t) ? t : 0,
  };
  if (typeof a.reason === 'string' && a.reason) d.reason = a.reason;
  if (advisorySeq !== undefined) d.advisorySeq = advisorySeq;
  return d;
}

/** Merges dead letters (newest first), dropping duplicates by id, keeping at most `cap`. */
export function mergeDeadLetters(a: readonly DeadLetter[], b: readonly DeadLetter[], cap: number): DeadLetter[] {
  const seen = new Map<string, DeadLetter>();
  for (const d of [...a, ...b]) if (!seen.has(d.id)) seen.set(d.id, d);
  return [...seen.values()].sort((x, y) => y.timeMs - x.timeMs || y.streamSeq - x.streamSeq).slice(0, cap);
}

/**
 * The dead-letter list's heading: the list holds the latest advisories read (plus live ones),
 * `total` is how many the advisory stream keeps about the stream (null: unknown). Says so when
 * the list shows fewer than are kept, so it does not contradict the overview's count.
 */
export function deadLetterHeading(shown: number, total: number | null): string {
  return total !== null && total > shown ? `Dead letters (latest ${formatCount(shown)} of ${formatCount(total)})` : `Dead letters (${formatCount(shown)})`;
}

export type DeadLetterHistory = { exists: boolean; items: DeadLetter[]; total: number };

/**
 * The last `limit` advisories kept in `advisoryStream` that concern `stream`. `exists` is
 * false when there is no such stream (the page says so instead of failing).
 */
export async function readDeadLetterHistory(
  js: JetStreamClient,
  jsm: JetStreamManager,
  advisoryStream: string,
  stream: string,
  opts: { limit?: number; signal?: AbortSignal } = {},
): Promise<DeadLetterHistory> {
  let info;
  try {
    info = await jsm.streams.info(advisoryStream);
  } catch (e) {
    if (isStreamNotFound(e)) {
      return { exists: false, items: [], total: 0 };
    }
    throw e;
  }
  const { messages, last_seq, first_seq } = info.state;
  if (messages === 0) return { exists: true, items: [], total: 0 };
  const limit = opts.limit ?? 500;
  const items: DeadLetter[] = [];
  await readRange(js, advisoryStream, {
    start: { kind: 'seq', seq: Math.max(first_seq, last_seq - limit + 1) },
    endSeq: last_seq,
    batchSize: 500,
    signal: opts.signal,
    onBatch: (msgs) => {
      for (const m of msgs) {
        const d = parseAdvisory(m.subject, m.data, m.seq);
        if (d && d.stream === stream) items.push(d);
      }
    },
  });
  return { exists: true, items: mergeDeadLetters(items, [], limit), total: messages };
}

/**
 * Follows dead-letter advisories of `stream` live with core subscriptions (nothing is stored
 * or acked). Hands them over in batches at most every `flushMs`.
 */
export function watchDeadLetters(
  nc: NatsConnection,
  stream: string,
  onBatch: (items: DeadLetter[]) => void,
  flushMs = 200,
): { stop(): void } {
  let buf: DeadLetter[] = [];
  const subs: Subscription[] = deadLetterSubjects(stream).map((subject) =>
    nc.subscribe(subject, {
      callback: (err, m) => {
        if (err) return;
        const d = parseAdvisory(m.subject, m.data);
        if (d) buf.push(d);
      },
    }),
  );
  const timer = setInterval(() => {
    if (buf.length === 0) return;
    const out = buf;
    buf = [];
    onBatch(out);
  }, flushMs);
  return {
    stop() {
      clearInterval(timer);
      for (const s of subs) s.unsubscribe();
    },
  };
}
