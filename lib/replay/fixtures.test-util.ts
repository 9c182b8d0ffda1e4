/** Builders of replay events for unit tests (not a test file itself). */
import { toReplayEvent, type ReplayEvent } from './event';

const enc = new TextEncoder();
let seq = 0;
const T0 = Date.parse('2026-01-01T10:00:00Z');

/** Resets the sequence counter. */
export function resetSeq(): void {
  seq = 0;
}

function ev(subject: string, body: object, atSec: number): ReplayEvent {
  seq++;
  const ms = T0 + atSec * 1000;
  return toReplayEvent({
    seq,
    subject,
    timeMs: ms,
    time: new Date(ms).toISOString(),
    headers: [],
    data: enc.encode(JSON.stringify({ ...body, created_at: new Date(ms).toISOString() })),
  });
}

/** A status event of `agent` at `atSec` seconds after T0. */
export function status(
  agent: string,
  s: string,
  atSec: number,
  previous: string | null = null,
  task: string | null = null,
): ReplayEvent {
  return ev(
    `agent.status.${agent}.${s}`,
    {
      id: `s${seq}`,
      agent_id: agent,
      agent_role: 'backend_developer',
      agent_name: agent.toUpperCase(),
      status: s,
      previous_status: previous,
      reason: null,
      task_execution_id: task,
    },
    atSec,
  );
}

/** A task lifecycle event. */
export function task(
  id: string,
  event: string,
  atSec: number,
  extra: { assignee?: string; retries?: number; progress?: number } = {},
): ReplayEvent {
  return ev(
    `agent.task.${id}.${event}`,
    {
      id: `t${seq}`,
      task_id: id,
      event,
      title: `T ${id}`,
      assignee_id: extra.assignee ?? null,
      assignee_role: extra.assignee ? 'backend_developer' : null,
      created_by: 'pm',
      retries: extra.retries ?? 0,
      progress: extra.progress ?? null,
      reason: null,
    },
    atSec,
  );
}

/** A message from → to (null = broadcast). */
export function message(
  from: string,
  to: string | null,
  type: string,
  atSec: number,
  taskId: string | null = null,
): ReplayEvent {
  return ev(
    `agent.message.backend_developer.${type}`,
    {
      id: `m${seq}`,
      sender_id: from,
      recipient_id: to,
      content: `hello ${seq}`,
      message_type: type,
      task_execution_id: taskId,
      metadata: {
        sender_role: 'backend_developer',
        sender_name: from.toUpperCase(),
        recipient_role: to ? 'tech_lead' : null,
        recipient_name: to ? to.toUpperCase() : null,
      },
    },
    atSec,
  );
}
