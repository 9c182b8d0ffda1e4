/**
 * What the squad talks about: task templates per role (title, brief, work steps, questions
 * with their answers, review comments) and the shared reasons for blockers and failures.
 * The data lives in catalog-engineering.ts, catalog-ops.ts and catalog-product.ts; this file
 * joins them.
 */
import type { AgentRole } from '../../lib/agents/schema';
import { ENGINEERING_TASKS } from './catalog-engineering';
import { OPS_TASKS } from './catalog-ops';
import { PRODUCT_TASKS } from './catalog-product';

export type Question = {
  /** Who is asked: scope goes to the PM, technical choices to the tech lead. */
  to: 'project_manager' | 'tech_lead';
  q: string;
  a: string;
};

export type TaskTemplate = {
  role: AgentRole;
  title: string;
  brief: string;
  /** Work steps, reported in order as status updates (3–4). */
  steps: readonly string[];
  questions: readonly Question[];
  /** What a reviewer asks to change when the first review is not an approval. */
  changes: string;
};

export const TASK_TEMPLATES: readonly TaskTemplate[] = [
  ...ENGINEERING_TASKS,
  ...OPS_TASKS,
  ...PRODUCT_TASKS,
];

/** Templates grouped by the role that takes them. */
export function templatesByRole(): Map<AgentRole, TaskTemplate[]> {
  const m = new Map<AgentRole, TaskTemplate[]>();
  for (const t of TASK_TEMPLATES) {
    const list = m.get(t.role) ?? [];
    list.push(t);
    m.set(t.role, list);
  }
  return m;
}

export const BLOCKERS: readonly { reason: string; resolution: string }[] = [
  {
    reason: 'Waiting for staging database credentials from DevOps',
    resolution: 'Credentials arrived via the vault; continuing',
  },
  {
    reason: 'API contract for /v2/tasks is not agreed yet',
    resolution: 'Contract agreed with the tech lead; continuing',
  },
  {
    reason: 'LLM provider is rate-limiting us (HTTP 429), backing off',
    resolution: 'Rate limit window passed; resuming',
  },
  {
    reason: 'Branch protection needs a second approver and nobody is available',
    resolution: 'Second approver found; merge unblocked',
  },
  {
    reason: 'Need design sign-off on the empty state before wiring it up',
    resolution: 'Design signed off; continuing',
  },
  {
    reason: 'Staging cluster is down for a NATS upgrade',
    resolution: 'Staging is back after the upgrade; continuing',
  },
  {
    reason: 'Flaky dependency mirror: npm install keeps failing with ECONNRESET',
    resolution: 'Switched to the backup registry mirror; continuing',
  },
];

export const FAILURES: readonly string[] = [
  'Tool call `run_tests` timed out after 300 s: the integration suite hangs on the staging database',
  'Model output failed schema validation 3 times while generating the migration plan',
  'CI failed: 4 flaky tests in the e2e suite, could not get a green run in 5 attempts',
  'Build step ran out of memory (exit code 137)',
  'Context window exceeded while reading the diff (182k tokens); could not summarize the change',
  'Upstream API returned 503 for 15 minutes during the rollout; rolled back',
  'Merge conflict with main in 14 files after the monorepo restructure; aborting this attempt',
];

export const ERROR_REASONS: readonly string[] = [
  'Worker process crashed: heartbeat missed for 90 s',
  'LLM provider returned HTTP 500 on 5 consecutive calls',
  'Sandbox container was OOM-killed',
  'Lost connection to the tool server (ECONNRESET)',
];

export const OFFLINE_REASONS: readonly string[] = [
  'Session ended: scaled down after 20 minutes without work',
  'Restarting to pick up a new model version',
  'Maintenance window for the agent runtime',
];

export const ANNOUNCEMENTS: readonly string[] = [
  'Sprint planning starts in 15 minutes: please post blockers in your task threads first.',
  'Release 2.3.0 is frozen. Only bug fixes with a linked ticket may merge until Friday.',
  'Staging will be down for a NATS upgrade between 14:00 and 14:30 UTC.',
  'Reminder: every PR needs a test plan in the description. Reviews without one will bounce.',
  'Great week, squad: 41 tasks closed and zero rollbacks. Retro notes are in the wiki.',
  'New priority from the customer call: checkout reliability beats new features this sprint.',
  'The LLM provider has elevated error rates; expect retries and keep tool calls idempotent.',
  'Demo to stakeholders tomorrow 10:00 UTC. Please have your tasks in a reviewable state.',
];

export const APPROVALS: readonly string[] = [
  'Approved. Clean change, good test coverage.',
  'LGTM. Nice touch on the error handling.',
  'Approved with one nit (naming), fine to merge as is.',
  'Looks good to me. Ship it.',
];
