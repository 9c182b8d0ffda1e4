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
import { advisorySubjects, parseAdvisory, type Advisory } from './advisories';

export type { Advisory, AdvisoryEvent, DeadLetter, DeadLetterKind, MalformedAdvisory } from './advisories';
export { parseAdvisory } from './advisories';

const PREFIX = '$JS.EVENT.ADVISORY.CONSUMER.';

/** Subjects of the dead-letter advisories of every consumer of `stream`. */
export function deadLetterSubjects(stream: string): string[] {
  return [`${PREFIX}MAX_DELIVERIES.${stream}.*`, `${PREFIX}MSG_TERMINATED.${stream}.*`];
}

/** Merges advisories (newest received first), keeping at most `cap`; `sortAdvisories` dedupes and orders them for the view. */
export function mergeAdvisories(a: readonly Advisory[], b: readonly Advisory[], cap: number): Advisory[] {
  return a.length + b.length <= cap ? [...a, ...b] : [...a, ...b].slice(0, cap);
}

/**
 * The dead-letter list's heading: the list holds the latest advisories read (plus live ones),
 * `total` is how many the advisory stream keeps about the stream (null: unknown). Says so when
 * the list shows fewer than are kept, so it does not contradict the overview's count.
 */
export function deadLetterHeading(shown: number, total: number | null): string {
  return total !== null && total > shown ? `Dead letters (latest ${formatCount(shown)} of ${formatCount(total)})` : `Dead letters (${formatCount(shown)})`;
}

export type DeadLetterHistory = { exists: boolean; items: Advisory[]; total: number };

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
  const items: Advisory[] = [];
  await readRange(js, advisoryStream, {
    start: { kind: 'seq', seq: Math.max(first_seq, last_seq - limit + 1) },
    endSeq: last_seq,
    batchSize: 500,
    signal: opts.signal,
    onBatch: (msgs) => {
      for (const m of msgs) {
        const d = parseAdvisory(m.subject, m.data, m.seq);
        // API-limit advisories name no stream: they concern every stream of that server.
        if (d && (d.stream === stream || d.kind === 'api-limit' || m.subject.split('.')[5] === stream)) items.push(d);
      }
    },
  });
  return { exists: true, items: items.reverse(), total: messages };
}

/**
 * Follows the advisories of `stream` (dead letters, consumer pause / pin / unpin, abandoned
 * batches) live with core subscriptions (nothing is stored or acked). Hands them over in
 * batches at most every `flushMs`.
 */
export function watchDeadLetters(
  nc: NatsConnection,
  stream: string,
  onBatch: (items: Advisory[]) => void,
  flushMs = 200,
): { stop(): void } {
  let buf: Advisory[] = [];
  const subs: Subscription[] = advisorySubjects(stream).map((subject) =>
    nc.subscribe(subject, {
      callback: (err, m) => {
        if (err) return;
        // parseAdvisory is written not to throw on any body; should it ever, one forged
        // advisory must not end the live subscription (it is listed as malformed instead).
        try {
          const d = parseAdvisory(m.subject, m.data);
          if (d) buf.push(d);
        } catch (e) {
          const now = Date.now();
          buf.push({ kind: 'malformed', id: `${m.subject}#${now}`, subject: m.subject, stream, consumer: '', timeMs: 0, claims: 'advisory', problems: [`could not be read (${String(e)})`], order: now });
        }
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
