'use client';

import Link from 'next/link';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { parseAsString, useQueryStates } from 'nuqs';
import { useConnectionStatus, useNatsClient } from '@/components/nats/nats-provider';
import { useDataVersion } from '@/components/replay/use-data-version';
import { useReplayData } from '@/components/replay/use-replay-data';
import { useWholeEvents } from '@/components/replay/use-whole-events';
import { isTypingTarget } from '@/components/shell/shortcuts';
import { useStreamName } from '@/components/shell/use-stream-name';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { formatDuration } from '@/lib/format';
import { taskHref } from '@/lib/links';
import { useChosenTimeZone } from '@/components/ui/use-time-zone';
import { diffStates } from '@/lib/replay/diff';
import { alignTurns, parseSide, type Side } from '@/lib/tasks/compare';
import { sideSpec, sideView } from '@/lib/tasks/compare-side';
import { CompareRows } from './compare-rows';

/** Loads one side (a task's scope or a range) through the replay's cache. */
function useSide(side: Side | null) {
  const [stream] = useStreamName();
  const client = useNatsClient();
  const status = useConnectionStatus();
  const spec = useMemo(() => (side ? sideSpec(side) : null), [side]);
  const data = useReplayData(
    client,
    status.state === 'connected' || status.state === 'reconnecting',
    stream,
    spec,
  );
  // Re-renders as the load goes; the side is cut once it is done and every content is in hand.
  const version = useDataVersion(data);
  const done = data?.info.status === 'done';
  const whole = useWholeEvents(done ? data : null, version);
  const view = useMemo(
    () => (side && whole && !whole.reading && !whole.error ? sideView(side, whole.events) : null),
    [side, whole],
  );
  return { data, view, reading: !!whole?.reading, error: whole?.error ?? null };
}

/** /compare?a=…&b=…: two conversations side by side, aligned by turn, differences marked. */
export function CompareView() {
  const linkTz = useChosenTimeZone();
  const [stream] = useStreamName();
  const [p, setP] = useQueryStates({ a: parseAsString, b: parseAsString }, { history: 'push' });
  const pa = useMemo(() => (p.a ? parseSide(p.a, 'a') : null), [p.a]);
  const pb = useMemo(() => (p.b ? parseSide(p.b, 'b') : null), [p.b]);
  const A = useSide(pa?.side ?? null);
  const B = useSide(pb?.side ?? null);
  const rows = useMemo(
    () => (A.view && B.view ? alignTurns(A.view.messages, B.view.messages) : null),
    [A.view, B.view],
  );
  const diffRows = useMemo(
    () => (rows ? rows.flatMap((r, i) => (!r.a || !r.b || r.diffs.length ? [i] : [])) : []),
    [rows],
  );
  const state = useMemo(
    () => (A.view && B.view ? diffStates(A.view.state, B.view.state) : null),
    [A.view, B.view],
  );
  const [cur, setCur] = useState<number | null>(null);

  // n / N: next / previous difference (listed in the ? help).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        e.metaKey ||
        e.ctrlKey ||
        e.altKey ||
        isTypingTarget(e.target) ||
        (e.key !== 'n' && e.key !== 'N') ||
        diffRows.length === 0
      )
        return;
      e.preventDefault();
      setCur((c) => {
        const at = c === null ? -1 : diffRows.indexOf(c);
        const next =
          diffRows[
            (at + (e.key === 'n' ? 1 : diffRows.length - 1 + (at < 0 ? 1 : 0))) % diffRows.length
          ] ?? null;
        if (next !== null)
          document.getElementById(`turn-${next}`)?.scrollIntoView({ block: 'center' });
        return next;
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [diffRows]);

  const errors = [
    pa?.error,
    pb?.error,
    A.view?.error,
    B.view?.error,
    A.data?.info.error,
    B.data?.info.error,
    A.error,
    B.error,
  ].filter((x): x is string => !!x);
  const loading =
    (A.data && A.data.info.status === 'loading') || (B.data && B.data.info.status === 'loading');
  const rereading = !loading && (A.reading || B.reading);
  const sideLink = (s: Side | null | undefined) =>
    s?.kind === 'task' ? taskHref({ tz: linkTz, stream, task: s.task }) : null;
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Compare</h1>
      <SidesForm
        key={`${p.a ?? ''}\u0000${p.b ?? ''}`}
        a={p.a ?? ''}
        b={p.b ?? ''}
        onApply={(a, b) => void setP({ a: a || null, b: b || null })}
      />
      <p className="text-xs text-muted">
        A side is a task id (its whole conversation), a task id@attempt (one attempt of a retried
        task), or a range of sequences (100-250) or times (from..to).
      </p>
      {errors.length ? (
        <Notice tone="error" title="Cannot compare these">
          {errors.join(' ')}
        </Notice>
      ) : null}
      {!p.a || !p.b ? <Notice>Give both sides to compare.</Notice> : null}
      {loading ? <Notice>Reading both sides…</Notice> : null}
      {rereading ? (
        <Notice>
          Reading message contents again: the sides hold more payload than the replay keeps in
          memory…
        </Notice>
      ) : null}
      {rows && A.view && B.view && !errors.length ? (
        <>
          <div className="grid grid-cols-2 gap-2 text-sm">
            {[
              [A.view, pa?.side],
              [B.view, pb?.side],
            ].map(([v, s], i) => {
              const link = sideLink(s as Side | null);
              const view = v as NonNullable<typeof A.view>;
              return (
                <div key={i} className="font-medium">
                  {i === 0 ? 'A' : 'B'}:{' '}
                  {link ? (
                    <Link className="text-accent underline-offset-2 hover:underline" href={link}>
                      {view.label}
                    </Link>
                  ) : (
                    view.label
                  )}
                  <span className="ml-2 font-normal text-muted">
                    {view.messages.length} messages · {formatDuration(view.durationMs)}
                  </span>
                </div>
              );
            })}
          </div>
          <p className="text-sm" data-testid="compare-summary">
            {rows.length} turns, {diffRows.length} differ
            {diffRows.length ? ' (n / N: next / previous difference)' : ''}.
          </p>
          <CompareRows rows={rows} current={cur} />
          <Card>
            <CardHeader title="At the end" />
            <div className="space-y-2 px-4 py-3 text-sm">
              <p>
                Duration: A {formatDuration(A.view.durationMs)}, B{' '}
                {formatDuration(B.view.durationMs)} (
                {B.view.durationMs >= A.view.durationMs ? '+' : ''}
                {formatDuration(B.view.durationMs - A.view.durationMs)}).
              </p>
              {state && state.tasks.length + state.agents.length > 0 ? (
                <ul className="space-y-1" aria-label="State differences">
                  {[...state.tasks, ...state.agents].map((d) => (
                    <li key={d.id}>
                      <span className="font-medium">{d.label}</span>{' '}
                      <span className="text-muted">
                        {d.change === 'added'
                          ? '(only in B)'
                          : d.change === 'removed'
                            ? '(only in A)'
                            : ''}
                      </span>{' '}
                      {d.fields.map((f) => `${f.field}: ${f.before} → ${f.after}`).join('; ')}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-muted">Agents and tasks end in the same state on both sides.</p>
              )}
            </div>
          </Card>
        </>
      ) : null}
    </div>
  );
}

/** The two side fields; remounted (key) when the URL's sides change. */
function SidesForm({
  a,
  b,
  onApply,
}: {
  a: string;
  b: string;
  onApply: (a: string, b: string) => void;
}) {
  const [draft, setDraft] = useState({ a, b });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft.a.trim(), draft.b.trim());
  };
  return (
    <form
      onSubmit={onSubmit}
      className="flex flex-wrap items-end gap-2"
      aria-label="Sides to compare"
    >
      {(['a', 'b'] as const).map((k) => (
        <label key={k} className="flex flex-col gap-1 text-sm">
          <span className="text-muted">Side {k.toUpperCase()}</span>
          <input
            value={draft[k]}
            onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))}
            placeholder="task id, task id@2, or 100-250"
            className="h-8 w-80 max-w-full rounded-md border border-border bg-panel px-2 font-mono text-sm"
          />
        </label>
      ))}
      <Button type="submit" variant="default">
        Compare
      </Button>
    </form>
  );
}
