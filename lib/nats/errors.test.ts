import { describe, expect, it } from 'vitest';
import { explainNatsError, isTransientNatsError } from './errors';

describe('explainNatsError', () => {
  it('recognises a missing stream by API code and by text', () => {
    const e = Object.assign(new Error('stream not found'), { api_error: { err_code: 10059 } });
    expect(explainNatsError(e, { stream: 'x' }).code).toBe('stream-not-found');
    expect(explainNatsError(new Error('stream not found'), { stream: 'x' }).message).toContain('"x"');
  });
  it('names the missing permission', () => {
    const r = explainNatsError(new Error('Permissions Violation for Publish to "$JS.API.STREAM.PURGE.s"'));
    expect(r.code).toBe('permission');
    expect(r.message).toContain('publish on "$JS.API.STREAM.PURGE.s"');
  });
  it('maps no responders and timeouts', () => {
    expect(explainNatsError(new Error('503 no responders')).code).toBe('no-responders');
    expect(explainNatsError(new Error('TIMEOUT')).code).toBe('timeout');
    expect(explainNatsError('weird').code).toBe('unknown');
  });
});

describe('isTransientNatsError', () => {
  it('is true for a lost request, a link down or JetStream recovering, false for API answers', () => {
    expect(isTransientNatsError(Object.assign(new Error('timeout'), { name: 'TimeoutError' }))).toBe(true);
    expect(isTransientNatsError(new Error('connection closed'))).toBe(true);
    expect(isTransientNatsError(new Error('JetStream system temporarily unavailable'))).toBe(true);
    expect(isTransientNatsError(new Error('stream not found'))).toBe(false);
    expect(isTransientNatsError(new Error('consumer filter subject is not a valid subset of the interest subjects'))).toBe(false);
    expect(isTransientNatsError(new Error('Permissions Violation for Publish to "$JS.API.CONSUMER.CREATE.x"'))).toBe(false);
  });
});
