/**
 * The Agent Squad message contract (from NATS_MIGRATION_PLAN.md): subjects, the stream and
 * consumer configuration, and the payloads the simulator writes and the app decodes.
 * Pure data and types; shared by the browser and the Node tools.
 */
import { showHidden } from '../hidden-chars';

/** Stream name (the seed's NATS_STREAM_NAME default). */
export const STREAM_NAME = 'agent-messages';
/** Durable consumer name (the seed's NATS_CONSUMER_NAME default). */
export const CONSUMER_NAME = 'agent-processor';

export const SUBJECT_KINDS = ['message', 'status', 'task'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The seed's stream configuration, in JetStream API units (nanoseconds for durations). */
export const SEED_STREAM_CONFIG = {
  name: STREAM_NAME,
  subjects: ['agent.message.>', 'agent.status.>', 'agent.task.>'],
  retention: 'limits',
  max_msgs: 1_000_000,
  max_age: 7 * 24 * 3600 * 1_000_000_000,
  storage: 'file',
  max_msg_size: 1024 * 1024,
  discard: 'old',
  duplicate_window: 120 * 1_000_000_000,
} as const;

/** The seed's durable consumer configuration, in JetStream API units. */
export const SEED_CONSUMER_CONFIG = {
  durable_name: CONSUMER_NAME,
  deliver_policy: 'all',
  ack_policy: 'explicit',
  ack_wait: 30 * 1_000_000_000,
  max_deliver: 3,
  filter_subject: 'agent.>',
  replay_policy: 'instant',
} as const;

export const AGENT_ROLES = [
  'project_manager',
  'tech_lead',
  'backend_developer',
  'frontend_developer',
  'qa_tester',
  'devops_engineer',
  'designer',
] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const MESSAGE_TYPES = [
  'task_assignment',
  'question',
  'answer',
  'status_update',
  'code_review_request',
  'code_review',
  'task_completion',
  'task_failure',
  'announcement',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const AGENT_STATUSES = ['online', 'busy', 'idle', 'offline', 'error'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export const TASK_EVENTS = [
  'created',
  'assigned',
  'started',
  'progress',
  'blocked',
  'completed',
  'failed',
] as const;
export type TaskEvent = (typeof TASK_EVENTS)[number];

/** The seed's AgentMessage, as published on agent.message.<sender_role>.<message_type>. */
export type AgentMessage = {
  id: string;
  sender_id: string;
  /** null = broadcast to the squad. */
  recipient_id: string | null;
  content: string;
  message_type: string;
  task_execution_id: string | null;
  metadata: {
    sender_role?: string;
    sender_name?: string;
    recipient_role?: string | null;
    recipient_name?: string | null;
    [k: string]: unknown;
  } | null;
  /** ISO time at the agent. */
  created_at: string;
};

/** Published on agent.status.<agent_id>.<status>. */
export type AgentStatusEvent = {
  id: string;
  agent_id: string;
  agent_role: string;
  agent_name: string;
  status: string;
  previous_status: string | null;
  reason?: string | null;
  task_execution_id?: string | null;
  created_at: string;
};

/** Published on agent.task.<task_id>.<event>. */
export type AgentTaskEvent = {
  id: string;
  task_id: string;
  event: string;
  title: string;
  assignee_id: string | null;
  assignee_role: string | null;
  created_by: string | null;
  /** How many times the task has been retried so far. */
  retries: number;
  /** 0..100 on `progress` events. */
  progress?: number | null;
  reason?: string | null;
  created_at: string;
};

/** Subject for an AgentMessage. */
export function messageSubject(senderRole: string, messageType: string): string {
  return `agent.message.${senderRole}.${messageType}`;
}
/** Subject for an agent status change. */
export function statusSubject(agentId: string, status: string): string {
  return `agent.status.${agentId}.${status}`;
}
/** Subject for a task lifecycle event. */
export function taskSubject(taskId: string, event: string): string {
  return `agent.task.${taskId}.${event}`;
}

const WORD_LABELS: Record<string, string> = {
  qa: 'QA',
  devops: 'DevOps',
  ui: 'UI',
  ux: 'UX',
  api: 'API',
};

/**
 * Human label for a role token: `backend_developer` → `Backend developer`. Display text:
 * hidden characters (bidi controls, zero-width) come out as visible `⟨U+XXXX⟩` marks.
 */
export function roleLabel(role: string | null | undefined): string {
  if (!role) return 'unknown';
  const words = showHidden(role)
    .split('_')
    .map((w) => WORD_LABELS[w] ?? w);
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
