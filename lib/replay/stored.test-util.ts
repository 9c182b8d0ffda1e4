/** Random stored messages of every replay kind, for property tests (not a test file itself). */
import fc from 'fast-check';
import { toReplayEvent, type ReplayEvent } from './event';

const enc = new TextEncoder();

// Small pools, so ids repeat (the dictionary is exercised) and states change often.
const id = fc.constantFrom('a1', 'a2', 'a3', 'qa', 'ü-agent', '');
const opt = fc.option(fc.constantFrom('x', 'y', 'backend_developer', 'tech_lead', ''), {
  nil: null,
});
const num = fc.option(fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constantFrom(-0, 0.5, 99.9)), {
  nil: null,
});
const time = fc.option(
  fc.integer({ min: 0, max: 10_000 }).map((s) => new Date(Date.UTC(2026, 0, 1) + s * 1000)),
  { nil: null },
);

/** One stored message: a contract event of any kind, with missing or odd fields, or noise. */
export const stored = fc.oneof(
  fc.record({
    kind: fc.constant('message'),
    from: id,
    to: fc.option(id, { nil: null }),
    type: fc.constantFrom('question', 'answer', 'error', ''),
    task: opt,
    role: opt,
    name: opt,
    content: fc.oneof(fc.string(), fc.constant(7)),
    at: time,
  }),
  fc.record({
    kind: fc.constant('status'),
    agent: id,
    status: fc.constantFrom('online', 'busy', 'idle', 'error', 'weird', ''),
    previous: opt,
    reason: opt,
    role: opt,
    name: opt,
    task: opt,
    at: time,
  }),
  fc.record({
    kind: fc.constant('task'),
    task: fc.constantFrom('t1', 't2', 't3', ''),
    event: fc.constantFrom(
      'created',
      'assigned',
      'started',
      'progress',
      'completed',
      'failed',
      'x',
    ),
    title: opt,
    assignee: opt,
    role: opt,
    retries: num,
    progress: num,
    reason: opt,
    at: time,
  }),
  fc.record({ kind: fc.constant('noise'), text: fc.string() }),
);

export type Stored = typeof stored extends fc.Arbitrary<infer T> ? T : never;

/** The event the decoder makes of stored message `m` at sequence `seq`. */
export function toEvent(m: Stored, seq: number): ReplayEvent {
  return toReplayEvent(storedMessage(m, seq));
}

/** Stored message `m` at sequence `seq` as the stream holds it (subject, times, bytes). */
export function storedMessage(m: Stored, seq: number) {
  const created = 'at' in m && m.at ? m.at.toISOString() : undefined;
  let subject: string;
  let body: unknown;
  if (m.kind === 'message') {
    subject = `agent.message.${m.role ?? 'x'}.${m.type || 'question'}`;
    body = {
      id: `m${seq}`,
      sender_id: m.from,
      recipient_id: m.to,
      content: m.content,
      message_type: m.type,
      task_execution_id: m.task,
      metadata: { sender_role: m.role, sender_name: m.name, recipient_role: m.role },
      created_at: created,
    };
  } else if (m.kind === 'status') {
    // Mostly the subject the fields give back; sometimes another (kept as it was).
    subject = `agent.status.${m.role === 'x' ? 'other' : m.agent || 'z'}.${m.status || 'idle'}`;
    body = {
      agent_id: m.agent,
      status: m.status,
      previous_status: m.previous,
      reason: m.reason,
      agent_role: m.role,
      agent_name: m.name,
      task_execution_id: m.task,
      created_at: created,
    };
  } else if (m.kind === 'task') {
    subject = `agent.task.${m.title === 'x' ? 'a.b' : m.task || 't9'}.${m.event}`;
    body = {
      task_id: m.task,
      event: m.event,
      title: m.title,
      assignee_id: m.assignee,
      assignee_role: m.role,
      retries: m.retries,
      progress: m.progress,
      reason: m.reason,
      created_at: created,
    };
  } else {
    subject = 'other.noise';
    body = m.text;
  }
  const ms = Date.UTC(2026, 0, 1) + seq * 10 + 0.25;
  return {
    seq,
    subject,
    timeMs: ms,
    time: new Date(ms).toISOString(),
    headers: [] as [string, string][],
    data: enc.encode(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}
