import { readdirSync, readFileSync } from 'node:fs';

/**
 * What the benchmarks read of processes from /proc (Linux): a process's memory and CPU time, this
 * process's children, and the whole machine's CPU time.
 */

/** Fields of /proc/<pid>/stat after the parenthesised command name (which may hold spaces): state(0) ppid(1) … utime(11) stime(12). */
function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Resident set size of a process in MB. */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
}

/** Samples a process's RSS every `everyMs` until the returned function is called; that returns the peak in MB. */
export function rssSampler(pid: number, everyMs = 100): () => number {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssMb(pid));
  };
}

/** CPU seconds (user + system) a process has used; the kernel counts in ticks of 1/100 s on Linux. */
export function cpuSeconds(pid: number): number {
  const f = statFields(pid);
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** This process's child processes. */
export function childPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(statFields(entry)[1]) === process.pid) pids.push(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return pids;
}

/** Busy and total CPU time of the whole machine so far, in ticks, from /proc/stat (idle and iowait count as not busy). */
export function machineTicks(): { busy: number; total: number } {
  const t = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = t.reduce((a, b) => a + b, 0);
  return { busy: total - t[3]! - t[4]!, total };
}
