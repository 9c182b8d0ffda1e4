/**
 * One corpus, three decoders: browse (decodeEvent), replay (toReplayEvent) and the timeline
 * (toTimelineEvent + hydrateMessage) must agree with the contract (readContract) on the kind
 * and the fields of every sample: the simulator's traffic, hand-written edge cases, the forms
 * producers in other languages write, and arbitrary payloads (property test).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSquadGenerator } from '../../server/simulator/generator';
import { decodeEvent, decodePayload } from './decode';
import { parseAgentTime, readContract, type ContractEvent } from './contract';
import { createdAtOfBytes } from './created-at';
import { toReplayEvent, type ReplayEvent } from '../replay/event';
import { hydrateMessage, toTimelineEvent, type TimelineEvent } from '../timeline/event';

const enc = new TextEncoder();
type Sample = { name: string; subject: string; data: Uint8Array };
const json = (name: string, subject: string, v: unknown): Sample => ({
  name,
  subject,
  data: enc.encode(JSON.stringify(v)),
});

const msg = {
  id: 'm-1',
  sender_id: 'a-1',
  recipient_id: 'a-2',
  content: 'Can you check the migration?',
  message_type: 'question',
  task_execution_id: 't-1',
  metadata: {
    sender_role: 'tech_lead',
    sender_name: 'Tess',
    recipient_role: 'backend_developer',
    recipient_name: 'Bo',
  },
  created_at: '2026-03-01T10:00:00.000Z',
};
const status = {
  id: 's-1',
  agent_id: 'a-1',
  agent_role: 'qa_tester',
  agent_name: 'Quinn',
  status: 'busy',
  previous_status: 'idle',
  reason: 'on it',
  task_execution_id: 't-1',
  created_at: '2026-03-01T10:00:01Z',
};
const task = {
  id: 'k-1',
  task_id: 't-1',
  event: 'failed',
  title: 'Fix login',
  assignee_id: 'a-2',
  assignee_role: 'backend_developer',
  created_by: 'a-1',
  retries: 2,
  progress: null,
  reason: 'tests red',
  created_at: '2026-03-01T10:00:02+00:00',
};
const without = (o: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

const EDGE: Sample[] = [
  json('message', 'agent.message.tech_lead.question', msg),
  json('status', 'agent.status.a-1.busy', status),
  json('task', 'agent.task.t-1.failed', task),
  // Producers in other languages (Python's datetime.utcnow().isoformat(), str(datetime), json.dumps).
  json('naive ISO time, microseconds', 'agent.message.tech_lead.question', {
    ...msg,
    created_at: '2026-03-01T10:00:00.123456',
  }),
  json('naive time with a space', 'agent.status.a-1.busy', {
    ...status,
    created_at: '2026-03-01 10:00:00',
  }),
  json('offset +0100 without a colon', 'agent.task.t-1.failed', {
    ...task,
    created_at: '2026-03-01T11:00:00+0100',
  }),
  {
    name: '\\u-escaped non-ASCII',
    subject: 'agent.message.tech_lead.question',
    data: enc.encode(
      JSON.stringify({ ...msg, content: 'caf\u00e9 \u2014 ok' })
        .replace('\u00e9', '\\u00e9')
        .replace('\u2014', '\\u2014'),
    ),
  },
  json('unreadable created_at', 'agent.message.tech_lead.question', {
    ...msg,
    created_at: 'yesterday',
  }),
  json('no created_at', 'agent.message.tech_lead.question', without(msg, 'created_at')),
  json(
    'no recipient_id (broadcast)',
    'agent.message.tech_lead.announcement',
    without(msg, 'recipient_id', 'message_type'),
  ),
  json('no metadata, no id', 'agent.message.tech_lead.question', without(msg, 'metadata', 'id')),
  json('extra fields', 'agent.message.tech_lead.question', {
    ...msg,
    trace: { span: 1 },
    tokens: 812,
  }),
  json('no sender_id', 'agent.message.tech_lead.question', without(msg, 'sender_id')),
  json('no content', 'agent.message.tech_lead.question', without(msg, 'content')),
  json('content a number', 'agent.message.tech_lead.question', { ...msg, content: 42 }),
  json('empty optional strings', 'agent.message.tech_lead.question', {
    ...msg,
    recipient_id: '',
    task_execution_id: '',
  }),
  json('metadata an array', 'agent.message.tech_lead.question', { ...msg, metadata: ['x'] }),
  json(
    'status from the subject',
    'agent.status.a-9.offline',
    without(status, 'agent_id', 'status'),
  ),
  json('task from the subject', 'agent.task.t-9.created', without(task, 'task_id', 'event')),
  json('retries a string', 'agent.task.t-1.failed', { ...task, retries: '2' }),
  json('status payload an array', 'agent.status.a-1.busy', [status]),
  { name: 'status payload text', subject: 'agent.status.a-1.busy', data: enc.encode('busy') },
  { name: 'empty payload', subject: 'agent.task.t-1.created', data: new Uint8Array() },
  {
    name: 'invalid UTF-8 in a JSON message',
    subject: 'agent.message.tech_lead.question',
    data: new Uint8Array([
      ...enc.encode('{"sender_id":"a","content":"'),
      0xc3,
      0x28,
      ...enc.encode('","message_type":"q"}'),
    ]),
  },
  {
    name: 'leading whitespace and a BOM',
    subject: 'agent.message.tech_lead.question',
    data: new Uint8Array([0xef, 0xbb, 0xbf, 0x0a, 0x20, ...enc.encode(JSON.stringify(msg))]),
  },
  json('off-convention subject', 'orders.created', msg),
  json('subject with too few tokens', 'agent.status.a-1', without(status, 'status')),
];

function simulated(): Sample[] {
  const g = createSquadGenerator({
    seed: 11,
    startMs: Date.parse('2026-01-01T00:00:00Z'),
    spanMs: 3600_000,
    count: 1500,
  });
  return Array.from({ length: 1500 }, (_, i) => {
    const e = g.next();
    return { name: `simulated #${i}`, subject: e.subject, data: e.payload };
  });
}

/** What every view shows of an event: the kind and the fields all three carry. */
type View = {
  kind: string;
  who: string | null;
  what: string | null;
  task: string | null;
  created: number | null;
};

function fromContract(c: ContractEvent | null): View {
  if (!c) return { kind: 'generic', who: null, what: null, task: null, created: null };
  if (c.kind === 'message')
    return { kind: 'message', who: c.senderId, what: c.type, task: c.task, created: c.createdMs };
  if (c.kind === 'status')
    return { kind: 'status', who: c.agent, what: c.status, task: c.task, created: c.createdMs };
  return { kind: 'task', who: c.assignee, what: c.event, task: c.task, created: c.createdMs };
}

function contractOf(s: Sample): ContractEvent | null {
  const p = decodePayload(s.data);
  return p.kind === 'json' ? readContract(s.subject, p.value) : null;
}

function fromBrowse(s: Sample): View {
  const { event } = decodeEvent(s.subject, s.data);
  return fromContract(event.kind === 'generic' ? null : event.contract);
}

function fromReplay(s: Sample): View {
  const e: ReplayEvent = toReplayEvent({
    seq: 1,
    subject: s.subject,
    timeMs: 0,
    time: '',
    headers: [],
    data: s.data,
  });
  if (e.kind === 'message')
    return { kind: 'message', who: e.from, what: e.type, task: e.task, created: e.createdMs };
  if (e.kind === 'status')
    return { kind: 'status', who: e.agent, what: e.status, task: e.task, created: e.createdMs };
  if (e.kind === 'task')
    return { kind: 'task', who: e.assignee, what: e.event, task: e.task, created: e.createdMs };
  return { kind: 'generic', who: null, what: null, task: null, created: null };
}

function fromTimeline(s: Sample): Omit<View, 'created'> {
  const e: TimelineEvent = hydrateMessage(
    toTimelineEvent({ seq: 1, timeMs: 0, subject: s.subject, data: s.data }),
  );
  if (e.kind === 'generic') return { kind: 'generic', who: null, what: null, task: null };
  return { kind: e.kind, who: e.agentId, what: e.what, task: e.taskId };
}

/** The agents' clock as the parsing decoders read it: the top-level created_at of a JSON object. */
function parsedCreatedAt(s: Sample): number | null {
  const p = decodePayload(s.data);
  if (
    p.kind !== 'json' ||
    typeof p.value !== 'object' ||
    p.value === null ||
    Array.isArray(p.value)
  )
    return null;
  return parseAgentTime((p.value as Record<string, unknown>).created_at)?.ms ?? null;
}

function agree(s: Sample) {
  // The timeline's and the stats' byte scan for created_at (valid JSON: it does not validate).
  if (decodePayload(s.data).kind === 'json')
    expect(createdAtOfBytes(s.data), s.name).toBe(parsedCreatedAt(s));
  const want = fromContract(contractOf(s));
  expect(fromBrowse(s), s.name).toEqual(want);
  expect(fromReplay(s), s.name).toEqual(want);
  const { created: _, ...rest } = want;
  expect(fromTimeline(s), s.name).toEqual(rest);
}

describe('one contract, three decoders', () => {
  it.each(EDGE.map((s) => [s.name, s] as const))('%s', (_name, s) => agree(s));

  it('the simulated traffic: every event on-contract, the same in every view', () => {
    for (const s of simulated()) {
      expect(contractOf(s), s.name).not.toBeNull();
      agree(s);
    }
  });

  it('the edge cases land where the contract says', () => {
    const kind = (name: string) =>
      fromContract(contractOf(EDGE.find((s) => s.name === name)!)).kind;
    for (const n of [
      'no sender_id',
      'no content',
      'content a number',
      'status payload an array',
      'status payload text',
      'empty payload',
      'invalid UTF-8 in a JSON message',
      'off-convention subject',
      'subject with too few tokens',
    ]) {
      expect(kind(n), n).toBe('generic');
    }
    for (const n of [
      'no created_at',
      'no recipient_id (broadcast)',
      'no metadata, no id',
      'extra fields',
      'empty optional strings',
      'metadata an array',
      'leading whitespace and a BOM',
    ]) {
      expect(kind(n), n).toBe('message');
    }
    expect(kind('status from the subject')).toBe('status');
    expect(kind('task from the subject')).toBe('task');
  });

  it('arbitrary payloads on contract subjects: the decoders never disagree', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constant(''),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.constant({ sender_role: 'r' }),
      fc.constant([]),
    );
    const payload = fc.record(
      {
        id: field,
        sender_id: field,
        recipient_id: field,
        content: field,
        message_type: field,
        task_execution_id: field,
        metadata: field,
        agent_id: field,
        status: field,
        agent_role: field,
        task_id: field,
        event: field,
        assignee_id: field,
        retries: field,
        created_at: fc.oneof(
          field,
          fc.constantFrom('2026-01-01T00:00:00', '2026-01-01T00:00:00.5Z', '2026-13-01T00:00:00Z'),
        ),
      },
      { requiredKeys: [] },
    );
    const subject = fc.constantFrom(
      'agent.message.qa_tester.question',
      'agent.message.x',
      'agent.status.a.busy',
      'agent.status..busy',
      'agent.task.t.created',
      'agent.task.t',
    );
    fc.assert(
      fc.property(subject, payload, (subj, p) => agree(json('arbitrary', subj, p))),
      { numRuns: 2000 },
    );
  });
});

describe('agent times', () => {
  it('a time without an offset is UTC, whatever the local time zone', () => {
    expect(parseAgentTime('2026-03-01T10:00:00')).toEqual({
      ms: Date.UTC(2026, 2, 1, 10),
      naive: true,
    });
    expect(parseAgentTime('2026-03-01 10:00:00.123456')).toEqual({
      ms: Date.UTC(2026, 2, 1, 10, 0, 0, 123),
      naive: true,
    });
    expect(parseAgentTime('2026-03-01T10:00')).toEqual({
      ms: Date.UTC(2026, 2, 1, 10),
      naive: true,
    });
  });
  it('offsets: Z, ±hh:mm and ±hhmm; microseconds are cut to milliseconds', () => {
    expect(parseAgentTime('2026-03-01T10:00:00.999999Z')).toEqual({
      ms: Date.UTC(2026, 2, 1, 10, 0, 0, 999),
      naive: false,
    });
    expect(parseAgentTime('2026-03-01T11:00:00+01:00')?.ms).toBe(Date.UTC(2026, 2, 1, 10));
    expect(parseAgentTime('2026-03-01T05:00:00-0500')?.ms).toBe(Date.UTC(2026, 2, 1, 10));
  });
  it('anything else is unreadable (null), never a guess', () => {
    for (const v of [
      'yesterday',
      '2026-03-01',
      '2026-13-01T00:00:00Z',
      '',
      12,
      null,
      '2026-03-01T10:00:00Z trailing',
    ]) {
      expect(parseAgentTime(v), String(v)).toBeNull();
    }
  });
});
