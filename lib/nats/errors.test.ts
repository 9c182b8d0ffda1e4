import { describe, expect, it } from 'vitest';
import { explainNatsError } from './errors';

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
