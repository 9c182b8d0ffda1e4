import { describe, expect, it } from 'vitest';
import { JetStreamApiError, type StreamInfo } from '@nats-io/jetstream';
import { errors } from '@nats-io/nats-core';
import { isConsumerRefusal, modeFromInfo } from './read-mode';

const info = (c: Partial<StreamInfo['config']>) =>
  ({
    config: {
      subjects: ['agent.message.>', 'agent.status.>', 'agent.task.>'],
      retention: 'limits',
      ...c,
    },
  }) as unknown as Pick<StreamInfo, 'config'>;
const page = { bulk: false, refused: false };
const bulk = { bulk: true, refused: false };

describe('modeFromInfo', () => {
  it('limits stream: a consumer unless the filter is not within one subject', () => {
    expect(modeFromInfo(info({}), undefined, page)).toEqual({ kind: 'consumer' });
    expect(modeFromInfo(info({}), 'agent.status.*.idle', page)).toEqual({ kind: 'consumer' });
    expect(modeFromInfo(info({ allow_direct: true }), 'agent.*.*.*', page)).toEqual({
      kind: 'get',
      direct: true,
    });
    expect(modeFromInfo(info({}), 'agent.*.audit.*', page)).toEqual({ kind: 'get', direct: false });
    expect(modeFromInfo(info({}), 'agent.*.*.*', bulk)).toEqual({ kind: 'unfiltered' });
    expect(modeFromInfo(info({}), 'nothing.here', page)).toEqual({ kind: 'empty' });
    expect(modeFromInfo(info({}), 'nothing.here', bulk)).toEqual({ kind: 'empty' });
  });
  it('work-queue stream: always by get (never a consumer), empty for a disjoint filter', () => {
    const wq = info({
      retention: 'workqueue' as StreamInfo['config']['retention'],
      allow_direct: true,
    });
    for (const f of [undefined, 'agent.status.>', 'agent.*.*.*']) {
      expect(modeFromInfo(wq, f, page), f).toEqual({ kind: 'get', direct: true });
      expect(modeFromInfo(wq, f, bulk), f).toEqual({ kind: 'get', direct: true });
    }
    expect(modeFromInfo(wq, 'nothing.here', page)).toEqual({ kind: 'empty' });
  });
  it('2.10+: a filter spanning stream subjects is one consumer with a filter per subject', () => {
    const multi = { bulk: false, refused: false, multiFilter: true };
    expect(modeFromInfo(info({}), 'agent.*.*.*', multi)).toEqual({
      kind: 'consumer',
      filters: ['agent.message.*.*', 'agent.status.*.*', 'agent.task.*.*'],
    });
    expect(modeFromInfo(info({}), 'agent.*.audit.*', { ...multi, bulk: true })).toEqual({
      kind: 'consumer',
      filters: ['agent.message.audit.*', 'agent.status.audit.*', 'agent.task.audit.*'],
    });
    expect(modeFromInfo(info({}), 'agent.status.>', multi)).toEqual({ kind: 'consumer' });
    // Work queues and refusals still read by get (by batch on 2.11+).
    expect(
      modeFromInfo(
        info({ retention: 'workqueue' as StreamInfo['config']['retention'] }),
        'agent.*.*.*',
        multi,
      ),
    ).toEqual({ kind: 'get', direct: false });
    expect(modeFromInfo(info({}), 'agent.*.*.*', { ...multi, refused: true })).toEqual({
      kind: 'get',
      direct: false,
    });
  });
  it('interest streams keep the consumer path (as before)', () => {
    expect(
      modeFromInfo(
        info({ retention: 'interest' as StreamInfo['config']['retention'] }),
        undefined,
        page,
      ),
    ).toEqual({ kind: 'consumer' });
  });
  it('a refused consumer reads by get; unknown info (no permission) tries a consumer first', () => {
    expect(modeFromInfo(info({}), undefined, { bulk: false, refused: true })).toEqual({
      kind: 'get',
      direct: false,
    });
    expect(modeFromInfo(null, 'x.y', page)).toEqual({ kind: 'consumer' });
    expect(modeFromInfo(null, 'x.y', { bulk: true, refused: true })).toEqual({
      kind: 'get',
      direct: false,
    });
  });
});

describe('isConsumerRefusal', () => {
  it('recognises the refusals a get can work around, and nothing else', () => {
    // Real nats.js v3 errors: the API's answer (err_code) and the permission refusal nats.js
    // wraps in a RequestError (captured from a real server in lib/nats/errors.int.test.ts).
    const api = (description: string, err_code: number) =>
      new JetStreamApiError({ code: 400, err_code, description });
    expect(isConsumerRefusal(api('consumer in pull mode requires ack policy', 10084))).toBe(true);
    expect(
      isConsumerRefusal(
        api('consumer filter subject is not a valid subset of the interest subjects', 10093),
      ),
    ).toBe(true);
    expect(
      isConsumerRefusal(
        api('multiple non-filtered consumers not allowed on workqueue stream', 10099),
      ),
    ).toBe(true);
    expect(isConsumerRefusal(api('workqueue stream requires explicit ack', 10098))).toBe(true);
    const pv = errors.PermissionViolationError.parse(
      'Permissions Violation for Publish to "$JS.API.CONSUMER.CREATE.x"',
    );
    expect(isConsumerRefusal(new errors.RequestError(pv?.message, { cause: pv }))).toBe(true);
    expect(isConsumerRefusal(api('stream not found', 10059))).toBe(false);
    expect(isConsumerRefusal(new errors.TimeoutError())).toBe(false);
    // The words alone are not the server's refusal.
    expect(isConsumerRefusal(new Error('consumer in pull mode requires ack policy'))).toBe(false);
    expect(isConsumerRefusal(null)).toBe(false);
  });
});
