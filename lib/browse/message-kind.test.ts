import { describe, expect, it } from 'vitest';
import { classifyMessage, describeKind, parseTtlMs, schedulePatternWords } from './message-kind';

const enc = (s: string) => new TextEncoder().encode(s);

// Header sets as nats-server 2.11–2.15 store them (read back with direct get).
describe('classifyMessage', () => {
  it('says nothing about an ordinary message', () => {
    expect(classifyMessage([['Nats-Msg-Id', 'abc']], enc('{}'))).toEqual([]);
    expect(classifyMessage([])).toEqual([]);
  });

  it('reads a delete marker with its reason and the marker’s own TTL (not a TTL chip)', () => {
    const kinds = classifyMessage([
      ['Nats-Marker-Reason', 'MaxAge'],
      ['Nats-TTL', '1m0s'],
      ['Nats-Rollup', 'sub'],
    ]);
    expect(kinds).toEqual([{ kind: 'delete-marker', reason: 'MaxAge', ttl: '1m0s' }]);
    const d = describeKind(kinds[0]!);
    expect(d.chip).toBe('delete marker · MaxAge');
    expect(d.text).toContain('reached its age limit');
    expect(d.text).toContain('expires 1m 00s after');
  });

  it('words every marker reason nats-server writes, and an unknown one', () => {
    expect(describeKind({ kind: 'delete-marker', reason: 'Purge', ttl: null }).text).toContain(
      'was purged',
    );
    expect(describeKind({ kind: 'delete-marker', reason: 'Remove', ttl: null }).text).toContain(
      'was deleted',
    );
    expect(describeKind({ kind: 'delete-marker', reason: 'Weird', ttl: null }).text).toContain(
      'reason “Weird”',
    );
  });

  it('reads a per-message TTL and dates its expiry from the stream time', () => {
    const kinds = classifyMessage([['Nats-TTL', '1h']]);
    expect(kinds).toEqual([{ kind: 'ttl', ttl: '1h', ms: 3_600_000 }]);
    const stored = Date.UTC(2026, 0, 1, 10, 0, 0);
    const d = describeKind(kinds[0]!, stored);
    expect(d.chip).toBe('TTL 1h 00m');
    expect(d.text).toContain('removes this message 1h 00m after it was stored');
    expect(d.text).toContain('(at ');
    expect(describeKind({ kind: 'ttl', ttl: 'never', ms: Infinity }).chip).toBe('TTL never');
    expect(describeKind({ kind: 'ttl', ttl: 'soon', ms: null }).text).toContain('not a duration');
  });

  it('reads a counter increment and the value from the server’s {"val"} body', () => {
    expect(classifyMessage([['Nats-Incr', '+5']], enc('{"val":"5"}'))).toEqual([
      { kind: 'counter', incr: '+5', value: '5', sourced: false },
    ]);
    const neg = classifyMessage(
      [
        ['Nats-Incr', '-2'],
        ['Nats-Counter-Sources', '{}'],
      ],
      enc('{"val":"3"}'),
    );
    expect(neg).toEqual([{ kind: 'counter', incr: '-2', value: '3', sourced: true }]);
    expect(describeKind(neg[0]!).text).toBe(
      'Counter increment of -2 on this subject. The counter’s value after it: 3. It includes counts sourced from other streams (Nats-Counter-Sources).',
    );
  });

  it('keeps a counter whose body is not the server’s (binary, not JSON, huge)', () => {
    for (const data of [
      new Uint8Array([0xff, 0xfe]),
      enc('not json'),
      enc('[1]'),
      new Uint8Array(10_000),
    ]) {
      expect(classifyMessage([['Nats-Incr', '+1']], data)).toEqual([
        { kind: 'counter', incr: '+1', value: null, sourced: false },
      ]);
    }
  });

  it('reads a schedule with its target, TTL, time zone and source', () => {
    const kinds = classifyMessage([
      ['Nats-Schedule', '@every 1h'],
      ['Nats-Schedule-Target', 'k.rep'],
      ['Nats-Schedule-TTL', '5m'],
      ['Nats-Schedule-Time-Zone', 'Europe/Paris'],
      ['Nats-Rollup', 'sub'],
    ]);
    expect(kinds).toEqual([
      {
        kind: 'schedule',
        pattern: '@every 1h',
        target: 'k.rep',
        ttl: '5m',
        timeZone: 'Europe/Paris',
        source: null,
      },
    ]);
    expect(describeKind(kinds[0]!).text).toBe(
      'Message schedule: the server publishes this payload to k.rep every 1h 00m. (time zone Europe/Paris; each published message has a TTL of 5m 00s.)',
    );
    const src = classifyMessage([
      ['Nats-Schedule', '0 0 * * * *'],
      ['Nats-Schedule-Source', 'k.latest'],
    ]);
    expect(describeKind(src[0]!).text).toBe(
      'Message schedule: the server publishes the last message on k.latest on the cron schedule “0 0 * * * *”.',
    );
  });

  it('reads a message a schedule produced, one-off or repeating', () => {
    const once = classifyMessage([
      ['Nats-Scheduler', 'k.sched.one'],
      ['Nats-Schedule-Next', 'purge'],
    ]);
    expect(once).toEqual([{ kind: 'scheduled', scheduler: 'k.sched.one', next: 'purge' }]);
    expect(describeKind(once[0]!).text).toBe(
      'Published by the message schedule on k.sched.one. It was a one-off: the schedule was removed after it ran.',
    );
    const rep = describeKind({ kind: 'scheduled', scheduler: 's', next: '2026-01-01T10:00:00Z' });
    expect(rep.text).toMatch(/Next run: 2026-01-01 \d\d:00:00\.000\./);
  });

  it('matches header names case-insensitively and lists several kinds in order', () => {
    const kinds = classifyMessage([
      ['nats-ttl', '30s'],
      ['NATS-INCR', '+1'],
    ]);
    expect(kinds.map((k) => k.kind)).toEqual(['ttl', 'counter']);
  });
});

describe('parseTtlMs', () => {
  it('reads seconds, Go durations and never', () => {
    expect(parseTtlMs('60')).toBe(60_000);
    expect(parseTtlMs('1m0s')).toBe(60_000);
    expect(parseTtlMs('1h30m')).toBe(5_400_000);
    expect(parseTtlMs('1.5s')).toBe(1500);
    expect(parseTtlMs('250ms')).toBe(250);
    expect(parseTtlMs('never')).toBe(Infinity);
    expect(parseTtlMs('NEVER')).toBe(Infinity);
  });
  it('refuses what is not a duration', () => {
    for (const s of ['', 'soon', '1d', '1h junk', '-1s', 's']) expect(parseTtlMs(s)).toBeNull();
  });
});

describe('schedulePatternWords', () => {
  it('words @at, @every, aliases and cron lines', () => {
    expect(schedulePatternWords('@at 2026-01-01T10:00:00Z')).toMatch(
      /^once, at 2026-01-01 \d\d:00:00\.000$/,
    );
    expect(schedulePatternWords('@at whenever')).toBe('once, at whenever');
    expect(schedulePatternWords('@every 30s')).toBe('every 30.0 s');
    expect(schedulePatternWords('@hourly')).toBe('hourly (@hourly)');
    expect(schedulePatternWords('*/5 * * * * *')).toBe('on the cron schedule “*/5 * * * * *”');
  });
});
