'use client';

import Link from 'next/link';
import { useEffect, useMemo } from 'react';
import { useRouter } from 'next/navigation';
import { useConnectionStatus, useNatsClient } from '@/components/nats/nats-provider';
import { useDataVersion } from '@/components/replay/use-data-version';
import { useReplayData } from '@/components/replay/use-replay-data';
import { isTypingTarget } from '@/components/shell/shortcuts';
import { useStreamName } from '@/components/shell/use-stream-name';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { ShownText } from '@/components/ui/shown-text';
import { formatCount, formatDuration } from '@/lib/format';
import { formatTime, zoneTag } from '@/lib/time-zone';
import { useTimeZone, useChosenTimeZone } from '@/components/ui/use-time-zone';
import {
  compareHref,
  messagesHref,
  replayHref,
  statsHref,
  tasksHref,
  timelineHref,
} from '@/lib/links';
import { isSubjectToken, parseSpec } from '@/lib/replay/scope';
import { LatencyTables } from './latency-tables';
import { TaskChart } from './task-chart';
import { useTaskAnalysis } from './use-task-analysis';

const linkClass = 'text-accent underline-offset-2 hover:underline';

/** /tasks/<id>: one task on one time axis, its latencies and critical path, and links onward. */
export function TaskStoryView({ id }: { id: string }) {
  const linkTz = useChosenTimeZone();
  const [tz] = useTimeZone();
  const [stream] = useStreamName();
  const client = useNatsClient();
  const status = useConnectionStatus();
  const router = useRouter();
  const valid = isSubjectToken(id);
  const spec = useMemo(() => (valid ? parseSpec({ task: id }).spec : null), [valid, id]);
  const data = useReplayData(
    client,
    status.state === 'connected' || status.state === 'reconnecting',
    stream,
    spec,
  );
  const version = useDataVersion(data);
  const a = useTaskAnalysis(id, data, version);
  const story = a?.story;
  const attempts = story?.attempts ?? [];
  const last = attempts[attempts.length - 1];
  const prev = attempts[attempts.length - 2];
  const replay = replayHref({ tz: linkTz, stream, task: id });
  const messages = messagesHref({ tz: linkTz, stream, filter: 'agent.message.>', q: `task:${id}` });
  const comparePrev =
    last && prev
      ? compareHref({ tz: linkTz, stream, a: `${id}@${prev.n}`, b: `${id}@${last.n}` })
      : null;

  // r: replay, m: its messages, a: compare with the previous attempt (listed in the ? help).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      const to =
        e.key === 'r' ? replay : e.key === 'm' ? messages : e.key === 'a' ? comparePrev : null;
      if (to) {
        e.preventDefault();
        router.push(to);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router, replay, messages, comparePrev]);

  if (!valid) {
    return (
      <Notice tone="error" title="Not a task id">
        “<ShownText text={id} />” cannot be a task id: it would have to be one subject token (no
        spaces, dots, * or &gt;).{' '}
        <Link className={linkClass} href={tasksHref({ tz: linkTz, stream })}>
          All tasks
        </Link>
      </Notice>
    );
  }
  const n = data?.events.length ?? 0;
  const empty =
    data?.info.status === 'done' &&
    (!story ||
      (story.attempts.length === 0 && story.messages.length === 0 && story.createdMs === null));
  return (
    <div className="space-y-4">
      <div>
        <p className="text-xs text-muted">
          <Link className={linkClass} href={tasksHref({ tz: linkTz, stream })}>
            Tasks
          </Link>{' '}
          / <span className="font-mono">{id}</span>
        </p>
        <h1 className="text-lg font-semibold">
          {story?.title ? <ShownText text={story.title} /> : `Task ${id}`}
        </h1>
        {story && !empty ? (
          <p className="text-sm text-muted" data-testid="task-summary">
            {story.outcome === 'open'
              ? 'Still open'
              : story.outcome === 'completed'
                ? 'Completed'
                : 'Failed'}{' '}
            · {attempts.length} {attempts.length === 1 ? 'attempt' : 'attempts'} ·{' '}
            {formatDuration(story.endMs - story.startMs)} from {formatTime(story.startMs, tz)}{' '}
            {zoneTag(tz, story.startMs)} · {formatCount(story.messages.length)} messages ·{' '}
            {story.agents.length} agents
          </p>
        ) : null}
      </div>
      <nav aria-label="Task links" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link className={linkClass} href={replay}>
          Replay this task
        </Link>
        <Link className={linkClass} href={messages}>
          Its messages
        </Link>
        <Link
          className={linkClass}
          href={timelineHref({ tz: linkTz, stream, task: id, window: '1h' })}
        >
          Timeline
        </Link>
        {comparePrev ? (
          <Link className={linkClass} href={comparePrev}>
            Compare with previous attempt
          </Link>
        ) : null}
        <Link className={linkClass} href={compareHref({ tz: linkTz, stream, a: id })}>
          Compare with…
        </Link>
      </nav>
      {status.state !== 'connected' && !data ? (
        <Notice>Waiting for the NATS connection…</Notice>
      ) : null}
      {data?.info.status === 'loading' ? (
        <Notice>
          Reading the task… {formatCount(n)} events of {formatCount(data.info.read)} messages read.
        </Notice>
      ) : null}
      {data?.info.status === 'error' ? (
        <Notice tone="error" title="Could not read the task">
          {data.info.error}
        </Notice>
      ) : null}
      {a?.reading ? (
        <Notice>
          Reading message contents again: this task holds more payload than the replay keeps in
          memory…
        </Notice>
      ) : null}
      {a?.error ? (
        <Notice tone="error" title="Contents missing">
          {a.error}
        </Notice>
      ) : null}
      {empty ? (
        <Notice tone="warn" title="No such task in the stream">
          No lifecycle event, message or status names task “<ShownText text={id} />” in stream{' '}
          {stream}. It may have aged out of the stream.{' '}
          <Link className={linkClass} href={tasksHref({ tz: linkTz, stream })}>
            All tasks
          </Link>
        </Notice>
      ) : null}
      {a && story && !empty ? (
        <>
          <Card className="p-4">
            <p className="mb-3 text-base font-medium" data-testid="critical-path-sentence">
              {a.sentence}
            </p>
            <TaskChart story={story} path={a.path} busy={a.busy} />
          </Card>
          <Card className="p-4">
            <h2 className="mb-2 text-sm font-semibold">Attempts</h2>
            <ol className="space-y-1 text-sm" aria-label="Attempts">
              {attempts.map((t) => (
                <li key={t.n} className="flex flex-wrap gap-x-3">
                  <span className="font-medium">Attempt {t.n}</span>
                  <span>
                    {t.assignee ? (
                      <ShownText text={story.names.get(t.assignee) ?? t.assignee} />
                    ) : (
                      'unassigned'
                    )}
                  </span>
                  <span
                    className={
                      t.outcome === 'failed'
                        ? 'text-bad'
                        : t.outcome === 'completed'
                          ? 'text-ok'
                          : 'text-muted'
                    }
                  >
                    {t.outcome}
                  </span>
                  {t.reason ? <span className="text-muted">{t.reason}</span> : null}
                  <span className="font-mono text-muted tabular-nums">
                    {t.endMs !== null && t.assignedMs !== null
                      ? formatDuration(t.endMs - t.assignedMs)
                      : ''}
                  </span>
                  {t.n > 1 ? (
                    <Link
                      className={linkClass}
                      href={compareHref({
                        tz: linkTz,
                        stream,
                        a: `${id}@${t.n - 1}`,
                        b: `${id}@${t.n}`,
                      })}
                    >
                      compare with attempt {t.n - 1}
                    </Link>
                  ) : null}
                </li>
              ))}
            </ol>
            <p className="mt-3 text-xs text-muted">
              Agents:{' '}
              {story.agents.map((ag, i) => (
                <span key={ag}>
                  {i > 0 ? ', ' : ''}
                  <Link
                    className={linkClass}
                    href={statsHref({ tz: linkTz, stream, tab: 'subjects' })}
                    title={`Stats: ${ag}`}
                  >
                    <ShownText text={story.names.get(ag) ?? ag} />
                  </Link>
                </span>
              ))}
            </p>
          </Card>
          <LatencyTables a={a} stream={stream} />
        </>
      ) : null}
    </div>
  );
}
