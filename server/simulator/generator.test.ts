import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../lib/agents/decode';
import {
  AGENT_ROLES,
  AGENT_STATUSES,
  MESSAGE_TYPES,
  TASK_EVENTS,
  type AgentMessage,
  type AgentStatusEvent,
  type AgentTaskEvent,
} from '../../lib/agents/schema';
import { createSquadGenerator, type SimEvent } from './generator';

const START = Date.parse('2026-01-01T00:00:00Z');
const SPAN = 6 * 3600_000;
const COUNT = 6000;

function generate(seed = 42, startMs = START, count = COUNT, spanMs = SPAN): SimEvent[] {
  const g = createSquadGenerator({ seed, startMs, spanMs, count });
  return Array.from({ length: count }, () => g.next());
}

type Decoded =
  | { e: SimEvent; kind: 'message'; m: AgentMessage }
  | { e: SimEvent; kind: 'status'; s: AgentStatusEvent }
  | { e: SimEvent; kind: 'task'; t: AgentTaskEvent };

function decodeAll(events: SimEvent[]): Decoded[] {
  return events.map((e) => {
    const d = decodeEvent(e.subject, e.payload).event;
    if (d.kind === 'message') return { e, kind: 'message', m: d.message };
    if (d.kind === 'status') return { e, kind: 'status', s: d.status };
    if (d.kind === 'task') return { e, kind: 'task', t: d.task };
    throw new Error(`generic event on ${e.subject}`);
  });
}

const events = generate();
const decoded = decodeAll(events);

describe('determinism', () => {
  it('same seed and start give identical subjects and payload bytes', () => {
    const again = generate();
    expect(again.map((e) => e.subject)).toEqual(events.map((e) => e.subject));
    const differ = events.filter(
      (e, i) => !Buffer.from(e.payload).equals(Buffer.from((again[i] as SimEvent).payload)),
    );
    expect(differ).toEqual([]);
  });

  it('another seed or another start gives different traffic', () => {
    const other = generate(43);
    expect(other.map((e) => e.msgId)).not.toEqual(events.map((e) => e.msgId));
    expect(other.some((e, i) => e.subject !== events[i]?.subject)).toBe(true);
    const later = generate(42, START + 1);
    expect(later[0]?.msgId).not.toBe(events[0]?.msgId);
  });

  it('keeps agent ids stable across seeds, so backfill and live talk about the same squad', () => {
    const ids = (evs: SimEvent[]) =>
      new Set(decodeAll(evs).flatMap((d) => (d.kind === 'status' ? [d.s.agent_id] : [])));
    expect(ids(generate(1, START, 500))).toEqual(ids(generate(2, START + 5, 500)));
  });
});

describe('contract', () => {
  it('every event decodes to its kind and its subject follows the naming convention', () => {
    // Collect mismatches and assert once: thousands of expect() calls make the test slow.
    const bad: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) bad.push(what);
    };
    for (const d of decoded) {
      const [root, kind, a, b, ...rest] = d.e.subject.split('.');
      check(d.kind === d.e.kind && root === 'agent' && rest.length === 0, `kind ${d.e.subject}`);
      if (d.kind === 'message') {
        check(
          kind === 'message' && a === d.m.metadata?.sender_role && b === d.m.message_type,
          `message ${d.e.subject}`,
        );
        check(
          (AGENT_ROLES as readonly string[]).includes(a ?? '') &&
            (MESSAGE_TYPES as readonly string[]).includes(b ?? ''),
          `tokens ${d.e.subject}`,
        );
      } else if (d.kind === 'status') {
        check(kind === 'status' && a === d.s.agent_id && b === d.s.status, `status ${d.e.subject}`);
        check(
          (AGENT_STATUSES as readonly string[]).includes(b ?? ''),
          `status token ${d.e.subject}`,
        );
      } else {
        check(kind === 'task' && a === d.t.task_id && b === d.t.event, `task ${d.e.subject}`);
        check((TASK_EVENTS as readonly string[]).includes(b ?? ''), `task token ${d.e.subject}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('Nats-Msg-Id equals the payload id, ids are unique UUIDs', () => {
    const ids = new Set<string>();
    const bad: string[] = [];
    for (const d of decoded) {
      const id = d.kind === 'message' ? d.m.id : d.kind === 'status' ? d.s.id : d.t.id;
      if (d.e.headers['Nats-Msg-Id'] !== id || d.e.msgId !== id) bad.push(`header ${id}`);
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))
        bad.push(`shape ${id}`);
      ids.add(id);
    }
    expect(bad).toEqual([]);
    expect(ids.size).toBe(events.length);
  });

  it('writes payload keys in the schema order', () => {
    const keys = (kind: SimEvent['kind']) => {
      const e = events.find((x) => x.kind === kind) as SimEvent;
      return Object.keys(JSON.parse(Buffer.from(e.payload).toString('utf8')) as object);
    };
    expect(keys('message')).toEqual([
      'id',
      'sender_id',
      'recipient_id',
      'content',
      'message_type',
      'task_execution_id',
      'metadata',
      'created_at',
    ]);
    expect(keys('status')).toEqual([
      'id',
      'agent_id',
      'agent_role',
      'agent_name',
      'status',
      'previous_status',
      'reason',
      'task_execution_id',
      'created_at',
    ]);
    expect(keys('task')).toEqual([
      'id',
      'task_id',
      'event',
      'title',
      'assignee_id',
      'assignee_role',
      'created_by',
      'retries',
      'progress',
      'reason',
      'created_at',
    ]);
  });
});

describe('time', () => {
  it('created_at is non-decreasing, inside the span, and matches createdAtMs', () => {
    let prev = START;
    const bad: number[] = [];
    for (const [i, d] of decoded.entries()) {
      const iso =
        d.kind === 'message'
          ? d.m.created_at
          : d.kind === 'status'
            ? d.s.created_at
            : d.t.created_at;
      if (Date.parse(iso) !== d.e.createdAtMs || d.e.createdAtMs < prev) bad.push(i);
      prev = d.e.createdAtMs;
    }
    expect(bad).toEqual([]);
    expect(events[0]?.createdAtMs).toBe(START);
    expect(prev).toBeLessThanOrEqual(START + SPAN);
    expect(prev).toBeGreaterThan(START + SPAN - 60_000);
  });

  it('has bursts of activity and idle periods of minutes', () => {
    const gaps = events.slice(1).map((e, i) => e.createdAtMs - (events[i] as SimEvent).createdAtMs);
    const idle = gaps.filter((g) => g >= 60_000);
    expect(idle.length).toBeGreaterThan(10);
    expect(idle.reduce((a, b) => a + b, 0)).toBeGreaterThan(SPAN * 0.2);
    expect(gaps.filter((g) => g < 2_000).length).toBeGreaterThan(gaps.length / 2);
  });

  it('uses the caller-supplied time when given (live traffic)', () => {
    const g = createSquadGenerator({ seed: 1, startMs: START });
    const e = g.next(START + 12_345);
    expect(e.createdAtMs).toBe(START + 12_345);
  });

  it('is unlimited without count and stops at count otherwise', () => {
    const open = createSquadGenerator({ seed: 5, startMs: START });
    for (let i = 0; i < 20_000; i++) open.next();
    const closed = createSquadGenerator({ seed: 5, startMs: START, spanMs: SPAN, count: 3 });
    closed.next();
    closed.next();
    closed.next();
    expect(() => closed.next()).toThrow(RangeError);
  });
});
