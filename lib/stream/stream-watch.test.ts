import { describe, expect, it } from 'vitest';
import { compareStream, isStreamNotFound, type StreamMark } from './stream-watch';

const base: StreamMark = { created: '2026-12-06T01:00:00.123456789Z', firstSeq: 1, lastSeq: 100 };

describe('compareStream', () => {
  it('is ok while the stream only grows or ages out partly', () => {
    expect(compareStream(base, { ...base, lastSeq: 150 })).toEqual({ kind: 'ok' });
    expect(compareStream(base, { ...base, firstSeq: 100, lastSeq: 150 })).toEqual({ kind: 'ok' });
  });
  it('tells a deleted stream', () => {
    expect(compareStream(base, null)).toEqual({ kind: 'deleted' });
  });
  it('tells a recreated stream by its creation time or a sequence going back', () => {
    expect(
      compareStream(base, { created: '2026-12-06T01:05:00Z', firstSeq: 1, lastSeq: 300 }),
    ).toEqual({ kind: 'recreated', firstSeq: 1, lastSeq: 300 });
    expect(compareStream(base, { ...base, lastSeq: 20 })).toEqual({
      kind: 'recreated',
      firstSeq: 1,
      lastSeq: 20,
    });
  });
  it('tells a purge that removed everything the page saw', () => {
    expect(compareStream(base, { ...base, firstSeq: 101, lastSeq: 100 })).toEqual({
      kind: 'purged',
      firstSeq: 101,
      lastSeq: 100,
    });
  });
  it('knows the API answer for a missing stream', () => {
    expect(isStreamNotFound(new Error('stream not found'))).toBe(true);
    expect(isStreamNotFound(new Error('timeout'))).toBe(false);
  });
});
