'use client';

import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card';
import { ShownText } from '@/components/ui/shown-text';
import { formatDuration } from '@/lib/format';
import { messagesHref } from '@/lib/links';
import { useChosenTimeZone } from '@/components/ui/use-time-zone';
import type { TaskAnalysis } from './use-task-analysis';

/** The task's latencies: request → reply, assignment → start, busy time per agent, the path's parts. */
export function LatencyTables({ a, stream }: { a: TaskAnalysis; stream: string }) {
  const linkTz = useChosenTimeZone();
  const name = (id: string | null) => (id ? (a.story.names.get(id) ?? id) : 'everyone');
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader title="Requests and replies" />
        <table className="w-full text-sm">
          <caption className="sr-only">
            Each question or review request and the time to its reply
          </caption>
          <thead className="text-left text-xs text-muted">
            <tr>
              <th className="px-4 py-1.5 font-normal">Request</th>
              <th className="px-2 py-1.5 font-normal">Asked</th>
              <th className="px-4 py-1.5 text-right font-normal">Reply after</th>
            </tr>
          </thead>
          <tbody>
            {a.pairs.map((p) => (
              <tr key={p.ask.seq} className="border-t border-border">
                <td className="px-4 py-1.5">
                  <Link
                    className="text-accent underline-offset-2 hover:underline"
                    href={messagesHref({ tz: linkTz, stream, seq: p.ask.seq, open: p.ask.seq })}
                  >
                    {p.ask.type} · seq {p.ask.seq}
                  </Link>
                </td>
                <td className="px-2 py-1.5">
                  <ShownText text={name(p.ask.from)} /> → <ShownText text={name(p.ask.to)} />
                </td>
                <td className="px-4 py-1.5 text-right font-mono tabular-nums">
                  {p.ms === null ? (
                    <span className="text-bad">no reply</span>
                  ) : (
                    formatDuration(p.ms)
                  )}
                </td>
              </tr>
            ))}
            {a.pairs.length === 0 ? (
              <tr>
                <td colSpan={3} className="px-4 py-2 text-muted">
                  No questions or review requests in this task.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {a.orphans.length ? (
          <p className="px-4 py-2 text-xs text-muted">
            {a.orphans.length} replies answer no request seen in the task (asked before it, or
            elsewhere).
          </p>
        ) : null}
      </Card>
      <div className="space-y-4">
        <Card>
          <CardHeader title="Where the time went (critical path)" />
          <ul className="space-y-1 px-4 py-2 text-sm">
            {a.shares.map((s) => (
              <li key={`${s.kind}-${s.who}`} className="flex justify-between gap-3">
                <span className={s.kind === 'work' ? '' : 'text-warn'}>{s.label}</span>
                <span className="font-mono tabular-nums">
                  {formatDuration(s.ms)} · {Math.round(s.share * 100)} %
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <CardHeader title="Assignment to start, busy time" />
          <ul className="space-y-1 px-4 py-2 text-sm">
            {a.starts.map((s) => (
              <li key={`a${s.attempt}`} className="flex justify-between gap-3">
                <span>Attempt {s.attempt}: assigned → started</span>
                <span className="font-mono tabular-nums">
                  {s.ms === null ? 'never started' : formatDuration(s.ms)}
                </span>
              </li>
            ))}
            {[...a.busyTotals].map(([agent, ms]) => (
              <li key={agent} className="flex justify-between gap-3">
                <span>
                  <ShownText text={name(agent)} /> busy on it
                </span>
                <span className="font-mono tabular-nums">{formatDuration(ms)}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
