import { describe, expect, it } from 'vitest';
import { errors } from '@nats-io/nats-core';
import { JetStreamApiError } from '@nats-io/jetstream';
import {
  ConsumerNotFoundError,
  JetStreamNotEnabled,
  JetStreamStatusError,
  StreamNotFoundError,
} from './internals';
import {
  explainNatsError,
  isNoMessageError,
  isStreamNotFound,
  isTransientNatsError,
} from './errors';

// Real nats.js v3 error objects, built by their own classes as nats.js builds them (the shapes
// were captured from a real server: errors.int.test.ts checks the same on live answers).
const api = (code: number, err_code: number, description: string) =>
  new JetStreamApiError({ code, err_code, description });
const permission = (line: string) => {
  const pv = errors.PermissionViolationError.parse(line);
  if (!pv) throw new Error(`nats.js no longer parses ${line}`);
  return new errors.RequestError(pv.message, { cause: pv });
};
const noResponders = (subject: string) =>
  new errors.RequestError(`no responders: '${subject}'`, {
    cause: new errors.NoRespondersError(subject),
  });

describe('explainNatsError', () => {
  it('recognises a missing stream by its API code, from the class nats.js throws or the base class', () => {
    expect(
      explainNatsError(StreamNotFoundError.fromMessage('stream not found'), { stream: 'x' }).code,
    ).toBe('stream-not-found');
    expect(
      explainNatsError(api(404, 10059, 'stream not found'), { stream: 'x' }).message,
    ).toContain('"x"');
    expect(isStreamNotFound(api(404, 10059, 'stream not found'))).toBe(true);
  });
  it('does not go by the text, nor by nats.js v2 shapes', () => {
    // A message that merely says so is not the server's answer; neither is v2's api_error.
    expect(explainNatsError(new Error('stream not found')).code).toBe('unknown');
    expect(
      explainNatsError(Object.assign(new Error('x'), { api_error: { err_code: 10059 } })).code,
    ).toBe('unknown');
    expect(explainNatsError(new Error('503 no responders')).code).toBe('unknown');
    expect(explainNatsError(new Error('TIMEOUT')).code).toBe('unknown');
    expect(isStreamNotFound(new Error('stream not found'))).toBe(false);
    // And a reworded server answer is still told by its code.
    expect(explainNatsError(api(404, 10059, 'no such stream, sorry'), { stream: 'x' }).code).toBe(
      'stream-not-found',
    );
  });
  it('recognises a missing consumer', () => {
    const e = new ConsumerNotFoundError({
      code: 404,
      err_code: 10014,
      description: 'consumer not found',
    });
    expect(explainNatsError(e, { consumer: 'c' })).toMatchObject({
      code: 'consumer-not-found',
      message: 'Consumer "c" does not exist.',
    });
  });
  it('names the missing permission from the PermissionViolationError nats.js puts in the cause', () => {
    const r = explainNatsError(
      permission('Permissions Violation for Publish to "$JS.API.STREAM.PURGE.s"'),
    );
    expect(r.code).toBe('permission');
    expect(r.message).toContain('publish on "$JS.API.STREAM.PURGE.s"');
    expect(
      explainNatsError(permission('Permissions Violation for Subscription to "agent.>"')).message,
    ).toContain('subscription on "agent.>"');
  });
  it('tells JetStream off (nats.js: JetStreamNotEnabled over no responders) from other no-responders', () => {
    const off = new JetStreamNotEnabled('jetstream is not enabled', {
      cause: noResponders('$JS.API.INFO'),
    });
    expect(explainNatsError(off).code).toBe('jetstream-disabled');
    expect(explainNatsError(api(503, 10039, 'jetstream not enabled for account')).code).toBe(
      'jetstream-disabled',
    );
    expect(explainNatsError(noResponders('svc')).code).toBe('no-responders');
    expect(explainNatsError(new JetStreamStatusError('no responders', 503)).code).toBe(
      'no-responders',
    );
  });
  it('maps timeouts, lost connections and the rest', () => {
    expect(explainNatsError(new errors.TimeoutError()).code).toBe('timeout');
    expect(explainNatsError(new JetStreamStatusError('request timeout', 408)).code).toBe('timeout');
    expect(explainNatsError(new errors.ClosedConnectionError()).code).toBe('disconnected');
    expect(explainNatsError(new errors.RequestError('connection disconnected')).code).toBe(
      'disconnected',
    );
    expect(
      explainNatsError(
        api(400, 10093, 'consumer filter subject is not a valid subset of the interest subjects'),
      ),
    ).toMatchObject({
      code: 'unknown',
      message: 'consumer filter subject is not a valid subset of the interest subjects',
    });
    expect(explainNatsError('weird').code).toBe('unknown');
  });
});

describe('isTransientNatsError', () => {
  it('is true for a lost request, a link down or JetStream recovering', () => {
    expect(isTransientNatsError(new errors.TimeoutError())).toBe(true);
    expect(isTransientNatsError(new errors.ClosedConnectionError())).toBe(true);
    expect(isTransientNatsError(new errors.RequestError('connection closed'))).toBe(true);
    expect(isTransientNatsError(noResponders('$JS.API.CONSUMER.CREATE.s'))).toBe(true);
    expect(isTransientNatsError(api(503, 10008, 'JetStream system temporarily unavailable'))).toBe(
      true,
    );
  });
  it('is false for API answers, a refused permission and JetStream off', () => {
    expect(isTransientNatsError(api(404, 10059, 'stream not found'))).toBe(false);
    expect(
      isTransientNatsError(
        api(400, 10093, 'consumer filter subject is not a valid subset of the interest subjects'),
      ),
    ).toBe(false);
    expect(
      isTransientNatsError(
        permission('Permissions Violation for Publish to "$JS.API.CONSUMER.CREATE.x"'),
      ),
    ).toBe(false);
    expect(
      isTransientNatsError(
        new JetStreamNotEnabled('jetstream is not enabled', {
          cause: noResponders('$JS.API.INFO'),
        }),
      ),
    ).toBe(false);
    // Words are not errors: a plain Error saying "timeout" is not nats.js's TimeoutError.
    expect(isTransientNatsError(new Error('timeout'))).toBe(false);
  });
});

describe('isNoMessageError', () => {
  it('is the get APIs’ "no message found" (10037), not any "not found"', () => {
    expect(isNoMessageError(api(404, 10037, 'no message found'))).toBe(true);
    expect(isNoMessageError(new JetStreamStatusError('message not found', 404))).toBe(true);
    expect(isNoMessageError(StreamNotFoundError.fromMessage('stream not found'))).toBe(false);
    expect(isNoMessageError(new Error('no message found'))).toBe(false);
  });
});
