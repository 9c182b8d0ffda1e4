import { describe, expect, it } from 'vitest';
import { appendSample, deriveRates, rateBetween, recentRate, type StreamSample } from './rates';

const s = (
  t: number,
  lastSeq: number,
  messages = lastSeq,
  bytes = messages * 100,
): StreamSample => ({ t, lastSeq, messages, bytes });

describe('rate derivation', () => {
  it('derives msgs/s from last_seq growth and bytes/s from bytes growth', () => {
    expect(rateBetween(s(0, 100), s(2000, 300))).toEqual({
      t: 2000,
      msgsPerSec: 100,
      bytesPerSec: 10_000,
    });
  });
  it('keeps counting when a limit discards as fast as messages arrive', () => {
    // At max_msgs = 1000 the message count stays flat while last_seq moves.
    const r = rateBetween(s(0, 5000, 1000, 100_000), s(1000, 5500, 1000, 100_000));
    expect(r?.msgsPerSec).toBe(500);
    expect(r?.bytesPerSec).toBe(500 * 100);
  });
  it('gives no rate when time does not advance or the stream was reset', () => {
    expect(rateBetween(s(1000, 10), s(1000, 20))).toBeNull();
    expect(rateBetween(s(0, 500), s(1000, 3))).toBeNull();
  });
  it('derives a series and a windowed mean', () => {
    const samples = [s(0, 0), s(1000, 10), s(2000, 30), s(3000, 60)];
    expect(deriveRates(samples).map((r) => r.msgsPerSec)).toEqual([10, 20, 30]);
    expect(recentRate(samples, 2000)?.msgsPerSec).toBe(25);
    expect(recentRate(samples.slice(0, 1), 2000)).toBeNull();
  });
  it('appends in time order and caps the series', () => {
    let list: StreamSample[] = [];
    for (let i = 0; i < 10; i++) list = appendSample(list, s(i * 1000, i), 4);
    expect(list.map((x) => x.t)).toEqual([6000, 7000, 8000, 9000]);
    expect(appendSample(list, s(9000, 99), 4)).toBe(list);
  });
});
