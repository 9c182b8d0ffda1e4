import { describe, expect, it } from 'vitest';
import { SEED_STREAM_CONFIG } from '../agents/schema';
import { diffStreamConfig } from './config-diff';

const actual = {
  ...SEED_STREAM_CONFIG,
  subjects: ['agent.task.>', 'agent.message.>', 'agent.status.>'],
  max_bytes: -1,
  num_replicas: 1,
  allow_direct: true,
};

describe('config diff against the seed', () => {
  it('finds no difference for the seed configuration (subject order ignored)', () => {
    const rows = diffStreamConfig(actual, SEED_STREAM_CONFIG);
    expect(rows.filter((r) => r.differs)).toEqual([]);
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey.max_age?.actual).toBe('7d 00h');
    expect(byKey.duplicate_window?.seed).toBe('2m 00s');
    expect(byKey.max_bytes).toMatchObject({ actual: 'unlimited', seed: '—', differs: false });
    expect(byKey.allow_direct?.actual).toBe('yes');
  });
  it('highlights drift', () => {
    const rows = diffStreamConfig(
      { ...actual, max_msgs: 5000, storage: 'memory', subjects: ['agent.>'] },
      SEED_STREAM_CONFIG,
    );
    expect(rows.filter((r) => r.differs).map((r) => r.key)).toEqual([
      'subjects',
      'max_msgs',
      'storage',
    ]);
    expect(rows.find((r) => r.key === 'max_msgs')).toMatchObject({
      actual: '5,000',
      seed: '1,000,000',
    });
  });
  it('shows the user’s metadata and hides the server’s _nats.* keys (2.11+ add them to every stream)', () => {
    const meta = {
      '_nats.level': '5',
      '_nats.req.level': '0',
      '_nats.ver': '2.15.3',
      team: 'agents',
    };
    const row = diffStreamConfig({ ...actual, metadata: meta }, SEED_STREAM_CONFIG).find(
      (r) => r.key === 'metadata',
    );
    expect(row).toMatchObject({
      label: 'Metadata',
      actual: 'team=agents',
      seed: '—',
      differs: false,
    });
    const serverOnly = diffStreamConfig(
      { ...actual, metadata: { '_nats.ver': '2.15.3' } },
      SEED_STREAM_CONFIG,
    ).find((r) => r.key === 'metadata');
    expect(serverOnly?.actual).toBe('—');
  });
});
