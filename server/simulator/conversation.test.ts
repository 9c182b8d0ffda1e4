/**
 * The generated traffic reads as conversations: task lifecycles in order, questions answered,
 * reviews returned, statuses that chain. Separate from generator.test.ts to keep both short.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../lib/agents/decode';
import type { AgentMessage, AgentStatusEvent, AgentTaskEvent } from '../../lib/agents/schema';
import { createSquadGenerator } from './generator';
import { buildSquad } from './squad';
import { MAX_RETRIES } from './task-script';

const START = Date.parse('2026-01-01T00:00:00Z');
const COUNT = 8000;

type Item = { i: number; m?: AgentMessage; s?: AgentStatusEvent; t?: AgentTaskEvent };

const items: Item[] = (() => {
  const g = createSquadGenerator({ seed: 7, startMs: START, spanMs: 8 * 3600_000, count: COUNT });
  return Array.from({ length: COUNT }, (_, i) => {
    const e = g.next();
    const d = decodeEvent(e.subject, e.payload).event;
    if (d.kind === 'message') return { i, m: d.message };
    if (d.kind === 'status') return { i, s: d.status };
    if (d.kind === 'task') return { i, t: d.task };
    throw new Error('generic');
  });
})();
const msgs = items.filter((x) => x.m);
const tasks = new Map<string, Item[]>();
for (const x of items) if (x.t) tasks.set(x.t.task_id, [...(tasks.get(x.t.task_id) ?? []), x]);
const terminal = (evs: Item[]) => {
  const last = evs.at(-1)?.t;
  return last?.event === 'completed' || (last?.event === 'failed' && last.retries >= MAX_RETRIES);
};
const finished = new Set([...tasks].filter(([, evs]) => terminal(evs)).map(([id]) => id));

// Allowed next task events after each event.
const NEXT: Record<string, string[]> = {
  created: ['assigned'],
  assigned: ['started'],
  started: ['progress', 'blocked', 'failed', 'completed'],
  progress: ['progress', 'blocked', 'failed', 'completed'],
  blocked: ['started'],
  failed: ['assigned'],
  completed: [],
};

describe('task lifecycles', () => {
  it('go created → assigned → started … → completed | failed, retries counting up', () => {
    expect(finished.size).toBeGreaterThan(50);
    // Collect violations and assert once: thousands of expect() calls make the test slow.
    const bad: string[] = [];
    for (const [id, evs] of tasks) {
      const seq = evs.map((x) => x.t as AgentTaskEvent);
      if (seq[0]?.event !== 'created') bad.push(`${id} starts with ${seq[0]?.event}`);
      for (let k = 1; k < seq.length; k++) {
        const prev = seq[k - 1] as AgentTaskEvent;
        const cur = seq[k] as AgentTaskEvent;
        if (!NEXT[prev.event]?.includes(cur.event)) bad.push(`${id}: ${prev.event} → ${cur.event}`);
        if (cur.retries !== (prev.event === 'failed' ? prev.retries + 1 : prev.retries))
          bad.push(`${id}: retries`);
        if (cur.event === 'progress' && !(cur.progress! >= 0 && cur.progress! <= 100))
          bad.push(`${id}: progress`);
        if ((cur.event === 'failed' || cur.event === 'blocked') && !cur.reason)
          bad.push(`${id}: no reason`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('covers completions, failures with retries, blocks, and interleaved tasks', () => {
    const all = items.flatMap((x) => (x.t ? [x.t] : []));
    expect(all.some((t) => t.event === 'completed')).toBe(true);
    expect(all.some((t) => t.event === 'blocked')).toBe(true);
    expect(all.some((t) => t.event === 'failed' && t.retries === 0)).toBe(true);
    expect(all.some((t) => t.event === 'assigned' && t.retries > 0)).toBe(true);
    let open = 0;
    let maxOpen = 0;
    for (const x of items) {
      if (x.t?.event === 'created') open++;
      if (x.t && terminal([x])) open--;
      maxOpen = Math.max(maxOpen, open);
    }
    expect(maxOpen).toBeGreaterThanOrEqual(3);
  });

  it('pairs each assignment with a task_assignment from the PM to the assignee, who goes busy', () => {
    // Per task, the k-th assignment message and busy status belong to the k-th assigned event.
    const assignMsgs = new Map<string, AgentMessage[]>();
    const busy = new Map<string, AgentStatusEvent[]>();
    for (const x of items) {
      if (x.m?.message_type === 'task_assignment')
        assignMsgs.set(x.m.task_execution_id ?? '', [
          ...(assignMsgs.get(x.m.task_execution_id ?? '') ?? []),
          x.m,
        ]);
      if (x.s?.status === 'busy')
        busy.set(x.s.task_execution_id ?? '', [
          ...(busy.get(x.s.task_execution_id ?? '') ?? []),
          x.s,
        ]);
    }
    const bad: string[] = [];
    for (const [id, evs] of tasks) {
      evs
        .filter((x) => x.t?.event === 'assigned')
        .forEach((a, k) => {
          const msg = assignMsgs.get(id)?.[k];
          if (!msg) return; // cut off at the end of the window
          if (
            msg.metadata?.sender_role !== 'project_manager' ||
            msg.recipient_id !== a.t?.assignee_id
          )
            bad.push(`${id} message`);
          if (!msg.content.includes(a.t?.title.split(' ')[0] ?? '?')) bad.push(`${id} ticket`);
          const b = busy.get(id)?.[k];
          if (b && b.agent_id !== a.t?.assignee_id) bad.push(`${id} busy`);
        });
    }
    expect(bad).toEqual([]);
  });
});

describe('messages', () => {
  const pairs = (ask: string, reply: string) => {
    const asked = msgs.filter(
      (x) => x.m?.message_type === ask && finished.has(x.m.task_execution_id ?? ''),
    );
    expect(asked.length).toBeGreaterThan(10);
    const replies = new Map(
      msgs.filter((x) => x.m?.message_type === reply).map((x) => [x.m?.metadata?.in_reply_to, x]),
    );
    const bad: string[] = [];
    for (const q of asked) {
      const r = replies.get(q.m?.id);
      if (!r) bad.push(`${ask} ${q.m?.id} has no ${reply}`);
      else if (
        r.i <= q.i ||
        r.m?.sender_id !== q.m?.recipient_id ||
        r.m?.recipient_id !== q.m?.sender_id
      )
        bad.push(`${ask} ${q.m?.id} mismatched`);
    }
    expect(bad).toEqual([]);
  };
  it('every question gets an answer later, from the one asked', () => pairs('question', 'answer'));
  it('every review request gets a review later, from the reviewer', () =>
    pairs('code_review_request', 'code_review'));

  it('announcements are broadcasts from the PM', () => {
    const ann = msgs.filter((x) => x.m?.message_type === 'announcement');
    expect(ann.length).toBeGreaterThan(0);
    for (const x of ann) {
      expect(x.m?.recipient_id).toBeNull();
      expect(x.m?.metadata?.sender_role).toBe('project_manager');
    }
  });

  it('names agents consistently with the roster', () => {
    const roster = new Map(buildSquad().map((a) => [a.id, a]));
    const bad = msgs.filter((x) => {
      const from = roster.get(x.m?.sender_id ?? '');
      return from?.name !== x.m?.metadata?.sender_name || from?.role !== x.m?.metadata?.sender_role;
    });
    expect(bad).toEqual([]);
  });
});

describe('agent statuses', () => {
  it('chain: previous_status is the agent’s last status (offline at first)', () => {
    const last = new Map<string, string>();
    const seen = new Set<string>();
    const bad: number[] = [];
    for (const x of items) {
      if (!x.s) continue;
      if (
        x.s.previous_status !== (last.get(x.s.agent_id) ?? 'offline') ||
        x.s.status === x.s.previous_status
      )
        bad.push(x.i);
      last.set(x.s.agent_id, x.s.status);
      seen.add(x.s.status);
    }
    expect(bad).toEqual([]);
    expect([...seen].sort()).toEqual(['busy', 'error', 'idle', 'offline', 'online']);
  });

  it('an error is followed by the agent coming back online', () => {
    const statuses = items.flatMap((x) => (x.s ? [x.s] : []));
    const after = statuses.flatMap((s, k) => {
      if (s.status !== 'error') return [];
      const next = statuses.slice(k + 1).find((n) => n.agent_id === s.agent_id);
      return next ? [next.status] : [];
    });
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after)).toEqual(new Set(['online']));
  });

  it('supports bigger squads', () => {
    const g = createSquadGenerator({ seed: 1, startMs: START, squadSize: 14 });
    const agents = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const e = g.next();
      const d = decodeEvent(e.subject, e.payload).event;
      if (d.kind === 'status') agents.add(d.status.agent_id);
    }
    expect(agents.size).toBe(14);
  });
});
