import { describe, expect, it } from 'vitest';
import { agentLabel, agentNameFrom, agentStatusSubjects } from './agents';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const ID = 'c54b660a-2f2e-4a51-9a4e-0d2b1f9a7c11';

describe('agent names for the by-agent chart', () => {
  it('labels an agent by name and role, from its status event', () => {
    const a = agentNameFrom(
      ID,
      enc({ agent_id: ID, agent_name: 'Ada', agent_role: 'backend_developer', status: 'online' }),
    );
    expect(agentLabel(a)).toBe('Ada · Backend developer');
  });
  it('falls back to the role, then a shortened id, for payloads that do not name the agent', () => {
    expect(agentLabel(agentNameFrom(ID, enc({ agent_role: 'qa_tester' })))).toBe(
      'QA tester c54b660a…',
    );
    expect(agentLabel(agentNameFrom(ID, enc('not json')))).toBe('c54b660a…');
    expect(agentLabel(agentNameFrom(ID, enc([1, 2])))).toBe('c54b660a…');
    expect(agentLabel(agentNameFrom(ID, enc({ agent_name: '  ', agent_role: 7 })))).toBe(
      'c54b660a…',
    );
    expect(agentLabel(agentNameFrom('a1', null))).toBe('a1');
  });
  it('picks the busiest status subject of each agent asked for', () => {
    const rows = [
      { subject: `agent.status.${ID}.online`, count: 2 },
      { subject: `agent.status.${ID}.busy`, count: 9 },
      { subject: 'agent.status.b.idle', count: 1 },
      { subject: 'agent.message.qa_tester.question', count: 50 },
    ];
    expect([...agentStatusSubjects(rows, [ID])]).toEqual([[ID, `agent.status.${ID}.busy`]]);
  });
});
