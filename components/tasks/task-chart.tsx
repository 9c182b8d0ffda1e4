'use client';

import type { BusySpan } from '@/lib/tasks/latency';
import type { Segment } from '@/lib/tasks/critical-path';
import { segmentLabel } from '@/lib/tasks/critical-path';
import type { TaskStory } from '@/lib/tasks/story';
import { eventTime } from '@/lib/replay/event';
import { formatDuration } from '@/lib/format';

const ROW = 26;
const LABEL = 180;

/**
 * One task on one time axis: the critical path, each attempt's lifecycle, and a lane per
 * agent with its busy time, its status changes and the messages it sent (an arrow to the
 * recipient's lane). x positions are percentages of the plot, so nothing is measured.
 */
export function TaskChart({
  story,
  path,
  busy,
}: {
  story: TaskStory;
  path: readonly Segment[];
  busy: readonly BusySpan[];
}) {
  const span = Math.max(1, story.endMs - story.startMs);
  const x = (t: number) => `${(Math.min(Math.max(t - story.startMs, 0), span) / span) * 100}%`;
  const w = (a: number, b: number) =>
    `${(Math.max(0, Math.min(b, story.endMs) - Math.max(a, story.startMs)) / span) * 100}%`;
  const lanes = story.agents;
  const laneY = new Map(lanes.map((a, i) => [a, (2 + story.attempts.length + i) * ROW]));
  const height = (2 + story.attempts.length + lanes.length) * ROW + 8;
  const name = (a: string | null) => (a ? (story.names.get(a) ?? a) : '—');
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <figure aria-label="Task time line" className="overflow-x-auto">
      <div className="flex min-w-[640px] text-xs">
        <div style={{ width: LABEL }} className="shrink-0">
          <div style={{ height: ROW }} />
          <div style={{ height: ROW }} className="flex items-center font-medium">
            Critical path
          </div>
          {story.attempts.map((a) => (
            <div key={a.n} style={{ height: ROW }} className="flex items-center truncate">
              Attempt {a.n} · {name(a.assignee)}
            </div>
          ))}
          {lanes.map((a) => (
            <div
              key={a}
              style={{ height: ROW }}
              className="flex items-center truncate text-muted"
              title={a}
            >
              {name(a)}
            </div>
          ))}
        </div>
        <svg
          className="min-w-0 flex-1 overflow-visible"
          height={height}
          role="img"
          aria-label={`Time line of the task over ${formatDuration(span)}`}
        >
          <defs>
            <marker
              id="task-arrow"
              viewBox="0 0 6 6"
              refX="5"
              refY="3"
              markerWidth="6"
              markerHeight="6"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L6,3 L0,6 z" className="fill-muted" />
            </marker>
          </defs>
          {ticks.map((f) => (
            <g key={f}>
              <line
                x1={`${f * 100}%`}
                x2={`${f * 100}%`}
                y1={ROW - 4}
                y2={height}
                className="stroke-border"
                strokeDasharray="2 3"
              />
              <text
                x={`${f * 100}%`}
                y={ROW - 8}
                textAnchor={f === 0 ? 'start' : f === 1 ? 'end' : 'middle'}
                className="fill-muted text-[10px]"
              >
                {f === 0 ? '0' : `+${formatDuration(span * f)}`}
              </text>
            </g>
          ))}
          {path.map((s, i) => (
            <rect
              key={i}
              x={x(s.fromMs)}
              width={w(s.fromMs, s.toMs)}
              y={ROW + 5}
              height={ROW - 10}
              rx={2}
              className={s.kind === 'work' ? 'fill-accent/50' : 'fill-warn'}
              data-kind={s.kind}
            >
              <title>{`${segmentLabel(s.kind, s.who, story.names)}: ${formatDuration(s.toMs - s.fromMs)}`}</title>
            </rect>
          ))}
          {story.attempts.map((a, i) => {
            const y = (2 + i) * ROW;
            const end = a.endMs ?? story.endMs;
            return (
              <g key={a.n}>
                {a.assignedMs !== null ? (
                  <rect
                    x={x(a.waitFromMs)}
                    width={w(a.waitFromMs, a.assignedMs)}
                    y={y + 10}
                    height={6}
                    className="fill-border"
                  >
                    <title>{`Waiting for an assignee: ${formatDuration(a.assignedMs - a.waitFromMs)}`}</title>
                  </rect>
                ) : null}
                {a.assignedMs !== null ? (
                  <rect
                    x={x(a.assignedMs)}
                    width={w(a.assignedMs, a.startedMs ?? end)}
                    y={y + 8}
                    height={10}
                    className="fill-warn/60"
                  >
                    <title>{`Assigned → started: ${a.startedMs !== null ? formatDuration(a.startedMs - a.assignedMs) : 'never started'}`}</title>
                  </rect>
                ) : null}
                {a.startedMs !== null ? (
                  <rect
                    x={x(a.startedMs)}
                    width={w(a.startedMs, end)}
                    y={y + 6}
                    height={14}
                    rx={2}
                    className={
                      a.outcome === 'failed'
                        ? 'fill-bad/70'
                        : a.outcome === 'completed'
                          ? 'fill-ok/70'
                          : 'fill-accent/50'
                    }
                  >
                    <title>{`Attempt ${a.n} ${a.outcome}${a.reason ? `: ${a.reason}` : ''} (${formatDuration(end - a.startedMs)} from start)`}</title>
                  </rect>
                ) : null}
                {a.events.map((e) => (
                  <line
                    key={e.seq}
                    x1={x(eventTime(e))}
                    x2={x(eventTime(e))}
                    y1={y + 3}
                    y2={y + 23}
                    className="stroke-fg"
                    strokeWidth={1}
                  >
                    <title>{`${e.event}${e.progress !== null ? ` ${e.progress}%` : ''} · seq ${e.seq}`}</title>
                  </line>
                ))}
              </g>
            );
          })}
          {busy.map((b, i) => {
            const y = laneY.get(b.agent);
            return y === undefined ? null : (
              <rect
                key={i}
                x={x(b.fromMs)}
                width={w(b.fromMs, b.toMs)}
                y={y + 4}
                height={ROW - 8}
                className="fill-accent/15"
              >
                <title>{`${name(b.agent)} busy ${formatDuration(b.toMs - b.fromMs)}`}</title>
              </rect>
            );
          })}
          {story.statuses.map((s) => {
            const y = laneY.get(s.agent);
            return y === undefined ? null : (
              <rect
                key={s.seq}
                x={x(eventTime(s))}
                y={y + 3}
                width={3}
                height={ROW - 6}
                className={
                  s.status === 'error' || s.status === 'offline' ? 'fill-bad' : 'fill-muted'
                }
              >
                <title>{`${name(s.agent)} → ${s.status}${s.reason ? `: ${s.reason}` : ''} · seq ${s.seq}`}</title>
              </rect>
            );
          })}
          {story.messages.map((m) => {
            const y1 = laneY.get(m.from);
            const y2 = m.to ? laneY.get(m.to) : undefined;
            if (y1 === undefined) return null;
            const t = x(eventTime(m));
            return (
              <g key={m.seq}>
                {y2 !== undefined && y2 !== y1 ? (
                  <line
                    x1={t}
                    x2={t}
                    y1={y1 + ROW / 2}
                    y2={y2 + ROW / 2 + (y2 > y1 ? -5 : 5)}
                    className="stroke-muted"
                    markerEnd="url(#task-arrow)"
                  />
                ) : null}
                <circle
                  cx={t}
                  cy={y1 + ROW / 2}
                  r={4}
                  className={
                    m.type === 'question' || m.type === 'code_review_request'
                      ? 'fill-warn'
                      : m.type === 'task_failure'
                        ? 'fill-bad'
                        : 'fill-accent'
                  }
                >
                  <title>{`${m.type} · ${name(m.from)} → ${m.to ? name(m.to) : 'everyone'} · seq ${m.seq}\n${m.content.slice(0, 200)}`}</title>
                </circle>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="mt-1 text-xs text-muted">
        Amber on the critical path: waiting; blue: work. Attempt bars: grey waiting for an assignee,
        amber assigned until started, then green (completed) or red (failed); ticks are lifecycle
        events. Lanes: dots are messages sent (amber a request), arrows point to the recipient,
        shaded spans are busy time, bars are status changes. Hover for details.
      </figcaption>
    </figure>
  );
}
