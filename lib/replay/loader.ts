/**
 * Loads a replay range from the stream into a ReplayData with one ordered consumer: each read
 * batch decoded once into columns and the kept messages' bytes (decoded.ts), the store
 * updated once per batch. Scopes:
 * - filter: the server filters (one subject filter, nats-server 2.9);
 * - task: its lifecycle events (`agent.task.<id>.>`, a tiny read) give the span of sequences
 *   the task lives in; that span (+ TASK_TAIL) is read in full and matched client-side by
 *   task id, because messages and status events carry the task only in their payload;
 * - agent: the range is read in full and matched client-side (sender, recipient, broadcasts,
 *   its status events, tasks assigned to it) — message subjects carry the role, not the id.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { explainNatsError } from '@/lib/nats/errors';
import { readRange, type ReadOptions, type ReadResult, type StartAt } from '@/lib/stream/reader';
import { batchText, toReplayEventIn, type ReplayEvent } from './event';
import type { RangeReader } from '@/lib/stream/remote-reader';
import { decodingReader, type DecodedRangeReader } from './decoded';
import { tabRawReader } from '@/lib/stream/handoff';
import { AT_CONTEXT, TASK_TAIL, isSubjectToken, scopeMatcher, type ReplaySpec } from './scope';
import type { ReplayData } from './store';
import type { PayloadSource } from './events';
import { inFilter, makeSeed, readSeedMessages, seedFilters, type SeedReader } from './seed';
import { toReplayEvent } from './event';

/**
 * Messages per pull and at most per batch handed to the page (readRange also hands over what
 * it has every 100 ms): as the search's scan. Larger pulls and batches mean fewer pull
 * requests, worker messages and store notifications per message.
 */
const READ_BATCH = 5000;

export type LoadOptions = {
  signal?: AbortSignal;
  batchSize?: number;
  /**
   * Reads payloads again once they are past the replay's payload budget (events.ts), after
   * the load too (the load's own reader may be gone by then); default: the load's reader.
   */
  payloadReader?: RangeReader;
  /** Reads the state before the range (seed.ts); without it the replay starts from nothing. */
  readSeed?: SeedReader;
};

type Plan = { start: StartAt; endSeq?: number; endMs?: number; filter?: string };

function startOf(spec: ReplaySpec): StartAt {
  if (spec.from?.kind === 'seq') return { kind: 'seq', seq: spec.from.seq };
  if (spec.from?.kind === 'time') return { kind: 'time', time: spec.from.iso };
  if (spec.at !== null) return { kind: 'seq', seq: Math.max(1, spec.at - AT_CONTEXT) };
  return { kind: 'first' };
}

/** Works out the read for a spec (may read the task's lifecycle events first). */
export function planRead(
  js: JetStreamClient,
  stream: string,
  spec: ReplaySpec,
  signal?: AbortSignal,
): Promise<Plan> {
  return planReadWith((o) => readRange(js, stream, o), spec, signal);
}

/** planRead over any RangeReader (the tab's connection or the reader worker). */
export async function planReadWith(
  read: RangeReader,
  spec: ReplaySpec,
  signal?: AbortSignal,
): Promise<Plan> {
  const plan: Plan = { start: startOf(spec), filter: spec.filter ?? undefined };
  if (spec.to?.kind === 'seq') plan.endSeq = spec.to.seq;
  if (spec.to?.kind === 'time') plan.endMs = spec.to.ms;
  if (spec.task && !spec.filter && isSubjectToken(spec.task) && (!spec.from || !spec.to)) {
    let first = 0;
    let last = 0;
    await read({
      // Without `from`, the task's whole life: its lifecycle events are few and the server
      // filters them, so looking from the first message costs little ("Replay from here" on a
      // message of a task gives only `at`, which may be far into the task).
      start: spec.from ? plan.start : { kind: 'first' },
      filter: `agent.task.${spec.task}.>`,
      endSeq: plan.endSeq,
      signal,
      onBatch: (b) => {
        if (!first && b[0]) first = b[0].seq;
        const l = b[b.length - 1];
        if (l) last = l.seq;
      },
    });
    if (first) {
      if (!spec.from)
        plan.start = { kind: 'seq', seq: spec.at !== null ? Math.min(first, spec.at) : first };
      if (!spec.to) plan.endSeq = last + TASK_TAIL;
    }
  }
  return plan;
}

/**
 * Reads the spec's range into `data` on `js`'s connection, as the page's replay reads it
 * (each batch packed, then decoded into columns and bytes: decoded.ts), without the reader
 * worker; resolves (never rejects) when done, aborted or failed.
 */
export function loadReplay(
  js: JetStreamClient,
  stream: string,
  spec: ReplaySpec,
  data: ReplayData,
  opts: LoadOptions = {},
): Promise<void> {
  const readSeed: SeedReader = (upTo, signal, filters) =>
    readSeedMessages(js, stream, upTo, signal, filters);
  return loadReplayRaw(
    (o) => readRange(js, stream, o),
    decodingReader(tabRawReader(() => Promise.resolve(js), stream)),
    stream,
    spec,
    data,
    { readSeed, ...opts },
  );
}

/**
 * loadReplay through a reader of decoded batches (decoded.ts: each RawBatch of the reader
 * worker or the tab's connection decoded once into columns and the kept messages' bytes): the
 * replay keeps no object per event. `read` serves the task scope's small lifecycle read.
 */
export function loadReplayRaw(
  read: RangeReader,
  readDecoded: DecodedRangeReader,
  stream: string,
  spec: ReplaySpec,
  data: ReplayData,
  opts: LoadOptions = {},
): Promise<void> {
  return load(
    read,
    (o, plan, take) =>
      readDecoded({
        ...o,
        decode: { task: spec.task, agent: spec.agent, endMs: plan.endMs },
        onBatch: (b) => take(b.firstSeq, b.pastEnd, () => data.appendDecoded(b)),
      }),
    stream,
    spec,
    data,
    opts,
  );
}

/**
 * Hands one read batch to the load: `firstSeq` (its first message read, 0: none) says where a
 * range from a time begins, `pastEnd` that it read past the range's time end, `append` adds
 * what it kept to the data (not called once the range has ended).
 */
type Take = (firstSeq: number, pastEnd: boolean, append: () => void) => void;
type MainRead = (o: Omit<ReadOptions, 'onBatch'>, plan: Plan, take: Take) => Promise<ReadResult>;

/**
 * Reads sequences fromSeq..toSeq of the range again, with the load's filter and scope match:
 * one ordered read per window of payloads past the budget (and for export and breakpoints).
 */
function payloadSource(
  read: RangeReader,
  filter: string | undefined,
  match: ((e: ReplayEvent) => boolean) | null,
): PayloadSource {
  return async (fromSeq, toSeq, onBatch, signal) => {
    await read({
      start: { kind: 'seq', seq: fromSeq },
      endSeq: toSeq,
      filter,
      batchSize: READ_BATCH,
      signal,
      onBatch: (msgs) => {
        const text = batchText(msgs);
        const out: ReplayEvent[] = [];
        for (const m of msgs) {
          const e = toReplayEventIn(m, text);
          if (!match || match(e)) out.push(e);
        }
        onBatch(out);
      },
    });
  };
}

async function load(
  read: RangeReader,
  main: MainRead,
  stream: string,
  spec: ReplaySpec,
  data: ReplayData,
  opts: LoadOptions,
): Promise<void> {
  const inner = new AbortController();
  const onAbort = () => inner.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const match = scopeMatcher(spec);
  let pastEnd = false;
  // The state before the range, read beside the range once its first sequence is known.
  let seeding: Promise<void> | null = null;
  const seedBefore = (firstSeq: number) => {
    if (seeding || !opts.readSeed) return;
    const upTo = firstSeq - 1;
    seeding = opts
      .readSeed(upTo, inner.signal, seedFilters(spec))
      .then((r) => {
        const events = r.msgs
          .map(toReplayEvent)
          .filter((e) => inFilter(spec.filter, e.subject) && (!match || match(e)));
        data.setSeed(makeSeed(events, upTo, r.source, r.from));
      })
      .catch((e: unknown) => {
        if (!inner.signal.aborted)
          data.setSeed(makeSeed([], upTo, 'window', null, explainNatsError(e, { stream }).message));
      });
  };
  try {
    const plan = await planReadWith(read, spec, inner.signal);
    if (plan.start.kind === 'seq') seedBefore(plan.start.seq);
    data.events.setSource(payloadSource(opts.payloadReader ?? read, plan.filter, match));
    const r = await main(
      {
        start: plan.start,
        filter: plan.filter,
        endSeq: plan.endSeq,
        batchSize: opts.batchSize ?? READ_BATCH,
        signal: inner.signal,
      },
      plan,
      (firstSeq, end, append) => {
        if (pastEnd) return;
        // A range from a time (or the stream's start): its first message says where it begins.
        if (firstSeq > 0) seedBefore(firstSeq);
        append();
        if (end) {
          pastEnd = true;
          inner.abort();
        }
      },
    );
    await seeding;
    // A purge during the load: said plainly (the view's notice), never a quietly shorter replay.
    data.finish({ status: 'done', vanished: r.vanished ?? 0 });
  } catch (e) {
    if (opts.signal?.aborted) data.finish({ status: 'done' });
    else data.finish({ status: 'error', error: explainNatsError(e, { stream }).message });
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
