'use client';

import Link from 'next/link';
import { memo, useMemo, useSyncExternalStore } from 'react';
import { useStreamName } from '@/components/shell/use-stream-name';
import { useChosenTimeZone } from '@/components/ui/use-time-zone';
import { taskHref, timelineHref } from '@/lib/links';
import { STATUS_COLORS, TASK_COLORS, roleColor } from '@/lib/agents/colors';
import { roleLabel } from '@/lib/agents/schema';
import { formatCount, formatDuration } from '@/lib/format';
import { eventTime } from '@/lib/replay/event';
import type { ReplayController } from '@/lib/replay/controller';
import type { AgentView, ProjectionState, TaskView } from '@/lib/replay/projection';
import { ProjectionCursor } from '@/lib/replay/snapshots';
import type { ReplayData } from '@/lib/replay/store';
import type { ReplaySeed } from '@/lib/replay/seed';
import { Card, CardHeader } from '@/components/ui/card';
import { ShownText } from '@/components/ui/shown-text';
import { showHidden } from '@/lib/hidden-chars';

const TASK_ORDER = ['created', 'assigned', 'started', 'blocked', 'completed', 'failed'] as const;
const FINISHED_SHOWN = 8;

function Badge({ color, children }: { color: string; children: React.ReactNode }) {
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium"
      style={{ background: `${color}22`, color }}
    >
      <span className="h-1.5 w-1.5 rounded-full" style={{ background: color }} />
      {children}
    </span>
  );
}

/**
 * One agent. Agent views are replaced, never mutated, when they change (projection.ts), so a
 * row re-renders only when its agent changed or its "since" text did, not on every move.
 */
const AgentRow = memo(function AgentRow({
  a,
  since,
  before,
}: {
  a: AgentView;
  since: string;
  before: boolean;
}) {
  return (
    <tr data-testid="agent-row" data-agent-id={a.id} className="border-t border-border">
      <td className="px-3 py-1">
        <AgentLink
          id={a.id}
          className="font-medium hover:underline"
          style={{ color: roleColor(a.role) }}
        >
          <ShownText text={a.name ?? a.id} />
        </AgentLink>
        <div className="text-xs text-muted">{roleLabel(a.role)}</div>
      </td>
      <td className="px-3 py-1" data-testid="agent-status">
        {a.status ? (
          <Badge color={STATUS_COLORS[a.status] ?? '#94a3b8'}>{a.status}</Badge>
        ) : (
          <span className="text-xs text-muted">no status yet</span>
        )}
        {before ? <BeforeRange /> : null}
      </td>
      <td
        className="px-3 py-1 text-xs text-muted tabular-nums"
        title={a.sinceSeq ? `since #${a.sinceSeq}` : undefined}
      >
        {since}
      </td>
      <td className="px-3 py-1 text-right font-mono text-xs tabular-nums">
        {a.sent} / {a.received}
      </td>
    </tr>
  );
});

/** An agent's name: opens its lane on the timeline (its view), in this stream. */
function AgentLink({
  id,
  children,
  ...rest
}: {
  id: string;
  children: React.ReactNode;
  className?: string;
  style?: React.CSSProperties;
}) {
  const [stream] = useStreamName();
  const tz = useChosenTimeZone();
  return (
    <Link
      href={timelineHref({ tz, stream, agents: id })}
      title={`${showHidden(id)} on the timeline`}
      className={`block ${rest.className ?? ''}`}
      style={rest.style}
    >
      {children}
    </Link>
  );
}

/** A task's title: opens its story (/tasks/<id>), in this stream. */
function TaskLink({
  id,
  children,
  ...rest
}: {
  id: string;
  children: React.ReactNode;
  className?: string;
  title?: string;
}) {
  const [stream] = useStreamName();
  const tz = useChosenTimeZone();
  return (
    <Link href={taskHref({ tz, stream, task: id })} {...rest}>
      {children}
    </Link>
  );
}

/** Marks a value that comes from the state when the range began (seed.ts), not from the range. */
function BeforeRange() {
  return (
    <span
      className="ml-1.5 inline-block whitespace-nowrap text-xs text-muted"
      title="Last reported before the first message of this range"
    >
      before the range
    </span>
  );
}

/** Whether a state entry's last change (its sequence) is from before the range. */
const beforeRange = (seq: number | null, upTo: number) => seq !== null && seq <= upTo;

function AgentsTable({ s, now, upTo }: { s: ProjectionState; now: number; upTo: number }) {
  const agents = [...s.agents.values()].sort(
    (a, b) =>
      (a.role ?? '').localeCompare(b.role ?? '') || (a.name ?? a.id).localeCompare(b.name ?? b.id),
  );
  if (agents.length === 0)
    return <p className="px-4 py-2 text-sm text-muted">No agent seen yet.</p>;
  return (
    <table aria-label="Agents at the playhead" className="w-full text-sm">
      <thead className="text-left text-xs text-muted">
        <tr>
          <th className="px-3 py-1 font-normal">Agent</th>
          <th className="px-3 py-1 font-normal">Status</th>
          <th className="px-3 py-1 font-normal">Since</th>
          <th className="px-3 py-1 text-right font-normal">Sent / recv</th>
        </tr>
      </thead>
      <tbody>
        {agents.map((a: AgentView) => (
          <AgentRow
            key={a.id}
            a={a}
            before={beforeRange(a.sinceSeq, upTo)}
            since={
              a.since !== null
                ? `${formatDuration(Math.max(0, now - a.since))} (#${a.sinceSeq})`
                : '—'
            }
          />
        ))}
      </tbody>
    </table>
  );
}

/** One task (views are immutable, like agents': memoized on the view and the assignee's name). */
const TaskRow = memo(function TaskRow({
  t,
  who,
  before,
}: {
  t: TaskView;
  who: string;
  before: boolean;
}) {
  return (
    <li
      data-testid="task-row"
      data-task-id={t.id}
      className="flex items-center gap-2 border-t border-border px-3 py-1 text-sm"
    >
      <Badge color={TASK_COLORS[t.state] ?? '#94a3b8'}>{t.state}</Badge>
      <TaskLink
        id={t.id}
        className="min-w-0 flex-1 truncate hover:text-accent hover:underline"
        title={`${showHidden(t.title ?? t.id)}: the task's story`}
      >
        <ShownText text={t.title ?? t.id} />
      </TaskLink>
      <span className="shrink-0 text-xs text-muted">
        <ShownText text={who} />
      </span>
      {t.progress !== null ? (
        <span className="shrink-0 font-mono text-xs tabular-nums">{t.progress}%</span>
      ) : null}
      {t.retries > 0 ? (
        <span className="shrink-0 rounded bg-warn/15 px-1 text-xs text-warn">
          retry {t.retries}
        </span>
      ) : null}
      {before ? <BeforeRange /> : null}
    </li>
  );
});

const assigneeName = (t: TaskView, s: ProjectionState) =>
  t.assignee ? (s.agents.get(t.assignee)?.name ?? t.assignee.slice(0, 8)) : 'unassigned';

function TasksList({ s, upTo }: { s: ProjectionState; upTo: number }) {
  const all = [...s.tasks.values()];
  const counts = new Map<string, number>();
  for (const t of all) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
  const open = all
    .filter((t) => t.state !== 'completed' && t.state !== 'failed')
    .sort((a, b) => b.sinceSeq - a.sinceSeq);
  const done = all
    .filter((t) => t.state === 'completed' || t.state === 'failed')
    .sort((a, b) => b.sinceSeq - a.sinceSeq)
    .slice(0, FINISHED_SHOWN);
  return (
    <div>
      <div className="flex flex-wrap gap-1.5 px-3 py-2">
        {TASK_ORDER.map((st) => (
          <Badge key={st} color={TASK_COLORS[st] ?? '#94a3b8'}>
            {st} {counts.get(st) ?? 0}
          </Badge>
        ))}
      </div>
      <ul className="max-h-64 overflow-auto">
        {open.map((t) => (
          <TaskRow
            key={t.id}
            t={t}
            who={assigneeName(t, s)}
            before={beforeRange(t.sinceSeq, upTo)}
          />
        ))}
        {done.length ? (
          <li className="border-t border-border px-3 py-1 text-xs text-muted">Recently finished</li>
        ) : null}
        {done.map((t) => (
          <TaskRow
            key={t.id}
            t={t}
            who={assigneeName(t, s)}
            before={beforeRange(t.sinceSeq, upTo)}
          />
        ))}
      </ul>
    </div>
  );
}

/** Where the state before the range came from, or why it is missing (one line). */
function SeedNote({ seed, data }: { seed: ReplaySeed | null; data: ReplayData }) {
  let text: string | null = null;
  if (seed?.error) text = `The state before the range could not be read: ${seed.error}`;
  else if (seed && seed.from !== null && seed.upTo > 0)
    text = `State before the range: the ${formatCount(seed.upTo - seed.from + 1)} messages before it (#${seed.from}–#${seed.upTo}); older statuses are not shown.`;
  else if (!seed && data.info.status === 'done' && data.fromFile)
    text = 'This file carries no state from before the range: agents start with no status.';
  if (!text) return null;
  return (
    <p data-testid="seed-note" className="px-4 pt-2 text-xs text-muted">
      {text}
    </p>
  );
}

/** Agent and task state folded from every event up to the playhead (snapshots make seeks fast). */
export const StatePanel = memo(function StatePanel({
  data,
  ctl,
}: {
  data: ReplayData;
  ctl: ReplayController;
}) {
  const index = useSyncExternalStore(
    ctl.playhead.subscribe,
    () => ctl.playhead.getSnapshot().index,
    () => -1,
  );
  // Re-render when the state before the range arrives (not per loaded batch).
  const seed = useSyncExternalStore(
    data.subscribe,
    () => data.seed,
    () => null,
  );
  const upTo = seed?.upTo ?? 0;
  const cursor = useMemo(() => new ProjectionCursor(data.index, data.events), [data]);
  // Idempotent for a given index: the cursor folds forward in place or restarts from a snapshot.
  const s = cursor.moveTo(index + 1);
  const cur = index >= 0 && index < data.events.length ? data.events.meta(index) : undefined;
  const now = cur ? eventTime(cur) : 0;
  const types = [...s.byType].sort((a, b) => b[1] - a[1]);
  return (
    <Card data-testid="state-panel" role="region" aria-label="State at the playhead">
      <CardHeader
        title="State at the playhead"
        actions={<span className="text-xs text-muted">after {formatCount(s.applied)} events</span>}
      />
      <SeedNote seed={seed} data={data} />
      <AgentsTable s={s} now={now} upTo={upTo} />
      <h3 className="mt-2 border-t border-border px-3 pt-2 text-xs font-semibold text-muted">
        Tasks
      </h3>
      <TasksList s={s} upTo={upTo} />
      <h3 className="mt-2 border-t border-border px-3 pt-2 text-xs font-semibold text-muted">
        Messages by type
      </h3>
      <div className="flex flex-wrap gap-x-4 gap-y-1 px-3 py-2 text-xs">
        {types.length === 0 ? (
          <span className="text-muted">none yet</span>
        ) : (
          types.map(([t, c]) => (
            <span key={t}>
              <span className="font-mono">
                <ShownText text={t} />
              </span>{' '}
              <span className="tabular-nums text-muted">{c}</span>
            </span>
          ))
        )}
      </div>
    </Card>
  );
});
