/**
 * All tasks: one row per task from its lifecycle events (a subject-filtered read of
 * `agent.task.>`), then enriched with request → reply latencies as a scan of the messages
 * proceeds; and the figures above the table (duration percentiles by outcome, failure rate,
 * slowest responders). Pure.
 */
import type { MessageEvent, TaskEvent } from '@/lib/replay/event';
import { Pairer } from './latency';
import { buildStory, type Outcome } from './story';

export type TaskRow = {
  id: string;
  title: string | null;
  outcome: Outcome;
  attempts: number;
  startMs: number;
  endMs: number;
  durationMs: number;
  /** Agent ids: assignees, then (after enrichment) everyone who spoke in it. */
  agents: string[];
  firstSeq: number;
  lastSeq: number;
  /** Slowest request → reply in the task (after enrichment), ms; null: none seen. */
  slowestMs: number | null;
  /** Who the slowest reply came from. */
  slowestWho: string | null;
};

/** Groups lifecycle events by task and builds a row per task, in order of first appearance. */
export function buildRows(events: readonly TaskEvent[]): TaskRow[] {
  const by = new Map<string, TaskEvent[]>();
  for (const e of events) {
    const l = by.get(e.task);
    if (l) l.push(e);
    else by.set(e.task, [e]);
  }
  const rows: TaskRow[] = [];
  for (const [id, es] of by) {
    const s = buildStory(id, es);
    rows.push({
      id,
      title: s.title,
      outcome: s.outcome,
      attempts: s.attempts.length,
      startMs: s.startMs,
      endMs: s.endMs,
      durationMs: s.endMs - s.startMs,
      agents: s.agents,
      firstSeq: (es[0] as TaskEvent).seq,
      lastSeq: (es[es.length - 1] as TaskEvent).seq,
      slowestMs: null,
      slowestWho: null,
    });
  }
  return rows;
}

/** Latencies per responder, for the "slowest responders" chart. */
export type Responder = { agent: string; name: string; count: number; p50: number; p95: number };

/**
 * Enriches rows from a scan of messages (stream order, in batches): pairs requests and
 * replies, keeps each task's slowest hop and each responder's latencies, adds speakers to
 * the task's agents. Rows are mutated in place; `version` counts the batches taken.
 */
export class Enricher {
  private pairer = new Pairer();
  private byId = new Map<string, TaskRow>();
  private latencies = new Map<string, number[]>();
  private names = new Map<string, string>();
  version = 0;

  constructor(rows: readonly TaskRow[]) {
    for (const r of rows) this.byId.set(r.id, r);
  }

  /** Takes one batch of messages. */
  add(messages: readonly MessageEvent[]): void {
    for (const m of messages) {
      if (m.fromName) this.names.set(m.from, m.fromName);
      if (m.task === null) continue;
      const row = this.byId.get(m.task);
      if (row && !row.agents.includes(m.from)) row.agents.push(m.from);
      const r = this.pairer.push(m);
      const p = r?.closed;
      if (!p || p.ms === null || !p.reply) continue;
      const who = p.reply.from;
      const l = this.latencies.get(who);
      if (l) l.push(p.ms);
      else this.latencies.set(who, [p.ms]);
      if (row && (row.slowestMs === null || p.ms > row.slowestMs)) {
        row.slowestMs = p.ms;
        row.slowestWho = who;
      }
    }
    this.version++;
  }

  /** Display name of an agent as the messages named it. */
  name(id: string): string {
    return this.names.get(id) ?? id;
  }

  /** Responders by answer-latency p95, slowest first. */
  responders(limit = 10): Responder[] {
    const out: Responder[] = [];
    for (const [agent, l] of this.latencies) {
      const sorted = [...l].sort((a, b) => a - b);
      out.push({
        agent,
        name: this.name(agent),
        count: l.length,
        p50: quantile(sorted, 0.5),
        p95: quantile(sorted, 0.95),
      });
    }
    return out.sort((a, b) => b.p95 - a.p95).slice(0, limit);
  }
}

/** Nearest-rank quantile of an ascending array (NaN when empty). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

export type OutcomeFigures = { outcome: Outcome; count: number; p50: number; p95: number };

/** Duration p50/p95 per outcome and the failure rate (failed / ended). */
export function figures(rows: readonly TaskRow[]): {
  byOutcome: OutcomeFigures[];
  failureRate: number | null;
  retried: number;
} {
  const by = new Map<Outcome, number[]>();
  let retried = 0;
  for (const r of rows) {
    const l = by.get(r.outcome);
    if (l) l.push(r.durationMs);
    else by.set(r.outcome, [r.durationMs]);
    if (r.attempts > 1) retried++;
  }
  const byOutcome: OutcomeFigures[] = [];
  for (const o of ['completed', 'failed', 'open'] as const) {
    const l = by.get(o);
    if (!l) continue;
    l.sort((a, b) => a - b);
    byOutcome.push({ outcome: o, count: l.length, p50: quantile(l, 0.5), p95: quantile(l, 0.95) });
  }
  const done = (by.get('completed')?.length ?? 0) + (by.get('failed')?.length ?? 0);
  return {
    byOutcome,
    failureRate: done > 0 ? (by.get('failed')?.length ?? 0) / done : null,
    retried,
  };
}

export type SortKey = 'title' | 'outcome' | 'attempts' | 'duration' | 'slowest' | 'start';

/** Rows sorted by a column (stable; nulls last). */
export function sortRows(rows: readonly TaskRow[], key: SortKey, desc: boolean): TaskRow[] {
  const val = (r: TaskRow): number | string | null =>
    key === 'title'
      ? (r.title ?? r.id)
      : key === 'outcome'
        ? r.outcome
        : key === 'attempts'
          ? r.attempts
          : key === 'duration'
            ? r.durationMs
            : key === 'slowest'
              ? r.slowestMs
              : r.startMs;
  const out = [...rows];
  out.sort((a, b) => {
    const x = val(a);
    const y = val(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const c =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return desc ? -c : c;
  });
  return out;
}

/** Case-insensitive match of a row against a filter text (title, id, outcome, agent ids or names). */
export function matchRow(
  r: TaskRow,
  text: string,
  name: (id: string) => string = (x) => x,
): boolean {
  const t = text.trim().toLowerCase();
  if (!t) return true;
  return t.split(/\s+/).every((w) => {
    const [k, v] = w.includes(':') ? (w.split(/:(.*)/) as [string, string]) : [null, w];
    if (k === 'outcome') return r.outcome === v;
    if (k === 'agent')
      return r.agents.some((a) => a.toLowerCase().includes(v) || name(a).toLowerCase().includes(v));
    return (
      (r.title ?? '').toLowerCase().includes(w) ||
      r.id.toLowerCase().includes(w) ||
      r.outcome === w ||
      r.agents.some((a) => name(a).toLowerCase().includes(w))
    );
  });
}
