/**
 * Dead letters from JetStream advisories: a message that reached a consumer's max_deliver
 * (MAX_DELIVERIES) or that a worker terminated (MSG_TERMINATED, AckTerm). Live through a
 * plain core subscription (read-only), history from the advisory stream when one exists.
 */
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { getMessage, readRange } from '../stream/reader';
import { toRow, type Row } from '../browse/rows';
import { formatCount } from '../format';
import { isStreamNotFound } from '../nats/errors';
import { advisorySubjects, parseAdvisory, type Advisory } from './advisories';

export type {
  Advisory,
  AdvisoryEvent,
  DeadLetter,
  DeadLetterKind,
  MalformedAdvisory,
} from './advisories';
export { parseAdvisory } from './advisories';

const PREFIX = '$JS.EVENT.ADVISORY.CONSUMER.';

/** Subjects of the dead-letter advisories of every consumer of `stream`. */
export function deadLetterSubjects(stream: string): string[] {
  return [`${PREFIX}MAX_DELIVERIES.${stream}.*`, `${PREFIX}MSG_TERMINATED.${stream}.*`];
}

/** Merges advisories (newest received first), keeping at most `cap`; `sortAdvisories` dedupes and orders them for the view. */
export function mergeAdvisories(
  a: readonly Advisory[],
  b: readonly Advisory[],
  cap: number,
): Advisory[] {
  return a.length + b.length <= cap ? [...a, ...b] : [...a, ...b].slice(0, cap);
}

/**
 * The dead-letter list's heading: the list holds the latest advisories read (plus live ones),
 * `total` is how many the advisory stream keeps about the stream (null: unknown). Says so when
 * the list shows fewer than are kept, so it does not contradict the overview's count.
 */
export function deadLetterHeading(shown: number, total: number | null): string {
  return total !== null && total > shown
    ? `Dead letters (latest ${formatCount(shown)} of ${formatCount(total)})`
    : `Dead letters (${formatCount(shown)})`;
}

export type DeadLetterHistory = {
  exists: boolean;
  items: Advisory[];
  /** Messages the advisory stream holds (every stream's advisories, every kind). */
  total: number;
  /** Dead-letter advisories about the stream that were read (all of them, newest `maxDeadLetters`). */
  deadLetters: number;
};

/**
 * The advisories kept in `advisoryStream` that concern `stream`: the last `limit` of any kind
 * (pauses, pins, malformed ones…) and, read apart on their own subjects, every dead letter (the
 * newest `maxDeadLetters`): a window over the whole advisory stream held only some of them, so
 * the list and the stream's per-subject count disagreed. `exists` is false when there is no
 * such stream (the page says so instead of failing).
 */
export async function readDeadLetterHistory(
  js: JetStreamClient,
  jsm: JetStreamManager,
  advisoryStream: string,
  stream: string,
  opts: { limit?: number; maxDeadLetters?: number; signal?: AbortSignal } = {},
): Promise<DeadLetterHistory> {
  let info;
  try {
    info = await jsm.streams.info(advisoryStream);
  } catch (e) {
    if (isStreamNotFound(e)) {
      return { exists: false, items: [], total: 0, deadLetters: 0 };
    }
    throw e;
  }
  const { messages, last_seq, first_seq } = info.state;
  if (messages === 0) return { exists: true, items: [], total: 0, deadLetters: 0 };
  const limit = opts.limit ?? 500;
  const maxDead = opts.maxDeadLetters ?? 2000;
  const items: Advisory[] = [];
  const windowStart = Math.max(first_seq, last_seq - limit + 1);
  await readRange(js, advisoryStream, {
    start: { kind: 'seq', seq: windowStart },
    endSeq: last_seq,
    batchSize: 500,
    signal: opts.signal,
    onBatch: (msgs) => {
      for (const m of msgs) {
        const d = parseAdvisory(m.subject, m.data, m.seq);
        // API-limit advisories name no stream: they concern every stream of that server.
        if (
          d &&
          (d.stream === stream || d.kind === 'api-limit' || m.subject.split('.')[5] === stream)
        )
          items.push(d);
      }
    },
  });
  // Dead letters before the window, one filtered read per subject (one filter each: 2.9 has no
  // multi-filter consumers); those inside the window were read above.
  const dead: Advisory[] = [];
  if (windowStart > first_seq) {
    for (const filter of deadLetterSubjects(stream)) {
      await readRange(js, advisoryStream, {
        start: { kind: 'seq', seq: first_seq },
        endSeq: windowStart - 1,
        filter,
        batchSize: 1000,
        signal: opts.signal,
        onBatch: (msgs) => {
          for (const m of msgs) {
            const d = parseAdvisory(m.subject, m.data, m.seq);
            if (d) dead.push(d);
          }
          // Only the newest are kept (sorted by sequence below); the rest are counted.
          if (dead.length > 2 * maxDead) {
            dead.sort((a, b) => (a.advisorySeq ?? 0) - (b.advisorySeq ?? 0));
            dead.splice(0, dead.length - maxDead);
          }
        },
      });
    }
  }
  dead.sort((a, b) => (a.advisorySeq ?? 0) - (b.advisorySeq ?? 0));
  const all = [...dead.slice(-maxDead), ...items];
  const deadLetters = all.filter(
    (a) => a.kind === 'max-deliveries' || a.kind === 'terminated',
  ).length;
  return { exists: true, items: all.reverse(), total: messages, deadLetters };
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
          buf.push({
            kind: 'malformed',
            id: `${m.subject}#${now}`,
            subject: m.subject,
            stream,
            consumer: '',
            timeMs: 0,
            claims: 'advisory',
            problems: [`could not be read (${String(e)})`],
            order: now,
          });
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

/**
 * The originals of dead letters as the message table's rows (null: no longer in the stream),
 * `concurrency` gets at a time: what grouping by subject and type needs. A few hundred direct
 * gets; a failed get counts as unknown (left out), not as gone.
 */
export async function readOriginalRows(
  jsm: JetStreamManager,
  stream: string,
  seqs: readonly number[],
  opts: { direct: boolean; concurrency?: number },
): Promise<Map<number, Row | null>> {
  const out = new Map<number, Row | null>();
  const todo = [...new Set(seqs)];
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const seq = todo[next++]!;
      try {
        const m = await getMessage(jsm, stream, seq, { direct: opts.direct });
        out.set(seq, m ? toRow(m) : null);
      } catch {
        // unknown: the group shows it apart
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, worker));
  return out;
}
