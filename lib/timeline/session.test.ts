import { describe, expect, it } from 'vitest';
import { clientKey, sessionStateLabel, viewFilters } from './session';

describe('timeline session helpers', () => {
  it('labels the state: paused first, then the backfill, then the connection', () => {
    expect(sessionStateLabel({ paused: true, catchingUp: true }, 'connected')).toBe('paused');
    expect(sessionStateLabel({ paused: false, catchingUp: true }, 'connected')).toBe(
      'reading backfill…',
    );
    expect(sessionStateLabel({ paused: false, catchingUp: false }, 'connected')).toBe('live');
    expect(sessionStateLabel({ paused: false, catchingUp: false }, 'reconnecting')).toBe(
      'reconnecting',
    );
  });

  it('builds the view filters from the URL keys (no agents = all lanes)', () => {
    const f = viewFilters('message,task', 'T1', '');
    expect([...f.kinds]).toEqual(['message', 'task']);
    expect(f.task).toBe('T1');
    expect(f.agents).toEqual([]);
    expect(viewFilters('status', null, 'a,b').agents).toEqual(['a', 'b']);
  });

  it('gives each connection object its own stable key, and 0 to none', () => {
    const a = {};
    const b = {};
    expect(clientKey(null)).toBe(0);
    expect(clientKey(a)).toBe(clientKey(a));
    expect(clientKey(a)).not.toBe(clientKey(b));
    expect(clientKey(a)).toBeGreaterThan(0);
  });
});
