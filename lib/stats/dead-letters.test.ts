import { describe, expect, it } from 'vitest';
import {
  deadLetterHeading,
  deadLetterSubjects,
  mergeAdvisories,
  parseAdvisory,
} from './dead-letters';
import { createSeriesStore } from './series-store';

const maxDeliver = {
  type: 'io.nats.jetstream.advisory.v1.max_deliver',
  id: 'abc',
  timestamp: '2026-01-01T00:00:01.5Z',
  stream: 'agent-messages',
  consumer: 'agent-processor',
  stream_seq: 42,
  deliveries: 3,
};

describe('dead-letter advisories', () => {
  it('the heading says when the list holds only the latest of those kept', () => {
    expect(deadLetterHeading(500, 1283)).toBe('Dead letters (latest 500 of 1,283)');
    expect(deadLetterHeading(2, 2)).toBe('Dead letters (2)');
    expect(deadLetterHeading(3, null)).toBe('Dead letters (3)'); // no advisory stream: live only
  });

  it('parses max-deliveries and terminated advisories', () => {
    expect(
      parseAdvisory(
        '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.agent-messages.agent-processor',
        JSON.stringify(maxDeliver),
        7,
      ),
    ).toEqual({
      id: 'abc',
      subject: '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.agent-messages.agent-processor',
      kind: 'max-deliveries',
      stream: 'agent-messages',
      consumer: 'agent-processor',
      streamSeq: 42,
      deliveries: 3,
      timeMs: Date.parse('2026-01-01T00:00:01.5Z'),
      advisorySeq: 7,
    });
    const term = parseAdvisory(
      '$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.s.c',
      JSON.stringify({
        ...maxDeliver,
        type: 'io.nats.jetstream.advisory.v1.terminated',
        stream: 's',
        consumer: 'c',
        consumer_seq: 5,
        id: 'x',
        reason: 'poison',
      }),
    );
    expect(term).toMatchObject({ kind: 'terminated', reason: 'poison' });
  });
  it('ignores other subjects; keeps malformed bodies as malformed advisories', () => {
    expect(
      parseAdvisory('$JS.EVENT.ADVISORY.CONSUMER.CREATED.s.c', JSON.stringify(maxDeliver)),
    ).toBeNull();
    expect(parseAdvisory('$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.s.c', '{nope')).toMatchObject({
      kind: 'malformed',
    });
    const sub = '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.agent-messages.agent-processor';
    expect(parseAdvisory(sub, JSON.stringify({ ...maxDeliver, stream_seq: 0 }))).toMatchObject({
      kind: 'malformed',
    });
  });
  it('merges newest received first, capped', () => {
    const a = parseAdvisory(
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.s.c',
      JSON.stringify(maxDeliver),
    )!;
    const b = { ...a, id: 'b', timeMs: a.timeMs + 10 };
    expect(mergeAdvisories([b], [a], 10).map((d) => d.id)).toEqual(['b', 'abc']);
    expect(mergeAdvisories([a], [b], 1)).toHaveLength(1);
    expect(deadLetterSubjects('s')).toEqual([
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.s.*',
      '$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.s.*',
    ]);
  });
});

describe('series store', () => {
  it('appends per key and notifies only on change', () => {
    const st = createSeriesStore<{ t: number }>(3);
    let calls = 0;
    st.subscribe(() => calls++);
    st.push('a', { t: 1 });
    const snap = st.getSnapshot();
    st.push('a', { t: 1 });
    expect(st.getSnapshot()).toBe(snap);
    for (let t = 2; t < 6; t++) st.push('a', { t });
    expect(
      st
        .getSnapshot()
        .get('a')
        ?.map((s) => s.t),
    ).toEqual([3, 4, 5]);
    expect(calls).toBe(5);
  });
});
