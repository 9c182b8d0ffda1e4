/** What changed in agent and task state between two points of a replay. Pure. */
import type { AgentView, ProjectionState, TaskView } from './projection';

export type FieldChange = { field: string; before: string; after: string };
export type EntityDiff = {
  id: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
};
export type StateDiff = { agents: EntityDiff[]; tasks: EntityDiff[] };

const show = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));

function compare<T extends object>(
  a: T | undefined,
  b: T | undefined,
  fields: (keyof T & string)[],
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    const before = a ? show(a[f]) : '—';
    const after = b ? show(b[f]) : '—';
    if (before !== after) out.push({ field: f, before, after });
  }
  return out;
}

function diffMaps<T extends { id: string }>(
  a: Map<string, T>,
  b: Map<string, T>,
  fields: (keyof T & string)[],
  label: (v: T) => string,
): EntityDiff[] {
  const out: EntityDiff[] = [];
  const ids = new Set([...a.keys(), ...b.keys()]);
  for (const id of ids) {
    const x = a.get(id);
    const y = b.get(id);
    if (x === y) continue; // values are immutable: same object = unchanged
    const fs = compare(x, y, fields);
    if (fs.length === 0) continue;
    out.push({
      id,
      label: label((y ?? x) as T),
      change: !x ? 'added' : !y ? 'removed' : 'changed',
      fields: fs,
    });
  }
  return out.sort((p, q) => p.label.localeCompare(q.label));
}

const AGENT_FIELDS: (keyof AgentView & string)[] = ['status', 'reason', 'task', 'sent', 'received'];
const TASK_FIELDS: (keyof TaskView & string)[] = [
  'state',
  'assignee',
  'retries',
  'progress',
  'reason',
];

/** Agent and task changes from state `a` to state `b` (b is usually the later point). */
export function diffStates(a: ProjectionState, b: ProjectionState): StateDiff {
  return {
    agents: diffMaps(a.agents, b.agents, AGENT_FIELDS, (v) => v.name ?? v.id),
    tasks: diffMaps(a.tasks, b.tasks, TASK_FIELDS, (v) => v.title ?? v.id),
  };
}
