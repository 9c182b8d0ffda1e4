import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { cpuShares, machineNote, parsePidStat, parseProcStat, treeTicks } from './cpu';

describe('cpu meter', () => {
  it('reads busy and total ticks from /proc/stat', () => {
    const text = 'cpu  100 5 50 800 20 3 2 0 0 0\ncpu0 50 2 25 400 10 1 1 0 0 0\n';
    expect(parseProcStat(text)).toEqual({ busy: 160, total: 980, steal: 0 });
    expect(parseProcStat('cpu  100 5 50 800 20 3 2 40 0 0\n')).toEqual({
      busy: 200,
      total: 1020,
      steal: 40,
    });
    expect(parseProcStat('intr 1 2 3')).toBeNull();
  });

  it('reads pid, ppid and own + reaped-children ticks, names with spaces and parens included', () => {
    const line = '4187 (chromium (x) y) S 4100 4100 0 0 -1 0 0 0 0 0 70 30 5 2 20 0 1 0';
    expect(parsePidStat(line)).toEqual({ pid: 4187, ppid: 4100, ticks: 107 });
  });

  it('sums a process tree and leaves other processes out', () => {
    const procs = [
      { pid: 1, ppid: 0, ticks: 1000 },
      { pid: 10, ppid: 1, ticks: 5 },
      { pid: 11, ppid: 10, ticks: 7 },
      { pid: 12, ppid: 11, ticks: 3 },
      { pid: 20, ppid: 1, ticks: 400 },
    ];
    expect(treeTicks(procs, 10)).toBe(15);
  });

  it('splits the machine time between this run and the rest', () => {
    expect(
      cpuShares(
        { busy: 100, total: 1000, steal: 0, own: 40 },
        { busy: 250, total: 1200, steal: 0, own: 140 },
      ),
    ).toEqual({ own: 0.5, other: 0.25, steal: 0 });
    // Stolen time is busy time of no process: it is counted apart.
    expect(
      cpuShares(
        { busy: 100, total: 1000, steal: 10, own: 40 },
        { busy: 250, total: 1200, steal: 30, own: 140 },
      ),
    ).toEqual({ own: 0.5, other: 0.15, steal: 0.1 });
    expect(
      cpuShares({ busy: 0, total: 10, steal: 0, own: 0 }, { busy: 0, total: 10, steal: 0, own: 0 }),
    ).toBeNull();
  });

  it('says how busy the machine was during a measurement, and that the figure is wall time', () => {
    const cores = os.cpus().length;
    expect(machineNote({ own: 0.37, other: 0.004, steal: 0.1 }, 3.27, 'the live traffic')).toBe(
      `other processes used 0% of the ${cores} cores' time during the live traffic and the hypervisor took 10% (steal) (this run 37%), load average 3.3 at the start; the figure is wall time, so it grows when the page waits for a core`,
    );
    expect(machineNote(null, 1, 'the play')).toBe(
      'load average 1.0 at the start; the figure is wall time, so it grows when the page waits for a core',
    );
  });
});
