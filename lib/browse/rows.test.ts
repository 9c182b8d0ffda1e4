import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  agentColorKey,
  agentLabel,
  clip,
  intern,
  INTERN_MAX,
  isShortened,
  PREVIEW_CHARS,
  toRow,
} from './rows';
import { AGENT_ROLES_MAX, learnRole, resetRoles, roleOfId } from '@/lib/agents/roles';
import type { StreamMessage } from '@/lib/stream/reader';

/** The preview as it was first written (a rope of cons strings, same text). */
const ropeClip = (s: string) =>
  (s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS - 1)}…` : s).replace(/\s+/g, ' ');

describe('clip', () => {
  it('gives the same text as slice + replace (whitespace collapsed, at most PREVIEW_CHARS)', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', ' ', ' ', '\n', '\t', '\u00a0', '\u2028', 'é', '→', 'x'),
      maxLength: 400,
    });
    fc.assert(fc.property(text, (s) => clip(s) === ropeClip(s)));
    expect(clip('  hello \n\t world  ')).toBe(' hello world ');
    expect(clip('')).toBe('');
    expect(clip('plain words, one space each')).toBe('plain words, one space each');
    expect(clip('no\u00a0break')).toBe('no break');
    expect(clip('y'.repeat(1000))).toHaveLength(PREVIEW_CHARS);
    expect(clip('y'.repeat(1000)).endsWith('…')).toBe(true);
  });
});

describe('intern', () => {
  it('returns an equal string and stays bounded', () => {
    expect(intern('agents.messages.planner')).toBe('agents.messages.planner');
    for (let i = 0; i < INTERN_MAX * 2 + 10; i++) expect(intern(`s${i}`)).toBe(`s${i}`);
    expect(intern('after the reset')).toBe('after the reset');
  });
});

const enc = new TextEncoder();
const msg = (seq: number, subject: string, payload: unknown): StreamMessage => {
  const data = enc.encode(JSON.stringify(payload));
  return {
    seq,
    subject,
    timeMs: 0,
    time: '2026-01-01T00:00:00.000000000Z',
    headers: [],
    data,
    size: data.length,
  };
};
const PM = 'c54b660a-2f2e-4d7a-9a51-0f6f2f0c8b11';
const QA = '9f1e0d2c-1111-4222-8333-944455556666';
const task = (createdBy: string | null) => ({
  id: 't1',
  task_id: 'T-1',
  event: 'created',
  title: 'Fix login',
  assignee_id: null,
  assignee_role: null,
  created_by: createdBy,
  retries: 0,
  created_at: '2026-01-01T00:00:00Z',
});

describe('sender / recipient labels (id → role learned from decoded rows)', () => {
  it('shows a shortened id until a status event or message of that agent was decoded, then its role', () => {
    resetRoles();
    const t = toRow(msg(1, 'agent.task.T-1.created', task(PM)));
    expect(t.from).toBe(PM);
    expect(agentLabel(t.from)).toBe('c54b660a…');
    expect(isShortened(t.from)).toBe(true);
    toRow(
      msg(2, `agent.status.${PM}.online`, {
        agent_id: PM,
        status: 'online',
        agent_role: 'project_manager',
        agent_name: 'Pat',
        previous_status: null,
        created_at: '2026-01-01T00:00:00Z',
      }),
    );
    // The same row (decoded before) now shows the role: the label is looked up at render.
    expect(agentLabel(t.from)).toBe('Project manager');
    expect(agentColorKey(t.from)).toBe('project_manager');
    expect(isShortened(t.from)).toBe(false);
  });
  it('learns from messages (sender and recipient) and task assignees; ignores unknown and odd values', () => {
    resetRoles();
    toRow(
      msg(1, 'agent.message.x.question', {
        id: 'm',
        sender_id: QA,
        recipient_id: 'a-2222-3333-4444-5555',
        content: 'hi',
        message_type: 'question',
        task_execution_id: null,
        metadata: { sender_role: 'qa_tester', recipient_role: 'tech_lead' },
        created_at: '2026-01-01T00:00:00Z',
      }),
    );
    expect(roleOfId(QA)).toBe('qa_tester');
    expect(roleOfId('a-2222-3333-4444-5555')).toBe('tech_lead');
    toRow(
      msg(2, 'agent.task.T-2.assigned', {
        ...task(null),
        task_id: 'T-2',
        event: 'assigned',
        assignee_id: 'dev-00000000001',
        assignee_role: 'backend_developer',
      }),
    );
    expect(roleOfId('dev-00000000001')).toBe('backend_developer');
    toRow(
      msg(3, 'agent.status.z.online', {
        agent_id: 'z-000000000000001',
        status: 'online',
        created_at: '2026-01-01T00:00:00Z',
      }),
    );
    expect(roleOfId('z-000000000000001')).toBeUndefined();
    learnRole('w', 42);
    expect(roleOfId('w')).toBeUndefined();
    // Roles, names and short ids are shown as before.
    expect(agentLabel('qa_tester')).toBe('QA tester');
    expect(agentLabel('planner')).toBe('Planner');
    expect(agentLabel('Ada Lovelace')).toBe('Ada Lovelace');
    expect(agentLabel('qa-1')).toBe('qa-1');
    expect(agentLabel('broadcast')).toBe('broadcast');
    // Shared strings: the same label object every time (no allocation per render).
    expect(agentLabel(QA)).toBe(agentLabel(QA));
  });
  it('keeps a bounded map (oldest ids forgotten first)', () => {
    resetRoles();
    for (let i = 0; i < AGENT_ROLES_MAX + 10; i++) learnRole(`id-${i}-0000000000`, 'tech_lead');
    expect(roleOfId('id-0-0000000000')).toBeUndefined();
    expect(roleOfId(`id-${AGENT_ROLES_MAX + 9}-0000000000`)).toBe('tech_lead');
    resetRoles();
  });
});
