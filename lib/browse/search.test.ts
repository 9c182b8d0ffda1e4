import { describe, expect, it } from 'vitest';
import { parseSearch, searchError } from './search';

describe('searchError', () => {
  it('accepts ordinary queries', () => {
    for (const q of ['type:question', 'hello', 'from:qa_tester to:broadcast "two words"', 'header:Nats-Msg-Id', 'header:Nats-Msg-Id=abc', 'foo:', 'http://x', 'type:"a b"']) {
      expect(searchError(q), q).toBeNull();
    }
  });
  it('refuses a known field with no value (it would scan the whole stream)', () => {
    expect(searchError('type:')).toMatch(/“type:” needs a value, e\.g\. type:question/);
    expect(searchError('hello from:')).toMatch(/“from:” needs a value/);
    expect(searchError('sender:')).toMatch(/“sender:” needs a value, e\.g\. from:qa_tester/);
    expect(searchError('TO:')).toMatch(/“TO:” needs a value/);
    expect(searchError('task:""')).toMatch(/“task:” needs a value/);
    expect(searchError('agent:" "')).toMatch(/needs a value/);
    expect(searchError('header:')).toMatch(/“header:” needs a value/);
  });
  it('refuses a header value without a name and an empty query', () => {
    expect(searchError('header:=x')).toMatch(/needs a header name/);
    expect(searchError('')).toMatch(/Type something/);
    expect(searchError('   ')).toMatch(/Type something/);
  });
  it('leaves parseSearch as it was (unknown prefixes stay free text)', () => {
    expect(parseSearch('foo: bar')).toEqual({ text: 'foo: bar' });
    expect(parseSearch('type:question')).toEqual({ type: 'question' });
  });
});
