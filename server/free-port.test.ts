import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ephemeralRange, freePort, parsePortRange, reservableRange } from './free-port';

describe('free ports for listeners started later', () => {
  it('reads the kernel’s ephemeral range', () => {
    expect(parsePortRange('32768\t60999\n')).toEqual([32768, 60999]);
    expect(parsePortRange('1024 65000')).toEqual([1024, 65000]);
    expect(parsePortRange('')).toBeNull();
    expect(parsePortRange('60999 32768')).toBeNull();
  });

  it('reserves ports outside it, where the kernel never hands one out by itself', () => {
    expect(reservableRange([32768, 60999])).toEqual([10000, 32767]);
    expect(reservableRange([10500, 60000])).toEqual([60001, 65535]); // little room below
    expect(reservableRange([1024, 65535])).toBeNull(); // none: the kernel picks
  });

  it('gives a port outside the ephemeral range that can be listened on', async () => {
    const [lo, hi] = ephemeralRange();
    const port = await freePort();
    expect(port < lo || port > hi).toBe(true);
    await new Promise<void>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => s.close(() => resolve()));
    });
  });
});
