/**
 * The stats page's reads against JetStream (all read-only): per-subject counts, consumer
 * list, sampled (seq, time) points for the histogram, and the time of a consumer's oldest
 * unfinished message. Framework-free so they are tested against a real nats-server.
 */
import type { ConsumerInfo, JetStreamManager, StreamInfo } from '@nats-io/jetstream';
import { getMessage, getNextMessage, isoMs } from '../stream/reader';
import { oldestUnfinishedSeq } from './consumers';
import { createdAtOfBytes } from '../agents/created-at';
import { sampleSeqs, type SeqTime } from './histogram';

/** Per-subject counts of `stream` (STREAM.INFO subjects_filter; nats.js follows the pages). */
export async function readSubjectCounts(
  jsm: JetStreamManager,
  stream: string,
  filter = '>',
): Promise<Record<string, number>> {
  const info = await jsm.streams.info(stream, { subjects_filter: filter });
  return (info.state.subjects ?? {}) as Record<string, number>;
}

/** Every consumer of `stream` (CONSUMER.LIST, paged), by name. */
export async function listConsumers(
  jsm: JetStreamManager,
  stream: string,
): Promise<ConsumerInfo[]> {
  const out: ConsumerInfo[] = [];
  for await (const c of jsm.consumers.list(stream)) out.push(c);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Times of `k` messages at evenly spaced sequences, plus the first and last from STREAM.INFO,
 * each with its payload's created_at (the agents' clock) when it has one.
 * A deleted sequence is replaced by the next message (direct get next_by_subj) or skipped.
 */
export async function sampleStreamTimes(
  jsm: JetStreamManager,
  info: StreamInfo,
  k = 48,
): Promise<SeqTime[]> {
  const { first_seq, last_seq, messages, first_ts, last_ts } = info.state;
  if (messages === 0) return [];
  const direct = info.config.allow_direct === true;
  const name = info.config.name;
  const inner = sampleSeqs(first_seq, last_seq, k).filter((s) => s !== first_seq && s !== last_seq);
  const get = (seq: number) =>
    (direct ? getNextMessage(jsm, name, seq, '>') : getMessage(jsm, name, seq)).catch(() => null);
  // The first and last messages too: their payloads carry the agents' times (created_at).
  const [first, last, ...got] = await Promise.all([
    get(first_seq),
    last_seq !== first_seq ? get(last_seq) : null,
    ...inner.map(get),
  ]);
  const created = (m: { seq: number; data: Uint8Array } | null | undefined, seq: number) =>
    m && m.seq === seq ? createdAtOfBytes(m.data) : null;
  const pts: SeqTime[] = [
    { seq: first_seq, timeMs: isoMs(first_ts), createdMs: created(first, first_seq) },
  ];
  for (const m of got)
    if (m && m.seq < last_seq)
      pts.push({ seq: m.seq, timeMs: m.timeMs, createdMs: createdAtOfBytes(m.data) });
  if (last_seq !== first_seq)
    pts.push({ seq: last_seq, timeMs: isoMs(last_ts), createdMs: created(last, last_seq) });
  const seen = new Set<number>();
  return pts
    .filter((p) => !seen.has(p.seq) && (seen.add(p.seq), true))
    .sort((a, b) => a.seq - b.seq);
}

/** Where a consumer's oldest unfinished message is looked for (see oldestUnfinishedSeq). */
export type OldestTarget = { stream: string; seq: number; filter: string };

/** What to look up for `info`: ack floor + 1 on its filter; null when it is caught up. */
export function oldestTarget(info: ConsumerInfo): OldestTarget | null {
  const seq = oldestUnfinishedSeq(info);
  if (seq === null) return null;
  return {
    stream: info.stream_name,
    seq,
    filter: info.config.filter_subject || info.config.filter_subjects?.[0] || '>',
  };
}

/**
 * Stream time (epoch ms) of the oldest message a consumer has not finished: the first message
 * at or after `target.seq` matching its filter (without direct get: the message at that seq).
 */
export async function oldestUnfinishedTime(
  jsm: JetStreamManager,
  target: OldestTarget | null,
  direct: boolean,
): Promise<{ seq: number; timeMs: number } | null> {
  if (!target) return null;
  const m = direct
    ? await getNextMessage(jsm, target.stream, target.seq, target.filter)
    : await getMessage(jsm, target.stream, target.seq);
  return m ? { seq: m.seq, timeMs: m.timeMs } : null;
}
