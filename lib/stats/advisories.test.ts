import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  advisorySubjects,
  checkTime,
  parseAdvisory,
  sortAdvisories,
  TIME_MARGIN_MS,
  timeBounds,
  type Advisory,
} from './advisories';

const S = 'agent-messages';
const C = 'agent-processor';
const MAX = `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${S}.${C}`;
const TERM = `$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.${S}.${C}`;
const real = {
  type: 'io.nats.jetstream.advisory.v1.max_deliver',
  id: 'Jxq3ydmvXb9wX5Yz1mY2aB',
  timestamp: '2026-12-01T10:00:00.123456789Z',
  stream: S,
  consumer: C,
  stream_seq: 42,
  deliveries: 3,
};
const parse = (subject: string, body: unknown, seq?: number) =>
  parseAdvisory(subject, typeof body === 'string' ? body : JSON.stringify(body), seq);
const problems = (a: Advisory | null) => (a?.kind === 'malformed' ? a.problems : []);

describe('parseAdvisory validates', () => {
  it('accepts a real max-deliveries advisory (nanosecond time)', () => {
    expect(parse(MAX, real)).toMatchObject({
      kind: 'max-deliveries',
      streamSeq: 42,
      deliveries: 3,
      timeMs: Date.parse('2026-12-01T10:00:00.123Z'),
    });
  });

  it.each([
    ['stream_seq 1.5', { stream_seq: 1.5 }, /stream_seq 1.5 is not a whole number/],
    ['stream_seq 0', { stream_seq: 0 }, /stream_seq 0/],
    ['stream_seq as a string', { stream_seq: '42' }, /stream_seq "42"/],
    ['stream_seq beyond 2^53', { stream_seq: 2 ** 60 }, /stream_seq/],
    ['deliveries -5', { deliveries: -5 }, /deliveries -5 is not a whole number ≥ 1/],
    ['deliveries NaN-ish (null)', { deliveries: null }, /deliveries null/],
    ['missing stream_seq', { stream_seq: undefined }, /stream_seq missing/],
    ['missing timestamp', { timestamp: undefined }, /timestamp missing is not an RFC 3339 time/],
    ['timestamp as a number', { timestamp: 1764583200000 }, /timestamp 1764583200000/],
    ['timestamp not a date', { timestamp: 'yesterday' }, /timestamp "yesterday"/],
    ['timestamp without a zone', { timestamp: '2026-12-01T10:00:00' }, /RFC 3339/],
    ['missing id', { id: undefined }, /id missing/],
    ['empty id', { id: '' }, /id ""/],
    [
      'wrong type',
      { type: 'io.nats.jetstream.advisory.v1.terminated' },
      /type .* is not io.nats.jetstream.advisory.v1.max_deliver/,
    ],
    ['no type', { type: undefined }, /type missing/],
    [
      'stream differs from the subject',
      { stream: 'other' },
      /stream "other" does not match the subject's "agent-messages"/,
    ],
    ['consumer as a number', { consumer: 7 }, /consumer 7 does not match/],
  ])('%s → malformed', (_name, change, re) => {
    const a = parse(MAX, { ...real, ...change });
    expect(a?.kind).toBe('malformed');
    expect(problems(a).join('; ')).toMatch(re);
  });

  it('names every problem of a badly forged one', () => {
    const a = parse(MAX, {
      type: 'x',
      stream_seq: 1.5,
      deliveries: -5,
      timestamp: '9999-12-31T23:59:59Z',
    });
    expect(a).toMatchObject({ kind: 'malformed', claims: 'max deliveries' });
    expect(problems(a).length).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['not JSON', '{nope', /not JSON/],
    ['a JSON array', '[1,2]', /not a JSON object/],
    ['JSON null', 'null', /not a JSON object/],
    ['invalid UTF-8', new Uint8Array([0xff, 0xfe]), /not JSON/],
  ])('a body that is %s → malformed', (_n, body, re) => {
    const a = parseAdvisory(MAX, body);
    expect(problems(a).join('; ')).toMatch(re);
  });

  it('fields that are objects with a toString or valueOf key do not make it throw', () => {
    const evil = { toString: 1, valueOf: 2 };
    for (const k of ['timestamp', 'id', 'stream_seq', 'deliveries', 'group', 'reason']) {
      expect(parse(MAX, { ...real, id: undefined, [k]: evil })?.kind).toBe('malformed');
    }
    const pinned = `$JS.EVENT.ADVISORY.CONSUMER.PINNED.${S}.${C}`;
    expect(
      parse(pinned, {
        ...real,
        type: 'io.nats.jetstream.advisory.v1.consumer_group_pinned',
        group: evil,
        pinned_id: evil,
      })?.kind,
    ).toBe('malformed');
    expect(
      parse('$JS.EVENT.ADVISORY.API.LIMIT_REACHED', {
        id: 'l',
        timestamp: real.timestamp,
        type: 'io.nats.jetstream.advisory.v1.api_limit_reached',
        server: evil,
        dropped: evil,
      })?.kind,
    ).toBe('malformed');
  });

  it('a subject with a token too many or too few → malformed', () => {
    expect(problems(parse(`${MAX}.extra`, real)).join()).toMatch(/3 tokens/);
    expect(problems(parse(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${S}`, real)).join()).toMatch(
      /1 tokens/,
    );
  });

  it('terminated needs consumer_seq; reason is optional text', () => {
    const t = { ...real, type: 'io.nats.jetstream.advisory.v1.terminated', consumer_seq: 9 };
    expect(parse(TERM, { ...t, reason: 'poison' })).toMatchObject({
      kind: 'terminated',
      reason: 'poison',
    });
    expect(parse(TERM, t)).toMatchObject({ kind: 'terminated' });
    expect(problems(parse(TERM, { ...t, consumer_seq: undefined })).join()).toMatch(
      /consumer_seq missing/,
    );
    expect(problems(parse(TERM, { ...t, reason: { x: 1 } })).join()).toMatch(/reason/);
  });

  it('ignores subjects it does not list', () => {
    expect(parse(`$JS.EVENT.ADVISORY.CONSUMER.CREATED.${S}.${C}`, real)).toBeNull();
    expect(parse('agent.message.x.y', real)).toBeNull();
  });
});

describe('newer advisories (nats-server 2.11+)', () => {
  const base = { id: 'e1', timestamp: '2026-12-01T10:00:00Z', stream: S, consumer: C };
  it('consumer pause and resume', () => {
    const sub = `$JS.EVENT.ADVISORY.CONSUMER.PAUSE.${S}.${C}`;
    const type = 'io.nats.jetstream.advisory.v1.consumer_pause';
    expect(
      parse(sub, { ...base, type, paused: true, pause_until: '2026-12-01T11:00:00Z' }),
    ).toMatchObject({ kind: 'paused', detail: 'paused until 2026-12-01T11:00:00.000Z' });
    // Go writes a zero time for pause_until on resume.
    expect(
      parse(sub, { ...base, type, paused: false, pause_until: '0001-01-01T00:00:00Z' }),
    ).toMatchObject({ kind: 'resumed' });
    expect(problems(parse(sub, { ...base, type, paused: 'yes' })).join()).toMatch(/paused "yes"/);
    expect(problems(parse(sub, { ...base, type, paused: true })).join()).toMatch(
      /pause_until missing/,
    );
  });
  it('pinned and unpinned', () => {
    expect(
      parse(`$JS.EVENT.ADVISORY.CONSUMER.PINNED.${S}.${C}`, {
        ...base,
        type: 'io.nats.jetstream.advisory.v1.consumer_group_pinned',
        group: 'g',
        pinned_id: 'p1',
      }),
    ).toMatchObject({ kind: 'pinned', detail: 'group g pinned to client p1' });
    expect(
      parse(`$JS.EVENT.ADVISORY.CONSUMER.UNPINNED.${S}.${C}`, {
        ...base,
        type: 'io.nats.jetstream.advisory.v1.consumer_group_unpinned',
        group: 'g',
        reason: 'timeout',
      }),
    ).toMatchObject({ kind: 'unpinned', detail: 'group g unpinned (timeout)' });
    expect(
      problems(
        parse(`$JS.EVENT.ADVISORY.CONSUMER.PINNED.${S}.${C}`, {
          ...base,
          type: 'io.nats.jetstream.advisory.v1.consumer_group_pinned',
          group: 3,
        }),
      ).length,
    ).toBe(2);
  });
  it('batch abandoned (stream only) and API limit reached (no stream)', () => {
    expect(
      parse(`$JS.EVENT.ADVISORY.STREAM.BATCH_ABANDONED.${S}`, {
        id: 'b',
        timestamp: base.timestamp,
        type: 'io.nats.jetstream.advisory.v1.stream_batch_abandoned',
        stream: S,
        batch: 'b1',
        reason: 'timeout',
      }),
    ).toMatchObject({ kind: 'batch-abandoned', consumer: '' });
    expect(
      parse('$JS.EVENT.ADVISORY.API.LIMIT_REACHED', {
        id: 'l',
        timestamp: base.timestamp,
        type: 'io.nats.jetstream.advisory.v1.api_limit_reached',
        server: 'n1',
        dropped: 12,
      }),
    ).toMatchObject({ kind: 'api-limit', stream: '' });
    expect(
      problems(
        parse('$JS.EVENT.ADVISORY.API.LIMIT_REACHED', {
          id: 'l',
          timestamp: base.timestamp,
          type: 'io.nats.jetstream.advisory.v1.api_limit_reached',
          server: 'n1',
          dropped: -1,
        }),
      ).join(),
    ).toMatch(/dropped -1/);
  });
  it('subjects the live view subscribes to', () => {
    expect(advisorySubjects('s')).toEqual([
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.s.*',
      '$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.s.*',
      '$JS.EVENT.ADVISORY.CONSUMER.PAUSE.s.*',
      '$JS.EVENT.ADVISORY.CONSUMER.PINNED.s.*',
      '$JS.EVENT.ADVISORY.CONSUMER.UNPINNED.s.*',
      '$JS.EVENT.ADVISORY.STREAM.BATCH_ABANDONED.s',
    ]);
  });
});

describe('times within the stream span', () => {
  const now = Date.parse('2026-12-02T00:00:00Z');
  const b = timeBounds('2026-11-01T00:00:00Z', '2026-12-01T23:00:00Z', now)!;
  it('a year-9999 advisory is malformed ("in the future")', () => {
    const a = checkTime(parse(MAX, { ...real, timestamp: '9999-12-31T23:59:59Z' })!, b);
    expect(a).toMatchObject({ kind: 'malformed' });
    expect(problems(a).join()).toMatch(/in the future/);
  });
  it('one from before the stream existed is malformed', () => {
    expect(
      problems(checkTime(parse(MAX, { ...real, timestamp: '2001-01-01T00:00:00Z' })!, b)).join(),
    ).toMatch(/before the stream was created/);
  });
  it('the margin tolerates clock skew at both ends', () => {
    expect(
      checkTime(
        parse(MAX, { ...real, timestamp: new Date(now + TIME_MARGIN_MS - 1000).toISOString() })!,
        b,
      ).kind,
    ).toBe('max-deliveries');
    expect(checkTime(parse(MAX, { ...real, timestamp: '2026-10-31T23:55:00Z' })!, b).kind).toBe(
      'max-deliveries',
    );
  });
  it('no bounds while the stream info is unknown', () => {
    expect(timeBounds(undefined, undefined, now)).toBeNull();
    expect(checkTime(parse(MAX, { ...real, timestamp: '9999-01-01T00:00:00Z' })!, null).kind).toBe(
      'max-deliveries',
    );
  });
});

describe('sortAdvisories', () => {
  const now = Date.parse('2026-12-02T00:00:00Z');
  const b = timeBounds('2026-11-01T00:00:00Z', '2026-12-01T23:00:00Z', now);
  it('keeps forged ones out of the dead letters and off the top', () => {
    const items = [
      parse(MAX, { ...real, id: 'future', timestamp: '9999-12-31T23:59:59Z' }, 3)!,
      parse(MAX, { ...real, id: 'half', stream_seq: 1.5 }, 2)!,
      parse(MAX, { ...real, id: 'neg', deliveries: -5 }, 4)!,
      parse(MAX, { ...real, id: 'ok1', timestamp: '2026-12-01T10:00:00Z' }, 1)!,
      parse(MAX, { ...real, id: 'ok2', timestamp: '2026-12-01T11:00:00Z', stream_seq: 43 }, 5)!,
      parse(MAX, { ...real, id: 'ok2', timestamp: '2026-12-01T11:00:00Z', stream_seq: 43 }, 5)!,
    ];
    const s = sortAdvisories(items, b, 100);
    expect(s.deadLetters.map((d) => d.id)).toEqual(['ok2', 'ok1']);
    // Latest received first (advisory-stream order), whatever time they claim.
    expect(s.malformed.map((d) => d.id)).toEqual(['neg', 'future', 'half']);
    expect(s.events).toEqual([]);
  });
  it('a forged advisory reusing a real id does not hide the real one', () => {
    const ok = parse(MAX, real, 1)!;
    const forged = parse(MAX, { ...real, deliveries: -5 }, 2)!;
    const s = sortAdvisories([forged, ok], b, 10);
    expect(s.deadLetters).toHaveLength(1);
    expect(s.malformed).toHaveLength(1);
  });
  it('never throws and never lists anything as a dead letter unless it is one (any JSON body)', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.dictionary(
          fc.constantFrom(
            'stream_seq',
            'deliveries',
            'timestamp',
            'id',
            'type',
            'stream',
            'consumer',
          ),
          fc.jsonValue(),
        ),
        (body, patch) => {
          for (const x of [body, { ...real, ...patch }]) {
            const a = parse(MAX, JSON.stringify(x));
            if (!a) return false;
            const s = sortAdvisories([a], b, 10);
            for (const d of s.deadLetters)
              if (
                !Number.isSafeInteger(d.streamSeq) ||
                d.streamSeq < 1 ||
                !Number.isSafeInteger(d.deliveries) ||
                d.deliveries < 1
              )
                return false;
          }
          return true;
        },
      ),
    );
  });
});
