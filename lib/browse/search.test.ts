import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '@/lib/stream/reader';
import { compileSearch, parseSearch, searchError, searchErrorAt } from './search';

describe('searchError', () => {
  it('accepts ordinary queries', () => {
    for (const q of [
      'type:question',
      'hello',
      'from:qa_tester to:broadcast "two words"',
      'header:Nats-Msg-Id',
      'header:Nats-Msg-Id=abc',
      'foo:',
      'http://x',
      'type:"a b"',
    ]) {
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

const enc = new TextEncoder();
const msg = (subject: string, body: unknown, headers: [string, string][] = []): StreamMessage => ({
  seq: 1,
  subject,
  timeMs: 0,
  time: '',
  headers,
  data: enc.encode(typeof body === 'string' ? body : JSON.stringify(body)),
  size: 0,
});

describe('status: and event: (agent status and task lifecycle events)', () => {
  const failed = msg('agent.task.SQD-1.failed', { task_id: 'SQD-1', event: 'failed', title: 'T' });
  const errorStatus = msg('agent.status.qa1.error', { agent_id: 'qa1', status: 'error' });
  // A message whose type or text says "failed"/"error" is no task or status event.
  const chat = msg('agent.message.qa_tester.failed', {
    sender_id: 'qa1',
    recipient_id: null,
    message_type: 'failed',
    content: 'status error event failed',
    status: 'error',
    event: 'failed',
  });
  it('parses as fields (were free text before)', () => {
    expect(parseSearch('status:error event:failed')).toEqual({ status: 'error', event: 'failed' });
    expect(parseSearch('EVENT:Failed task:SQD-1')).toEqual({ event: 'Failed', task: 'SQD-1' });
  });
  it('matches only events of their kind, case-insensitively', () => {
    const ev = compileSearch(parseSearch('event:FAILED'));
    expect([failed, errorStatus, chat].map(ev)).toEqual([true, false, false]);
    const st = compileSearch(parseSearch('status:error'));
    expect([failed, errorStatus, chat].map(st)).toEqual([false, true, false]);
    expect(compileSearch(parseSearch('event:failed task:sqd-1'))(failed)).toBe(true);
    expect(compileSearch(parseSearch('event:failed task:SQD-2'))(failed)).toBe(false);
    expect(compileSearch(parseSearch('status:error event:failed'))(failed)).toBe(false);
  });
  it('reads the payload, not only the subject (any producer)', () => {
    const lying = msg('agent.task.SQD-1.failed', { task_id: 'SQD-1', event: 'completed' });
    expect(compileSearch(parseSearch('event:failed'))(lying)).toBe(false);
    expect(compileSearch(parseSearch('event:failed'))(msg('agent.task.x.failed', 'not json'))).toBe(
      false,
    );
    // nats-py escapes non-ASCII characters: the value still matches.
    const escaped = msg('agent.status.a.b', '{"agent_id":"a","status":"bl\\u00f6d"}');
    expect(compileSearch(parseSearch('status:blöd'))(escaped)).toBe(true);
  });
  it('needs a value, like every field', () => {
    expect(searchError('status:')).toMatch(/“status:” needs a value, e\.g\. status:error/);
    expect(searchError('event:""')).toMatch(/“event:” needs a value, e\.g\. event:failed/);
  });
});

describe('searchErrorAt', () => {
  it('points at the bad token', () => {
    for (const [q, tok] of [
      ['type:', 'type:'],
      ['hello from:', 'from:'],
      ['a b task:"" c', 'task:""'],
      ['x header:=v', 'header:=v'],
      ['event:failed status:', 'status:'],
    ] as const) {
      const e = searchErrorAt(q);
      expect(e, q).not.toBeNull();
      expect(q.slice(e!.start, e!.end), q).toBe(tok);
      expect(e!.message).toBe(searchError(q));
    }
    expect(searchErrorAt('  ')).toEqual({
      message: 'Type something to search for.',
      start: 0,
      end: 0,
    });
    expect(searchErrorAt('event:failed')).toBeNull();
  });
});
