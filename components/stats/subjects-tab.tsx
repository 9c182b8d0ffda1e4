'use client';

import { useMemo } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { parseAsStringLiteral, useQueryState } from 'nuqs';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { cn } from '@/components/ui/cn';
import { subjectCountsQuery } from '@/components/queries/stream';
import { explainNatsError } from '@/lib/nats/errors';
import { formatCount } from '@/lib/format';
import { messagesHref } from '@/lib/links';
import { useChosenTimeZone } from '@/components/ui/use-time-zone';
import { groupSubjects, subjectRows, topTalkers, type GroupBy } from '@/lib/stats/subjects';
import { agentLabel, agentStatusSubjects } from '@/lib/stats/agents';
import { agentNamesQuery } from '@/components/queries/agents';
import { AgentTick } from './agent-tick';
import { CHART } from './parts';
import { pollOptions } from './use-refresh';
import { SubjectsTable } from './subjects-table';
import { ShownText } from '@/components/ui/shown-text';
import { showHidden } from '@/lib/hidden-chars';

const GROUPS = ['kind', 'role', 'type', 'agent'] as const;
const GROUP_LABEL: Record<GroupBy, string> = {
  kind: 'Kind',
  role: 'Sender role',
  type: 'Message type / event',
  agent: 'Agent',
};
/** Width of the group chart's label axis, px. */
const AXIS_W = 200;
type TickProps = { x?: number | string; y?: number | string; payload?: { value?: unknown } };
/** Bars shown in the group chart; the rest are summed into "others". */
const MAX_BARS = 16;

/** Per-subject counts: grouped chart, top talkers, and the full sortable table. */
export function SubjectsTab({
  stream,
  enabled,
  refreshMs,
  direct,
}: {
  stream: string;
  enabled: boolean;
  refreshMs: number | false;
  direct: boolean;
}) {
  const linkTz = useChosenTimeZone();
  const [group, setGroup] = useQueryState(
    'group',
    parseAsStringLiteral(GROUPS).withDefault('kind'),
  );
  const q = useQuery({ ...subjectCountsQuery(stream), enabled, ...pollOptions(refreshMs) });
  const rows = useMemo(() => subjectRows(q.data), [q.data]);
  const groups = useMemo(() => {
    // Chart labels are plain text: hidden characters of roles, types and ids shown as marks.
    const g = groupSubjects(rows, group).map((x) => ({
      ...x,
      raw: x.key as string | null,
      key: showHidden(x.key),
    }));
    if (g.length <= MAX_BARS) return g;
    const rest = g.slice(MAX_BARS - 1).reduce((s, x) => s + x.count, 0);
    return [
      ...g.slice(0, MAX_BARS - 1),
      { key: `${g.length - MAX_BARS + 1} others`, raw: null, count: rest, subjects: 0 },
    ];
  }, [rows, group]);
  const top = useMemo(() => topTalkers(rows, 10), [rows]);
  // By agent, the keys are agent ids (UUIDs): name them from each one's last status event.
  const agentSubjects = useMemo(
    () =>
      group === 'agent'
        ? agentStatusSubjects(
            rows,
            groups.map((g) => g.key),
          )
        : new Map<string, string>(),
    [rows, groups, group],
  );
  const names = useQuery({
    ...agentNamesQuery(stream, agentSubjects, direct),
    enabled: enabled && agentSubjects.size > 0,
  });
  const chartRows = useMemo(() => {
    const byId = new Map((names.data ?? []).map((a) => [a.id, a]));
    return groups.map((g) => {
      const a = group === 'agent' ? byId.get(g.key) : undefined;
      // An agent's label opens its messages (a search for agent:<id> on /messages).
      const href =
        group === 'agent' && g.raw ? messagesHref({ stream, q: `agent:${g.raw}` }) : undefined;
      return {
        ...g,
        label: a ? agentLabel(a) : g.key,
        tip: a ? `${agentLabel(a)}\nagent id ${g.key}` : g.key,
        href,
      };
    });
  }, [groups, group, names.data, stream]);

  if (q.error)
    return (
      <Notice tone="error" title="Cannot read subject counts">
        {explainNatsError(q.error, { stream }).message}
      </Notice>
    );
  if (!q.data) return <p className="text-sm text-muted">Reading subject counts…</p>;

  return (
    <div className="space-y-4">
      <div className="grid items-start gap-4 lg:grid-cols-[3fr_2fr]">
        <Card>
          <CardHeader
            title={`Messages by ${GROUP_LABEL[group].toLowerCase()}`}
            actions={
              <div role="radiogroup" aria-label="Group subjects by" className="flex gap-1">
                {GROUPS.map((g) => (
                  <button
                    key={g}
                    role="radio"
                    aria-checked={g === group}
                    onClick={() => void setGroup(g === 'kind' ? null : g)}
                    className={cn(
                      'rounded px-2 py-1 text-xs',
                      g === group ? 'bg-accent text-accent-fg' : 'hover:bg-panel-2',
                    )}
                  >
                    {GROUP_LABEL[g]}
                  </button>
                ))}
              </div>
            }
          />
          <div
            className="p-4"
            style={{ height: Math.max(160, groups.length * (group === 'agent' ? 40 : 30) + 40) }}
            data-testid="stats-subject-groups"
            role="figure"
            aria-label="Messages per subject group"
          >
            {groups.length === 0 ? (
              <p className="text-sm text-muted">
                No subject here has a {GROUP_LABEL[group].toLowerCase()} part.
              </p>
            ) : (
              <ResponsiveContainer width="100%" height="100%">
                <BarChart
                  data={chartRows}
                  layout="vertical"
                  margin={{ top: 0, right: 16, bottom: 0, left: 8 }}
                >
                  <CartesianGrid {...CHART.grid} horizontal={false} />
                  <XAxis
                    type="number"
                    tickFormatter={(v: number) => formatCount(v)}
                    {...CHART.axis}
                  />
                  {/* Labels longer than the axis are cut with an ellipsis, the whole label and the id in a tooltip. */}
                  <YAxis
                    type="category"
                    dataKey="key"
                    width={AXIS_W}
                    interval={0}
                    {...CHART.axis}
                    tick={(p: TickProps) => <AgentTick {...p} width={AXIS_W} rows={chartRows} />}
                  />
                  <Tooltip
                    {...CHART.tooltip}
                    cursor={{ fill: 'var(--panel-2)' }}
                    labelFormatter={(k) => chartRows.find((r) => r.key === k)?.label ?? String(k)}
                    formatter={(v) => [formatCount(Number(v)), 'messages']}
                  />
                  <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            )}
          </div>
        </Card>
        <Card>
          <CardHeader title="Top talkers" />
          <ol
            className="divide-y divide-border/60"
            data-testid="stats-top-talkers"
            aria-label="Top talkers"
          >
            {top.map((r, i) => (
              <li key={r.subject} className="flex items-center gap-3 px-4 py-1.5 text-sm">
                <span className="w-5 text-right text-muted">{i + 1}</span>
                <Link
                  href={messagesHref({ tz: linkTz, stream, filter: r.subject })}
                  className="min-w-0 flex-1 truncate font-mono hover:text-accent hover:underline"
                >
                  <ShownText text={r.subject} />
                </Link>
                <span className="font-mono tabular-nums">{formatCount(r.count)}</span>
                <span className="w-12 text-right text-xs text-muted">
                  {(r.share * 100).toFixed(1)}%
                </span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
      <SubjectsTable stream={stream} rows={rows} />
    </div>
  );
}
