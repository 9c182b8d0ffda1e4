import { describe, expect, it } from 'vitest';
import {
  groupSubjects,
  parseAgentSubject,
  sortSubjects,
  subjectRows,
  topTalkers,
} from './subjects';

const rows = subjectRows({
  'agent.message.tech_lead.question': 10,
  'agent.message.tech_lead.answer': 5,
  'agent.message.qa_tester.question': 7,
  'agent.status.a1.online': 3,
  'agent.status.a1.busy': 2,
  'agent.status.a2.online': 4,
  'agent.task.t1.created': 1,
  'agent.task.t2.created': 1,
  'other.thing': 9,
});

describe('subject grouping', () => {
  it('parses the contract subjects', () => {
    expect(parseAgentSubject('agent.message.tech_lead.question')).toEqual({
      kind: 'message',
      role: 'tech_lead',
      type: 'question',
    });
    expect(parseAgentSubject('agent.status.a1.online')).toEqual({
      kind: 'status',
      agent: 'a1',
      type: 'online',
    });
    expect(parseAgentSubject('foo')).toEqual({ kind: 'other' });
  });
  it('groups by kind, role, type and agent, largest first', () => {
    expect(groupSubjects(rows, 'kind')).toEqual([
      { key: 'message', count: 22, subjects: 3 },
      { key: 'other', count: 9, subjects: 1 },
      { key: 'status', count: 9, subjects: 3 },
      { key: 'task', count: 2, subjects: 2 },
    ]);
    expect(groupSubjects(rows, 'role').map((g) => [g.key, g.count])).toEqual([
      ['tech_lead', 15],
      ['qa_tester', 7],
    ]);
    expect(groupSubjects(rows, 'type').map((g) => [g.key, g.count])).toEqual([
      ['question', 17],
      ['status:online', 7],
      ['answer', 5],
      ['status:busy', 2],
      ['task:created', 2],
    ]);
    expect(groupSubjects(rows, 'agent').map((g) => [g.key, g.count])).toEqual([
      ['a1', 5],
      ['a2', 4],
    ]);
  });
  it('sorts and picks top talkers with shares', () => {
    expect(sortSubjects(rows, 'subject-asc')[0]?.subject).toBe('agent.message.qa_tester.question');
    expect(sortSubjects(rows, 'count-asc')[0]?.count).toBe(1);
    const top = topTalkers(rows, 2);
    expect(top.map((r) => r.subject)).toEqual(['agent.message.tech_lead.question', 'other.thing']);
    expect(top[0]?.share).toBeCloseTo(10 / 42);
  });
});
