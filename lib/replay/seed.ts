/**
 * The state when a replay's range began ("before the range"): each agent's last status and
 * each open task's events before the range's first sequence, so agents online all day do not
 * show "no status yet" at the start of a range. Read once per range:
 * - nats-server 2.11+ with allow_direct: DIRECT.GET `multi_last` with `up_to_seq`, one request
 *   per family (statuses, tasks); the last message of every subject as of the sequence.
 *   The server answers at most 1,024 subjects (413 beyond): then that family is read as below.
 * - otherwise: a bounded backward read, the SEED_WINDOW sequences before the range with the
 *   family's subject filter (bulkRead: an ordered consumer, or gets on a work-queue stream).
 * The state at any point of the replay is then the fold of this seeded state plus every event
 * of the range up to the point (snapshots.ts), so diffs between points stay exact. Read-only.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { capabilitiesOf } from '@/lib/nats/capabilities';
import { subjectMatches } from '@/lib/nats/subjects';
import { lastPerSubject } from '@/lib/browse/batch-get';
import { bulkRead } from '@/lib/browse/bulk-read';
import { modeInfo } from '@/lib/browse/read-mode';
import type { StreamMessage } from '@/lib/stream/reader';
import type { ReplayEvent } from './event';
import { isSubjectToken, type ReplaySpec } from './scope';
import { emptyState, foldInto, type ProjectionState } from './projection';

/** Sequences looked back over where multi_last is not available (or matches too many subjects). */
export const SEED_WINDOW = 20_000;
/** The subject families whose last events make the state. */
export const SEED_FILTERS = ['agent.status.>', 'agent.task.>'] as const;

/** How the state before the range was read. */
export type SeedSource = 'multi_last' | 'window' | 'mixed' | 'file';

export type ReplaySeed = {
  /** The last sequence before the range (0: the range starts at the stream's start). */
  upTo: number;
  /** The events folded into `state`, in stream order (what an export carries). */
  events: ReplayEvent[];
  /** The fold of `events`: every agent's last status, tasks still open at `upTo`. */
  state: ProjectionState;
  source: SeedSource;
  /** Window reads: the first sequence looked at (older statuses are not known). */
  from: number | null;
  /** Why the state could not be read (state then empty). */
  error: string | null;
};

/**
 * The seeded state from the events before the range (pure): their fold, without the tasks
 * already finished (history, not state), no message counts, `applied` 0 (only range events
 * count), `seq` = upTo.
 */
export function seedState(events: readonly ReplayEvent[], upTo: number): ProjectionState {
  const s = foldInto(emptyState(), events, 0, events.length);
  for (const [id, t] of s.tasks)
    if (t.state === 'completed' || t.state === 'failed') s.tasks.delete(id);
  s.byType.clear();
  s.seq = upTo;
  s.applied = 0;
  return s;
}

/** A ReplaySeed of events already read (stream order, scope applied by the caller). */
export function makeSeed(
  events: ReplayEvent[],
  upTo: number,
  source: SeedSource,
  from: number | null = null,
  error: string | null = null,
): ReplaySeed {
  return { upTo, events, state: seedState(events, upTo), source, from, error };
}

/**
 * The families a replay of `spec` needs (pure): a task's replay keeps only that task's events
 * (scopeMatcher), so its task family is that task's subjects alone rather than every task's
 * (a few subjects instead of up to 1,024, past which multi_last is refused and the window
 * read is taken); statuses carry their task in the payload only, so they stay whole.
 */
export function seedFilters(spec: Pick<ReplaySpec, 'task'>): string[] {
  return spec.task && isSubjectToken(spec.task)
    ? ['agent.status.>', `agent.task.${spec.task}.>`]
    : [...SEED_FILTERS];
}

export type SeedMessages = { msgs: StreamMessage[]; source: SeedSource; from: number | null };

/** Reads the messages of the state before sequence `upTo + 1` (see the module comment). */
export async function readSeedMessages(
  js: JetStreamClient,
  stream: string,
  upTo: number,
  signal?: AbortSignal,
  filters: readonly string[] = SEED_FILTERS,
): Promise<SeedMessages> {
  if (upTo < 1) return { msgs: [], source: 'window', from: null };
  // Asked at once: a replay is loaded only with its seed (on a cold 500-event task replay the
  // two families one after the other took ~140 ms, longer than the range's own read).
  const [caps, info] = await Promise.all([capabilitiesOf(js), modeInfo(js, stream)]);
  const direct = caps.multiLast && info?.config.allow_direct === true;
  const from = Math.max(1, upTo - SEED_WINDOW + 1);
  let viaLast = 0;
  const family = async (filter: string): Promise<StreamMessage[]> => {
    if (direct) {
      try {
        const msgs = await lastPerSubject(js, stream, caps, [filter], upTo);
        viaLast++;
        return msgs;
      } catch {
        // 413 (more than 1,024 subjects) or another refusal: the bounded read below.
      }
    }
    const got: StreamMessage[] = [];
    await bulkRead(js, stream, {
      start: from,
      end: upTo,
      filter,
      batchSize: 5_000,
      signal,
      onBatch: (b) => {
        for (const m of b) got.push(m);
      },
    });
    return got;
  };
  // The families in parallel (each its own request or consumer), merged in stream order.
  const out = (await Promise.all(filters.map(family))).flat();
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  out.sort((a, b) => a.seq - b.seq);
  const source = viaLast === filters.length ? 'multi_last' : viaLast === 0 ? 'window' : 'mixed';
  return { msgs: out, source, from: source === 'multi_last' ? null : from };
}

/** Whether a seed message belongs to a replay limited to `filter` (the server's filter for the range). */
export function inFilter(filter: string | null | undefined, subject: string): boolean {
  return !filter || subjectMatches(filter, subject);
}

/** Reads the state before the range; the reader behind it (tab or worker) is the caller's. */
export type SeedReader = (
  upTo: number,
  signal?: AbortSignal,
  filters?: readonly string[],
) => Promise<SeedMessages>;
