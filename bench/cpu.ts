/**
 * How busy the machine was during a measurement, split into this run's own processes (the
 * bench, nats-server, the app, Chromium: every descendant of this process) and everything
 * else. Wall-clock figures such as the longest task swing with other processes competing for
 * the cores, so a figure's note can say how much of the CPU it did not have. Linux (/proc)
 * only; elsewhere the meter reads nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * CPU time in clock ticks: all cores busy, all cores in total, stolen by the hypervisor (a
 * virtual machine's vCPU waiting for the host: the guest counts it as running), this run's
 * processes.
 */
export type CpuSample = { busy: number; total: number; steal: number; own: number };

/** Busy, total and stolen ticks over all cores from the first line of /proc/stat. */
export function parseProcStat(text: string): { busy: number; total: number; steal: number } | null {
  const line = text.split('\n', 1)[0] ?? '';
  if (!line.startsWith('cpu ')) return null;
  // user nice system idle iowait irq softirq steal (guest times are already in user/nice).
  const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (v.length < 5 || v.some((x) => !Number.isFinite(x))) return null;
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: total - idle, total, steal: v[7] ?? 0 };
}

/**
 * pid, ppid and ticks (user + system, own and of reaped children) from a /proc/<pid>/stat line.
 * Counting reaped children keeps a process that exits during the measurement in its parent.
 */
export function parsePidStat(text: string): { pid: number; ppid: number; ticks: number } | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const f = text.slice(close + 2).split(' ');
  // Fields after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
  const pid = Number(text.slice(0, text.indexOf(' ')));
  const ppid = Number(f[1]);
  const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  return Number.isFinite(pid) && Number.isFinite(ppid) && Number.isFinite(ticks)
    ? { pid, ppid, ticks }
    : null;
}

/** Ticks of `root` and all its descendants, given every process's stat. */
export function treeTicks(
  procs: { pid: number; ppid: number; ticks: number }[],
  root: number,
): number {
  const children = new Map<number, number[]>();
  for (const p of procs) {
    const c = children.get(p.ppid);
    if (c) c.push(p.pid);
    else children.set(p.ppid, [p.pid]);
  }
  const ticks = new Map(procs.map((p) => [p.pid, p.ticks]));
  let sum = 0;
  const todo = [root];
  for (let pid = todo.pop(); pid !== undefined; pid = todo.pop()) {
    sum += ticks.get(pid) ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  return sum;
}

/** The machine's CPU counters now; null where /proc is unavailable. */
export function sampleCpu(): CpuSample | null {
  try {
    const all = parseProcStat(readFileSync('/proc/stat', 'utf8'));
    if (!all) return null;
    const procs: { pid: number; ppid: number; ticks: number }[] = [];
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const p = parsePidStat(readFileSync(`/proc/${d}/stat`, 'utf8'));
        if (p) procs.push(p);
      } catch {
        // exited while we listed it
      }
    }
    return { ...all, own: treeTicks(procs, process.pid) };
  } catch {
    return null;
  }
}

/**
 * Shares (0–1) of the machine's CPU time between two samples: used by this run, by other
 * processes, and taken by the hypervisor (steal, counted apart from the other processes).
 */
export type CpuShares = { own: number; other: number; steal: number };

export function cpuShares(a: CpuSample, b: CpuSample): CpuShares | null {
  const total = b.total - a.total;
  if (total <= 0) return null;
  const own = Math.max(0, b.own - a.own);
  const steal = Math.max(0, b.steal - a.steal);
  const other = Math.max(0, b.busy - a.busy - own - steal);
  return { own: own / total, other: other / total, steal: steal / total };
}

/**
 * The longest task is wall time: a frame's task waits whenever the page's thread waits for a
 * core (measured: frame tasks over 50 ms took 2–4× their CPU time, and they came when other
 * programs on the machine were busy, not this run's leftovers). On a virtual machine the host
 * can also take the vCPU away (steal), which even the thread's CPU time counts as running:
 * traced frames whose layout, shaping or paint took 3–6× their usual time for the same number
 * of objects. Say how busy the machine was, and how much the hypervisor took.
 */
export function machineNote(shares: CpuShares | null, load: number, during: string): string {
  const cores = os.cpus().length;
  const busy = shares
    ? `other processes used ${Math.round(shares.other * 100)}% of the ${cores} cores' time during ${during} and the hypervisor took ${Math.round(shares.steal * 100)}% (steal) (this run ${Math.round(shares.own * 100)}%), `
    : '';
  return `${busy}load average ${load.toFixed(1)} at the start; the figure is wall time, so it grows when the page waits for a core`;
}
