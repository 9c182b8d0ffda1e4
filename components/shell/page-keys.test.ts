import { describe, expect, it } from 'vitest';
import { pageKeysFor } from './page-keys';

describe('pageKeysFor', () => {
  it('finds a page by its path, and a task page by its parent’s /* entry', () => {
    expect(pageKeysFor('/tasks')?.title).toBe('Tasks');
    expect(pageKeysFor('/tasks/abc-123')?.title).toBe('Task');
    expect(pageKeysFor('/compare')?.title).toBe('Compare');
    expect(pageKeysFor('/messages')?.title).toBe('Messages');
    expect(pageKeysFor('/stats')).toBeUndefined();
  });
});
