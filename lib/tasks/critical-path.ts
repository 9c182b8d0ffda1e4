/**
 * The critical path of a task: the chain of waits (and work) that covers its time from
 * creation to its end, so the sum of its segments is the task's duration. Where waits overlap,
 * the one that ended last is what held the task up. Pure.
 */
import { eventTime } from '@/lib/replay/event';
import { formatDuration } from '@/lib/format';
import { pairRequests, type Pair } from './latency';
import { attemptAt, type TaskStory } from './story';

export type SegmentKind = 'assign' | 'start' | 'answer' | 'review' | 'blocked' | 'work';

export type Segment = {
  kind: SegmentKind;
  /** The agent waited for (answer, review, start) or working (work); null: nobody in particular. */
  who: string | null;
  fromMs: number;
  toMs: number;
  /** The request this wait was for, when it was one. */
  pair?: Pair;
};

type Wait = Segment;

/** The task's waits: for an assignee, for the assignee to start, blocked, for each reply. */
export function taskWaits(
  story: TaskStory,
  pairs: readonly Pair[] = pairRequests(story.messages).pairs,
): Wait[] {
  const out: Wait[] = [];
  for (const a of story.attempts) {
    if (a.assignedMs !== null)
      out.push({ kind: 'assign', who: null, fromMs: a.waitFromMs, toMs: a.assignedMs });
    if (a.assignedMs !== null && a.startedMs !== null)
      out.push({ kind: 'start', who: a.assignee, fromMs: a.assignedMs, toMs: a.startedMs });
    let blockedAt: number | null = null;
    for (const e of a.events) {
      const t = eventTime(e);
      if (e.event === 'blocked') blockedAt ??= t;
      else if (
        blockedAt !== null &&
        (e.event === 'started' ||
          e.event === 'progress' ||
          e.event === 'completed' ||
          e.event === 'failed')
      ) {
        out.push({ kind: 'blocked', who: null, fromMs: blockedAt, toMs: t });
        blockedAt = null;
      }
    }
  }
  for (const p of pairs) {
    const from = eventTime(p.ask);
    // Unanswered: the wait lasts until its attempt (else the task) ended.
    const to = p.reply ? eventTime(p.reply) : (attemptAt(story, from)?.endMs ?? story.endMs);
    out.push({
      kind: p.ask.type === 'code_review_request' ? 'review' : 'answer',
      who: p.reply?.from ?? p.ask.to,
      fromMs: from,
      toMs: Math.max(from, to),
      pair: p,
    });
  }
  return out;
}

/** The critical path: segments covering [story.startMs, story.endMs] in order. */
export function criticalPath(
  story: TaskStory,
  waits: readonly Wait[] = taskWaits(story),
): Segment[] {
  const start = story.startMs;
  const end = story.endMs;
  const ws = waits
    .filter((w) => w.toMs > w.fromMs && w.toMs > start && w.fromMs < end)
    .sort((a, b) => a.fromMs - b.fromMs || b.toMs - a.toMs);
  const out: Segment[] = [];
  let t = start;
  let i = 0;
  while (t < end) {
    // Of the waits open at t, the one that ends last holds the task up longest.
    let best: Wait | null = null;
    for (const w of ws) {
      if (w.fromMs > t) break;
      if (w.toMs > t && (!best || w.toMs > best.toMs)) best = w;
    }
    if (best) {
      const to = Math.min(best.toMs, end);
      out.push({ ...best, fromMs: t, toMs: to });
      t = to;
      continue;
    }
    while (i < ws.length && (ws[i] as Wait).fromMs <= t) i++;
    const next = Math.min(ws[i]?.fromMs ?? end, end);
    out.push({ kind: 'work', who: attemptAt(story, t)?.assignee ?? null, fromMs: t, toMs: next });
    t = next;
  }
  return out;
}

/** Words for a segment's group: "waiting for Backend developer's answers". */
export function segmentLabel(
  kind: SegmentKind,
  who: string | null,
  names: ReadonlyMap<string, string>,
): string {
  const n = who ? (names.get(who) ?? who) : null;
  switch (kind) {
    case 'assign':
      return 'waiting for an assignee';
    case 'start':
      return n ? `waiting for ${n} to start` : 'waiting for the assignee to start';
    case 'answer':
      return n ? `waiting for ${n}'s answers` : 'waiting for answers';
    case 'review':
      return n ? `waiting for ${n}'s reviews` : 'waiting for reviews';
    case 'blocked':
      return 'blocked';
    case 'work':
      return n ? `${n} working` : 'nobody assigned';
  }
}

export type PathShare = {
  kind: SegmentKind;
  who: string | null;
  label: string;
  ms: number;
  share: number;
};

/** The critical path's time per (kind, agent), largest first. */
export function pathShares(story: TaskStory, path: readonly Segment[]): PathShare[] {
  const total = story.endMs - story.startMs;
  const m = new Map<string, PathShare>();
  for (const s of path) {
    const k = `${s.kind}\u0000${s.who ?? ''}`;
    const had = m.get(k);
    if (had) had.ms += s.toMs - s.fromMs;
    else
      m.set(k, {
        kind: s.kind,
        who: s.who,
        label: segmentLabel(s.kind, s.who, story.names),
        ms: s.toMs - s.fromMs,
        share: 0,
      });
  }
  const out = [...m.values()];
  for (const s of out) s.share = total > 0 ? s.ms / total : 0;
  return out.sort((a, b) => b.ms - a.ms);
}

/**
 * One sentence for the path: its largest wait when waits took at least a quarter of the
 * task ("61 % of the 38m 00s was waiting for Backend developer's answers"), else its largest part.
 */
export function pathSentence(story: TaskStory, path: readonly Segment[]): string {
  const total = story.endMs - story.startMs;
  if (total <= 0 || path.length === 0) return 'The task has no duration yet.';
  const shares = pathShares(story, path);
  const waits = shares.filter((s) => s.kind !== 'work');
  const waited = waits.reduce((a, s) => a + s.ms, 0);
  const top = waited / total >= 0.25 && waits[0] ? waits[0] : shares[0];
  if (!top) return 'The task has no duration yet.';
  return `${Math.round(top.share * 100)} % of the ${formatDuration(total)} was ${top.label}.`;
}
