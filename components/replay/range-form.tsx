'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { ReplayParams } from './use-replay-params';

const FIELDS = [
  ['from', 'From', 'seq or ISO time (UTC unless zoned)'],
  ['to', 'To', 'seq or ISO time (default: end)'],
  ['task', 'Task', 'task_execution_id'],
  ['agent', 'Agent', 'agent id'],
  ['filter', 'Subject filter', 'e.g. agent.message.>'],
] as const;

type Field = (typeof FIELDS)[number][0];

/** The range and scope inputs; applying writes them to the URL (which reloads the range). */
export function RangeForm({
  params,
  onApply,
}: {
  params: ReplayParams;
  onApply: (p: Record<Field, string | null>) => void;
}) {
  const [draft, setDraft] = useState<Record<Field, string>>(() => ({
    from: params.from ?? '',
    to: params.to ?? '',
    task: params.task ?? '',
    agent: params.agent ?? '',
    filter: params.filter ?? '',
  }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const out = {} as Record<Field, string | null>;
    for (const [k] of FIELDS) out[k] = draft[k].trim() || null;
    onApply(out);
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Replay range">
      {FIELDS.map(([k, label, ph]) => (
        <label key={k} className="flex flex-col text-xs text-muted">
          {label}
          <input
            name={k}
            value={draft[k]}
            placeholder={ph}
            onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))}
            className="mt-0.5 h-8 w-44 rounded-md border border-border bg-panel px-2 font-mono text-sm text-fg"
          />
        </label>
      ))}
      <Button type="submit" variant="default">
        Load
      </Button>
    </form>
  );
}
