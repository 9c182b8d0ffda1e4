import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkTime, clampSeq } from './seek';
import { backwardWindow, nextWindowWidth } from './paging';
import { childrenOf } from './tree';
import { compileSearch, parseSearch } from './search';
import { csvCell, toCsvLine, toNdjsonLine, CSV_HEADER } from './export';
import { toRow } from './rows';
import { validateSubjectFilter } from '@/lib/nats/subjects';
import type { StreamMessage } from '@/lib/stream/reader';

const b = {
  first: 10,
  last: 1000,
  messages: 900,
  firstMs: Date.parse('2026-01-01T00:00:00Z'),
  lastMs: Date.parse('2026-01-02T00:00:00Z'),
};
const enc = new TextEncoder();
const msg = (
  seq: number,
  subject: string,
  payload: unknown,
  headers: [string, string][] = [],
): StreamMessage => {
  const data = enc.encode(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return {
    seq,
    subject,
    timeMs: 0,
    time: '2026-01-01T00:00:00.000000000Z',
    headers,
    data,
    size: data.length,
  };
};
const agentMsg = (over: Record<string, unknown> = {}) => ({
  id: 'm1',
  sender_id: 'a1',
  recipient_id: null,
  content: 'Please review PR 12',
  message_type: 'question',
  task_execution_id: 'T-9',
  metadata: { sender_role: 'tech_lead', recipient_role: null },
  created_at: '2026-01-01T00:00:00Z',
  ...over,
});

describe('seek clamping', () => {
  it('clamps bad sequences with a notice', () => {
    expect(clampSeq('500', b)).toEqual({ seq: 500, notice: null });
    for (const raw of ['0', '-1']) expect(clampSeq(raw, b)?.notice).toMatch(/sequences start at 1/);
    expect(clampSeq('5', b)).toMatchObject({ seq: 10 });
    expect(clampSeq('1e20', b)).toMatchObject({ seq: 1000 });
    expect(clampSeq('1e20', b)?.notice).toMatch(/beyond the last/);
    expect(clampSeq('NaN', b)?.notice).toMatch(/not a sequence number/);
    expect(clampSeq('abc', b)).toMatchObject({ seq: 1000 });
    expect(clampSeq('12.5', b)).toMatchObject({ seq: 12 });
    expect(clampSeq('5', { first: 1, last: 0, messages: 0 })).toBeNull();
    fc.assert(
      fc.property(fc.string(), (s) => {
        const c = clampSeq(s, b);
        return c !== null && c.seq >= b.first && c.seq <= b.last;
      }),
    );
  });
  it('checks times against the stream range', () => {
    expect(checkTime('yesterday', b).ok).toBe(false);
    expect(checkTime('2025-12-31T00:00:00Z', b)).toMatchObject({ ok: true, clamp: 'first' });
    expect(checkTime('2026-01-03T00:00:00Z', b)).toMatchObject({ ok: true, clamp: 'last' });
    expect(checkTime('2026-01-01T12:00:00Z', b)).toMatchObject({
      ok: true,
      clamp: null,
      notice: null,
    });
  });
});

describe('paging maths', () => {
  it('windows end at the boundary and never go before first', () => {
    expect(backwardWindow(1000, 200, 1)).toEqual({ start: 801, end: 1000 });
    expect(backwardWindow(50, 200, 10)).toEqual({ start: 10, end: 50 });
  });
  it('grows windows from the density seen, at least doubling', () => {
    expect(nextWindowWidth(800, 0, 200)).toBe(6400);
    expect(nextWindowWidth(800, 100, 100)).toBe(1600);
    expect(nextWindowWidth(800, 10, 190)).toBe(22800);
    expect(nextWindowWidth(1e6, 0, 10)).toBe(1e6);
  });
});

describe('subject tree', () => {
  const counts = {
    'agent.message.qa.question': 3,
    'agent.message.qa.answer': 2,
    'agent.message.pm.question': 1,
    'agent.task.t1.created': 4,
    x: 1,
  };
  it('aggregates one level at a time with counts, leaves and filters', () => {
    const root = childrenOf(counts, '');
    expect(root.nodes.map((n) => [n.token, n.count, n.filter])).toEqual([
      ['agent', 10, 'agent.>'],
      ['x', 1, 'x'],
    ]);
    const kinds = childrenOf(counts, 'agent');
    expect(kinds.nodes.map((n) => [n.token, n.count, n.subjects])).toEqual([
      ['message', 6, 3],
      ['task', 4, 1],
    ]);
    const leaf = childrenOf(counts, 'agent.message.qa').nodes[0];
    expect(leaf).toMatchObject({
      token: 'question',
      leaf: true,
      filter: 'agent.message.qa.question',
    });
  });
  it('caps wide levels and counts the rest', () => {
    const many = Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [`agent.task.t${i}.created`, i]),
    );
    const lvl = childrenOf(many, 'agent.task', 50);
    expect(lvl.nodes).toHaveLength(50);
    expect(lvl.hidden).toBe(950);
    expect(lvl.nodes[0]?.token).toBe('t999');
  });
});

describe('subject filter validation edge cases', () => {
  it.each([
    ['agent..x', /Empty token/],
    ['.agent', /Empty token/],
    ['agent.', /Empty token/],
    ['agent.>.x', /last token/],
    ['agent.a*', /stand alone/],
    ['a b', /spaces/],
    ['', /empty/],
  ])('%s', (f, re) => {
    const r = validateSubjectFilter(f);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });
  it('accepts wildcards in place', () => {
    for (const f of ['>', 'agent.>', 'agent.*.qa.*', 'agent.message.tech_lead.question'])
      expect(validateSubjectFilter(f).ok).toBe(true);
  });
});

describe('search matching', () => {
  it('parses fields, aliases and free text', () => {
    expect(parseSearch('type:question sender:qa "hello world" to:broadcast foo:bar')).toEqual({
      type: 'question',
      from: 'qa',
      to: 'broadcast',
      text: 'hello world foo:bar',
    });
  });
  const m = msg(1, 'agent.message.tech_lead.question', agentMsg());
  it('matches decoded fields, headers and free text', () => {
    const t = (q: string, x = m) => compileSearch(parseSearch(q))(x);
    expect(t('review pr')).toBe(true);
    expect(t('nothing-here')).toBe(false);
    expect(t('type:question from:tech_lead to:broadcast task:T-9 agent:a1')).toBe(true);
    expect(t('type:answer')).toBe(false);
    expect(t('to:qa_tester')).toBe(false);
    expect(t('from:a1')).toBe(true);
    expect(t('header:Nats-Msg-Id')).toBe(false);
    const h = msg(2, 'agent.status.a1.online', { agent_id: 'a1', status: 'online' }, [
      ['Nats-Msg-Id', 'abc-123'],
    ]);
    expect(t('header:nats-msg-id=ABC', h)).toBe(true);
    expect(t('header:Nats-Msg-Id=zzz', h)).toBe(false);
    expect(t('type:online agent:a1', h)).toBe(true);
    expect(t('type:question', msg(3, 'x', 'not json type:question'))).toBe(false);
    expect(t('binary', msg(4, 'x', '\u0000binary'))).toBe(true);
  });
});

describe('export and rows', () => {
  const m = msg(7, 'agent.message.tech_lead.question', agentMsg({ content: 'a, "quoted"\nline' }), [
    ['Nats-Msg-Id', 'm1'],
  ]);
  it('writes NDJSON with the payload as text, headers as pairs', () => {
    const line = toNdjsonLine(m);
    expect(line.endsWith('\n')).toBe(true);
    const o = JSON.parse(line) as {
      seq: number;
      headers: [string, string][];
      payload: string;
      encoding?: string;
    };
    expect(o.seq).toBe(7);
    expect(o.headers).toEqual([['Nats-Msg-Id', 'm1']]);
    expect(JSON.parse(o.payload)).toMatchObject({ content: 'a, "quoted"\nline' });
    expect(o.encoding).toBeUndefined();
  });
  it('writes CSV with RFC 4180 quoting and no formula injection', () => {
    expect(CSV_HEADER.split(',')).toHaveLength(10);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(42)).toBe('42');
    const line = toCsvLine(m);
    expect(
      line.startsWith(
        '7,2026-01-01T00:00:00.000000000Z,agent.message.tech_lead.question,question,tech_lead,broadcast,',
      ),
    ).toBe(true);
  });
  it('builds compact rows for messages, statuses, tasks and generic payloads', () => {
    expect(toRow(m)).toMatchObject({
      kind: 'message',
      type: 'question',
      from: 'tech_lead',
      to: 'broadcast',
    });
    expect(toRow(msg(1, 'other.subject', 'plain text'))).toMatchObject({
      kind: 'generic',
      preview: 'plain text',
    });
    expect(toRow(msg(1, 'x', '\u0000\u0001'))).toMatchObject({
      kind: 'generic',
      preview: '(binary, 2 bytes)',
    });
    expect(toRow(msg(1, 'x', '')).preview).toBe('(empty)');
    expect(toRow(msg(1, 'x', 'y'.repeat(1000))).preview.length).toBeLessThanOrEqual(160);
  });
});
