'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ExprError } from '@/components/ui/expr-error';
import { BreakpointIcon } from '@/components/ui/icons';
import { ShownText } from '@/components/ui/shown-text';
import type { SearchErrorAt } from '@/lib/browse/search';
import { breakpointError, type Breakpoint } from '@/lib/replay/breakpoints';
import type { ReplayData } from '@/lib/replay/store';

/** Hits listed to jump to; the count says how many there are in all. */
const SHOWN_HITS = 100;

/** One breakpoint: enable box, expression (editable), hit count and its hits as jump links. */
export function BreakpointRow({
  n,
  bp,
  hits,
  error,
  data,
  onJump,
  onChange,
  onRemove,
}: {
  n: number;
  bp: Breakpoint;
  hits: readonly number[];
  error: SearchErrorAt | null;
  data: ReplayData;
  onJump: (index: number) => void;
  onChange: (bp: Breakpoint) => void;
  onRemove: () => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const editError = editing !== null ? breakpointError(editing) : null;
  const label = `breakpoint ${n + 1}`;
  return (
    <li
      className="rounded-md border border-border bg-panel-2 px-2 py-1.5 text-sm"
      data-testid="breakpoint"
    >
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="checkbox"
          checked={bp.enabled}
          onChange={(e) => onChange({ ...bp, enabled: e.target.checked })}
          aria-label={`Enable ${label}`}
        />
        <span className={bp.enabled ? 'text-bad' : 'text-muted'}>
          <BreakpointIcon size={12} />
        </span>
        <span className="font-semibold tabular-nums">{n + 1}</span>
        {editing === null ? (
          <code className={bp.enabled ? 'font-mono' : 'font-mono text-muted line-through'}>
            <ShownText text={bp.expr} />
          </code>
        ) : (
          <form
            className="flex flex-1 items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (editError) return;
              onChange({ ...bp, expr: editing.trim() });
              setEditing(null);
            }}
          >
            <input
              autoFocus
              value={editing}
              onChange={(e) => setEditing(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
              aria-label={`Expression of ${label}`}
              aria-invalid={editError ? true : undefined}
              className="h-7 min-w-48 flex-1 rounded-md border border-border bg-panel px-2 font-mono text-sm"
              spellCheck={false}
            />
            <Button type="submit" size="sm" disabled={editError !== null}>
              Save
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          </form>
        )}
        <span className="ml-auto text-xs text-muted tabular-nums" data-testid="breakpoint-hits">
          {error
            ? 'not valid'
            : `${hits.length.toLocaleString('en-US')} ${hits.length === 1 ? 'hit' : 'hits'}`}
        </span>
        {editing === null ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setEditing(bp.expr)}
            aria-label={`Edit ${label}`}
          >
            Edit
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove ${label}`}>
          Remove
        </Button>
      </div>
      {editError && editing !== null ? <ExprError expr={editing} error={editError} /> : null}
      {error && editing === null ? <ExprError expr={bp.expr} error={error} /> : null}
      {hits.length ? (
        <div className="mt-1 flex flex-wrap gap-1" aria-label={`Hits of ${label}`} role="group">
          {hits.slice(0, SHOWN_HITS).map((i) => (
            <button
              key={i}
              type="button"
              className="rounded bg-panel px-1.5 font-mono text-[11px] text-accent hover:underline"
              onClick={() => onJump(i)}
            >
              #{data.events.seqAt(i)}
            </button>
          ))}
          {hits.length > SHOWN_HITS ? (
            <span className="text-[11px] text-muted">
              and {(hits.length - SHOWN_HITS).toLocaleString('en-US')} more
            </span>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
