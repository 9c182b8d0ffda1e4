'use client';

import { useState } from 'react';
import { roleColor } from '@/lib/agents/colors';
import { roleLabel } from '@/lib/agents/schema';
import type { AgentInfo } from '@/lib/timeline/model';
import { Button } from '@/components/ui/button';
import { KINDS, type Kind, type TimelineParams } from './use-timeline-params';
import { ShownText } from '@/components/ui/shown-text';

const KIND_LABEL: Record<Kind, string> = { message: 'Messages', status: 'Status', task: 'Tasks' };

/** Event kinds, agents and one task; all kept in the URL. */
export function TimelineFilters({ p, agents }: { p: TimelineParams; agents: AgentInfo[] }) {
  const [task, setTask] = useState(p.task ?? '');
  const toggleKind = (k: Kind) => {
    const next = new Set(p.kinds);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    if (next.size > 0) p.setKinds(next);
  };
  const toggleAgent = (id: string) =>
    p.setAgents(p.agents.includes(id) ? p.agents.filter((a) => a !== id) : [...p.agents, id]);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <fieldset className="flex items-center gap-2">
        <legend className="sr-only">Event kinds</legend>
        {KINDS.map((k) => (
          <label key={k} className="flex items-center gap-1">
            <input type="checkbox" checked={p.kinds.has(k)} onChange={() => toggleKind(k)} />
            {KIND_LABEL[k]}
          </label>
        ))}
      </fieldset>
      <details className="relative">
        <summary className="cursor-pointer rounded-md border border-border bg-panel px-2 py-1">
          Agents{p.agents.length ? ` (${p.agents.length})` : ': all'}
        </summary>
        <div className="absolute z-20 mt-1 max-h-80 w-72 overflow-auto rounded-md border border-border bg-panel p-2 shadow-lg">
          {agents.length === 0 ? <p className="text-muted">No agents seen yet.</p> : null}
          {agents.map((a) => (
            <label key={a.id} className="flex items-center gap-2 py-0.5">
              <input
                type="checkbox"
                checked={p.agents.includes(a.id)}
                onChange={() => toggleAgent(a.id)}
              />
              <span className="h-2 w-2 rounded-full" style={{ background: roleColor(a.role) }} />
              <span className="truncate">
                <ShownText text={a.name ?? a.id} />
              </span>
              <span className="ml-auto text-xs text-muted">{roleLabel(a.role)}</span>
            </label>
          ))}
          {p.agents.length ? (
            <Button size="sm" className="mt-1" onClick={() => p.setAgents([])}>
              Show all agents
            </Button>
          ) : null}
        </div>
      </details>
      <form
        className="flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          p.setTask(task.trim() || null);
        }}
      >
        <input
          aria-label="Task id"
          placeholder="task id"
          value={task}
          onChange={(e) => setTask(e.target.value)}
          className="h-7 w-56 rounded-md border border-border bg-panel px-2 font-mono text-xs"
        />
        <Button size="sm" type="submit">
          Filter
        </Button>
        {p.task ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setTask('');
              p.setTask(null);
            }}
          >
            Clear task
          </Button>
        ) : null}
      </form>
    </div>
  );
}
