import { describe, expect, it } from 'vitest';
import { SEED_CONSUMER_CONFIG, SEED_STREAM_CONFIG } from '../../lib/agents/schema';
import {
  ADVISORY_STREAM,
  advisoryStreamConfig,
  agentConsumerConfig,
  agentStreamConfig,
} from './setup';

describe('setup configs', () => {
  it('stream config is the seed’s, field by field, plus allow_direct', () => {
    const cfg = agentStreamConfig() as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(SEED_STREAM_CONFIG)) expect(cfg[k], k).toEqual(v);
    expect(cfg.allow_direct).toBe(true);
    expect(cfg.num_replicas).toBeUndefined();
    expect(agentStreamConfig('other', 3)).toMatchObject({ name: 'other', num_replicas: 3 });
  });

  it('consumer config is the seed’s, field by field', () => {
    expect(agentConsumerConfig()).toEqual({ ...SEED_CONSUMER_CONFIG });
  });

  it('advisory stream captures dead-letter advisories of the given stream', () => {
    const cfg = advisoryStreamConfig('agent-messages');
    expect(cfg.name).toBe(ADVISORY_STREAM);
    expect(cfg.subjects).toEqual([
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.agent-messages.>',
      '$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.agent-messages.>',
      '$JS.EVENT.ADVISORY.CONSUMER.PAUSE.agent-messages.>',
      '$JS.EVENT.ADVISORY.CONSUMER.PINNED.agent-messages.>',
      '$JS.EVENT.ADVISORY.CONSUMER.UNPINNED.agent-messages.>',
      '$JS.EVENT.ADVISORY.STREAM.BATCH_ABANDONED.agent-messages',
    ]);
    expect(cfg).toMatchObject({
      retention: 'limits',
      storage: 'file',
      max_msgs: 100_000,
      max_age: 7 * 24 * 3600 * 1e9,
    });
  });
});
