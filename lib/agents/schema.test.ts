import { describe, expect, it } from 'vitest';
import { messageSubject, roleLabel, statusSubject, taskSubject } from './schema';

describe('schema helpers', () => {
  it('labels roles for people', () => {
    expect(roleLabel('backend_developer')).toBe('Backend developer');
    expect(roleLabel('qa_tester')).toBe('QA tester');
    expect(roleLabel('devops_engineer')).toBe('DevOps engineer');
    expect(roleLabel(null)).toBe('unknown');
  });
  it('builds the seed subjects', () => {
    expect(messageSubject('project_manager', 'task_assignment')).toBe(
      'agent.message.project_manager.task_assignment',
    );
    expect(statusSubject('uuid-123', 'online')).toBe('agent.status.uuid-123.online');
    expect(taskSubject('uuid-456', 'completed')).toBe('agent.task.uuid-456.completed');
  });
});

describe('roleLabel with hidden characters', () => {
  it('shows bidi controls and zero-width characters as marks', () => {
    expect(roleLabel('qa\u202E_tester\u200B')).toBe('Qa⟨U+202E⟩ tester⟨U+200B⟩');
  });
});
