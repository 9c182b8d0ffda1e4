import { describe, expect, it } from 'vitest';
import { subjectMatches } from '@/lib/nats/subjects';
import type { StreamMessage } from '@/lib/stream/reader';
import { describeFilters, intersectFilters, pushdownFilters, pushdownNote } from './pushdown';
import { compileSearch, parseSearch } from './search';

const STREAM = ['agent.message.>', 'agent.status.>', 'agent.task.>'];
const pd = (q: string, filter?: string, subjects: string[] | undefined = STREAM) =>
  pushdownFilters(parseSearch(q), filter, subjects);

describe('intersectFilters', () => {
  it('intersects tokens, wildcards and tails', () => {
    expect(intersectFilters('agent.message.>', 'agent.*.*.question')).toBe(
      'agent.message.*.question',
    );
    expect(intersectFilters('agent.*.qa.*', 'agent.message.*.question')).toBe(
      'agent.message.qa.question',
    );
    expect(intersectFilters('a.>', '>')).toBe('a.>');
    expect(intersectFilters('a.*.>', 'a.b.>')).toBe('a.b.>');
    expect(intersectFilters('a.*', 'a.b.c')).toBeNull();
    expect(intersectFilters('agent.status.>', 'agent.message.>')).toBeNull();
    expect(intersectFilters('a.b', 'a.b')).toBe('a.b');
  });
});

describe('pushdownFilters', () => {
  it('maps the fields that are subject tokens', () => {
    expect(pd('type:question')).toEqual([
      'agent.message.*.question',
      'agent.status.*.question',
      'agent.task.*.question',
    ]);
    expect(pd('type:Question')).toEqual([
      'agent.message.*.question',
      'agent.status.*.question',
      'agent.task.*.question',
    ]);
    expect(pd('role:qa_tester')).toEqual(['agent.message.qa_tester.*']);
    expect(pd('event:Failed')).toEqual(['agent.task.*.failed']);
    expect(pd('status:error agent:qa1')).toEqual(['agent.status.qa1.error']);
    expect(pd('status:error event:failed')).toEqual([]);
    expect(pd('agent:a1')).toEqual(['agent.message.>', 'agent.status.a1.*', 'agent.task.>']);
    expect(pd('task:t9')).toEqual(['agent.message.>', 'agent.status.>', 'agent.task.t9.*']);
  });
  it('intersects combinations, the view filter and the stream subjects', () => {
    expect(pd('type:question role:qa_tester')).toEqual(['agent.message.qa_tester.question']);
    expect(pd('type:idle agent:a1')).toEqual([
      'agent.message.*.idle',
      'agent.status.a1.idle',
      'agent.task.*.idle',
    ]);
    expect(pd('type:question', 'agent.message.>')).toEqual(['agent.message.*.question']);
    expect(pd('type:question', 'agent.status.>')).toEqual(['agent.status.*.question']);
    expect(pd('type:question', 'other.>')).toEqual([]);
    expect(pd('type:question', undefined, ['agent.message.>'])).toEqual([
      'agent.message.*.question',
    ]);
    expect(pd('role:qa type:x', undefined, ['agent.status.>'])).toEqual([]);
  });
  it('does not narrow what no subject says, nor streams outside the convention', () => {
    for (const q of ['from:qa_tester', 'to:broadcast', 'header:X', 'hello', 'type:a.b', 'agent:*'])
      expect(pd(q), q).toBeNull();
    expect(pd('type:question', undefined, ['agent.>'])).toBeNull();
    expect(pd('type:question', undefined, ['agent.message.>', 'other.>'])).toBeNull();
    expect(pd('type:question', undefined, [])).toBeNull();
  });
  it('says what it filtered', () => {
    expect(describeFilters(['agent.message.*.question'])).toBe('agent.message.*.question');
    expect(describeFilters(['a', 'b', 'c', 'd'])).toBe('a, b and 2 more subjects');
    expect(describeFilters([])).toBe('nothing can match');
    expect(
      pushdownNote(
        { total: 61_204, streamMessages: 1_000_000, serverFilters: ['agent.message.*.question'] },
        'forward',
      ),
    ).toBe('reading 61,204 of 1,000,000 messages: only agent.message.*.question');
    expect(pushdownNote({ total: 9, serverFilters: ['a.b'] }, 'backward')).toBe(
      'the server sends only a.b',
    );
    expect(pushdownNote({ total: 9 }, 'forward')).toBeNull();
  });

  // The promise: a pushed-down scan finds what a full scan finds, on messages that follow the
  // subject convention (subject tokens equal to their payload's fields).
  it('loses no match of a full scan', () => {
    const enc = new TextEncoder();
    const msgs: StreamMessage[] = [];
    const roles = ['qa_tester', 'coder', 'pm'];
    const types = ['question', 'answer', 'idle', 'completed'];
    let seq = 0;
    const add = (subject: string, o: object) =>
      msgs.push({
        seq: ++seq,
        subject,
        timeMs: 0,
        time: '',
        headers: [],
        data: enc.encode(JSON.stringify(o)),
        size: 0,
      });
    for (let i = 0; i < 400; i++) {
      const role = roles[Math.floor(i / 3) % 3]!;
      const type = types[i % 4]!;
      const agent = `a${i % 5}`;
      const task = `t${i % 7}`;
      if (i % 3 === 0)
        add(`agent.message.${role}.${type}`, {
          message_type: type,
          sender_id: agent,
          recipient_id: i % 2 ? `a${(i + 1) % 5}` : null,
          task_execution_id: task,
          metadata: { sender_role: role },
          content: 'x',
        });
      else if (i % 3 === 1)
        add(`agent.status.${agent}.${type}`, {
          agent_id: agent,
          agent_role: role,
          status: type,
          task_execution_id: task,
        });
      else
        add(`agent.task.${task}.${type}`, {
          task_id: task,
          event: type,
          assignee_id: agent,
          assignee_role: role,
          created_by: 'a0',
        });
    }
    const queries = [
      'type:question',
      'type:idle agent:a1',
      'agent:a2',
      'task:t3',
      'role:coder',
      'role:pm type:answer',
      'task:t1 type:completed',
      'agent:a3 task:t2',
    ];
    for (const q of queries) {
      const match = compileSearch(parseSearch(q));
      const fs = pd(q)!;
      expect(fs, q).not.toBeNull();
      const full = msgs.filter(match).map((m) => m.seq);
      const pushed = msgs
        .filter((m) => fs.some((f) => subjectMatches(f, m.subject)))
        .filter(match)
        .map((m) => m.seq);
      expect(pushed, q).toEqual(full);
      expect(full.length, q).toBeGreaterThan(0);
    }
  });
});
