import { describe, expect, it } from 'vitest';
import { formatUserMetadata, userMetadata } from './metadata';

describe('userMetadata', () => {
  it('hides the keys newer servers add to every stream and consumer', () => {
    // As nats-server 2.15 returns a stream's config.metadata (read in the integration test).
    const meta = {
      '_nats.level': '5',
      '_nats.req.level': '2',
      '_nats.ver': '2.15.3',
      owner: 'squad',
      'app.tier': 'gold',
    };
    expect(userMetadata(meta)).toEqual([
      ['app.tier', 'gold'],
      ['owner', 'squad'],
    ]);
    expect(formatUserMetadata(meta)).toBe('app.tier=gold, owner=squad');
  });

  it('shows a dash when only server keys or nothing is there (2.9 sends no metadata)', () => {
    expect(formatUserMetadata({ '_nats.ver': '2.12.15', '_nats.level': '2' })).toBe('—');
    expect(formatUserMetadata(undefined)).toBe('—');
    expect(formatUserMetadata(null)).toBe('—');
    expect(userMetadata({})).toEqual([]);
  });

  it('keeps keys that only look similar (`_nats` without the dot, `nats.`)', () => {
    expect(userMetadata({ _natsy: 'a', 'nats.x': 'b' }).map(([k]) => k)).toEqual([
      '_natsy',
      'nats.x',
    ]);
  });
});
