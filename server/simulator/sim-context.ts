/**
 * Shared state of one simulation: the agents and their statuses, the current event time and
 * the seeded randomness; plus helpers that build an event and update the state in one step,
 * so an event is only ever published together with the state change it describes.
 */
import type { AgentRole, AgentStatus } from '../../lib/agents/schema';
import { messageEvent, statusEvent, taskEvent, type MetaExtra, type SimEvent } from './events';
import type { Rng } from './prng';
import type { SquadAgent } from './squad';

export type AgentState = SquadAgent & {
  status: AgentStatus;
  /** The task the agent is assigned to, or null when free. */
  taskId: string | null;
};

export type TaskState = {
  id: string;
  ticket: string;
  title: string;
  assignee: AgentState | null;
  retries: number;
  progress: number;
};

const AVAILABLE: ReadonlySet<AgentStatus> = new Set(['online', 'idle']);

// Who reviews whose work; a role listed twice is picked twice as often.
const REVIEWERS: Record<AgentRole, readonly AgentRole[]> = {
  project_manager: ['tech_lead'],
  tech_lead: ['project_manager'],
  backend_developer: ['tech_lead', 'tech_lead', 'qa_tester'],
  frontend_developer: ['tech_lead', 'qa_tester', 'designer'],
  qa_tester: ['tech_lead'],
  devops_engineer: ['tech_lead'],
  designer: ['frontend_developer', 'project_manager'],
};

export class SimContext {
  /** created_at of the event being built. */
  now = 0;
  readonly agents: AgentState[];
  readonly pm: AgentState;
  readonly lead: AgentState;
  private nextTicket: number;

  constructor(
    readonly rng: Rng,
    squad: readonly SquadAgent[],
  ) {
    this.agents = squad.map((a) => ({ ...a, status: 'offline', taskId: null }));
    const pm = this.agents.find((a) => a.role === 'project_manager');
    const lead = this.agents.find((a) => a.role === 'tech_lead');
    if (!pm || !lead) throw new Error('a squad needs a project manager and a tech lead');
    this.pm = pm;
    this.lead = lead;
    this.nextTicket = 1000 + rng.int(9000);
  }

  /** A new ticket key like SQD-4821 (sequential, so tickets read in creation order). */
  ticket(): string {
    return `SQD-${this.nextTicket++}`;
  }

  isAvailable(a: AgentState): boolean {
    return a.taskId === null && AVAILABLE.has(a.status);
  }

  /** Roles that currently have a free, available agent (PM excluded: the PM assigns). */
  freeRoles(): Set<AgentRole> {
    const s = new Set<AgentRole>();
    for (const a of this.agents) if (a !== this.pm && this.isAvailable(a)) s.add(a.role);
    return s;
  }

  /** Reserves a free agent of the role for the task, or null when none is available. */
  claim(role: AgentRole, taskId: string): AgentState | null {
    const free = this.agents.filter((a) => a.role === role && a !== this.pm && this.isAvailable(a));
    if (free.length === 0) return null;
    const a = this.rng.pick(free);
    a.taskId = taskId;
    return a;
  }

  release(a: AgentState): void {
    a.taskId = null;
  }

  /** Someone who can review work of the role (never the author). */
  reviewerFor(author: AgentState): AgentState {
    const candidates = REVIEWERS[author.role].flatMap((role) =>
      this.agents.filter((a) => a !== author && a.role === role),
    );
    if (candidates.length > 0) return this.rng.pick(candidates);
    return author === this.lead ? this.pm : this.lead;
  }

  message(
    from: AgentState,
    to: AgentState | null,
    type: string,
    content: string,
    taskId: string | null,
    extra?: MetaExtra,
  ): SimEvent {
    return messageEvent({
      id: this.rng.uuid(),
      from,
      to,
      type,
      content,
      taskId,
      atMs: this.now,
      extra,
    });
  }

  /** Moves the agent to `status` and returns the event carrying the previous status. */
  status(
    agent: AgentState,
    status: AgentStatus,
    reason: string | null,
    taskId: string | null,
  ): SimEvent {
    const previous = agent.status;
    agent.status = status;
    return statusEvent({
      id: this.rng.uuid(),
      agent,
      status,
      previous,
      reason,
      taskId,
      atMs: this.now,
    });
  }

  task(
    t: TaskState,
    event: string,
    reason: string | null = null,
    progress: number | null = null,
  ): SimEvent {
    return taskEvent({
      id: this.rng.uuid(),
      taskId: t.id,
      event,
      title: `${t.ticket} ${t.title}`,
      assignee: t.assignee,
      createdBy: this.pm.id,
      retries: t.retries,
      progress,
      reason,
      atMs: this.now,
    });
  }
}
